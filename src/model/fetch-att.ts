import type { Section } from './section.js';

/**
 * `<offset.length>` after `BODY[...]` / `BINARY[...]` in a FETCH command
 * (RFC 9051 §9 `partial`: number64 "." nz-number64).
 *
 * @example
 * const p: FetchPartial = { offset: 0n, length: 1024n };
 */
export interface FetchPartial {
  offset: bigint;
  length: bigint;
}

/**
 * FETCH items that are a bare name.
 *
 * @example
 * const a: FetchSimpleAttName = 'BODYSTRUCTURE';
 */
export type FetchSimpleAttName =
  | 'ENVELOPE' | 'FLAGS' | 'INTERNALDATE' | 'RFC822' | 'RFC822.HEADER' | 'RFC822.SIZE' | 'RFC822.TEXT'
  | 'BODY' | 'BODYSTRUCTURE' | 'UID' | 'MODSEQ' | 'EMAILID' | 'THREADID' | 'SAVEDATE'
  | 'X-GM-MSGID' | 'X-GM-THRID' | 'X-GM-LABELS';

/**
 * One FETCH data item a client asks for (RFC 9051 §6.4.5 `fetch-att`,
 * RFC 3516 BINARY, RFC 7162 MODSEQ, RFC 8474, RFC 8514, RFC 8970
 * PREVIEW, Gmail). Unknown items keep their name.
 *
 * @example
 * // BODY.PEEK[HEADER.FIELDS (Subject)]<0.512>
 * const a: FetchAtt = { type: 'BODY[]', peek: true, section: { part: [], text: { type: 'HEADER.FIELDS', fields: ['Subject'] } }, partial: { offset: 0n, length: 512n } };
 */
export type FetchAtt =
  | { type: FetchSimpleAttName }
  | { type: 'BODY[]'; peek: boolean; section: Section; partial?: FetchPartial }
  | { type: 'BINARY[]'; peek: boolean; part: number[]; partial?: FetchPartial }
  | { type: 'BINARY.SIZE[]'; part: number[] }
  /** RFC 8970: `PREVIEW` or `PREVIEW (LAZY)`. */
  | { type: 'PREVIEW'; lazy?: boolean }
  /** An item imapwire does not know, e.g. `X-FOO` or `X-BAR[1]`. */
  | { type: 'unknown'; name: string };

/**
 * What a FETCH asks for: a macro (RFC 9051 §6.4.5) or a list of items.
 *
 * @example
 * const a: FetchItems = 'FAST';
 * const b: FetchItems = [{ type: 'UID' }, { type: 'FLAGS' }];
 */
export type FetchItems = 'ALL' | 'FAST' | 'FULL' | FetchAtt[];
