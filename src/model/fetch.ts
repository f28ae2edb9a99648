import type { ImapValue } from './value.js';

/**
 * One data item of a FETCH response (RFC 9051 §7.5.2 `msg-att`).
 * PROVISIONAL: the FETCH grammar work replaces this with the full union.
 */
export type FetchItem = { type: 'unknown'; name: string; value: ImapValue };
