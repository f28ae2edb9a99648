import type { ImapValue } from './value.js';
import type { ImapDateTime } from './datetime.js';
import type { Flag } from './flags.js';
import type { Section } from './section.js';
import type { Envelope } from './envelope.js';
import type { BodyStructure } from './body.js';

/**
 * The handle of message data that a `ResponseDecoder` with
 * `streamLiteralsAbove` handed out in `literal-chunk` events instead of
 * keeping it: `id` is the one those events carried, `length` the literal's
 * size in bytes. An item carrying one has an empty `value`, and cannot be
 * serialized (the bytes are gone): `serializeResponse` throws an
 * `ImapEncodeError`.
 *
 * @example
 * if (item.type === 'BODY[]' && item.streamed) console.log(item.streamed.id, item.streamed.length);
 */
export interface StreamedLiteral {
  type: 'streamed';
  id: number;
  length: number;
}

/**
 * One data item of a FETCH response (RFC 9051 §7.5.2, §9 `msg-att`),
 * discriminated by `type` (the item name in RFC spelling). Every item
 * keeps its payload in `value`; section items also carry `section` /
 * `part` and `origin`.
 *
 * Message content (`RFC822*`, `BODY[]`, `BINARY[]`) is a `Uint8Array` view
 * of the frame, or null for NIL. From a decoder that streams literals, a
 * streamed one has `streamed` set (its handle) and an empty `value`.
 * An item without a grammar here is kept as
 * `unknown` and written back unchanged.
 *
 * @example
 * for (const it of items) {
 *   if (it.type === 'UID') uid = it.value;
 *   else if (it.type === 'BODY[]') body = it.value;
 * }
 */
export type FetchItem =
  | { type: 'FLAGS'; value: Flag[] }
  | { type: 'INTERNALDATE'; value: ImapDateTime }
  | { type: 'RFC822.SIZE'; value: number }
  | { type: 'RFC822'; value: Uint8Array | null; streamed?: StreamedLiteral }
  | { type: 'RFC822.HEADER'; value: Uint8Array | null; streamed?: StreamedLiteral }
  | { type: 'RFC822.TEXT'; value: Uint8Array | null; streamed?: StreamedLiteral }
  | { type: 'UID'; value: number }
  | { type: 'ENVELOPE'; value: Envelope }
  /** The non-extensible BODY form (same shape, extension data normally absent). */
  | { type: 'BODY'; value: BodyStructure }
  | { type: 'BODYSTRUCTURE'; value: BodyStructure }
  /** `BODY[section]<origin>`: `origin` is set only when the server sent `<n>`. */
  | { type: 'BODY[]'; section: Section; origin?: number; value: Uint8Array | null; streamed?: StreamedLiteral }
  /**
   * `BINARY[part]<origin>` (RFC 3516, RFC 9051): `literal8` is true when the
   * data came (or is to go) as `~{n}`; data holding NUL is always written
   * as literal8, so such values carry `literal8: true`.
   */
  | { type: 'BINARY[]'; part: number[]; origin?: number; value: Uint8Array | null; literal8?: boolean; streamed?: StreamedLiteral }
  /** `BINARY.SIZE[part]` (RFC 3516). */
  | { type: 'BINARY.SIZE'; part: number[]; value: number }
  /** `MODSEQ (n)` (RFC 7162). */
  | { type: 'MODSEQ'; value: bigint }
  /** `EMAILID (id)` (RFC 8474). */
  | { type: 'EMAILID'; value: string }
  /** `THREADID (id)` or `THREADID NIL` (RFC 8474). */
  | { type: 'THREADID'; value: string | null }
  /** `SAVEDATE` (RFC 8514): date-time or NIL. */
  | { type: 'SAVEDATE'; value: ImapDateTime | null }
  /** `PREVIEW` (RFC 8970): nstring. */
  | { type: 'PREVIEW'; value: string | null }
  /** Gmail's message id (number64). */
  | { type: 'X-GM-MSGID'; value: bigint }
  /** Gmail's thread id (number64). */
  | { type: 'X-GM-THRID'; value: bigint }
  /** Gmail labels: astrings and `\Flag`-style system labels (`\Inbox`). */
  | { type: 'X-GM-LABELS'; value: string[] }
  /** Any other item: its name as sent and a generic value. */
  | { type: 'unknown'; name: string; value: ImapValue };

/**
 * The `type` names of {@link FetchItem}.
 *
 * @example
 * const t: FetchItemType = 'BODYSTRUCTURE';
 */
export type FetchItemType = FetchItem['type'];

/**
 * The item of one type from a FETCH item list, or undefined.
 *
 * @example
 * fetchItem(response.items, 'UID')?.value // 7
 */
export function fetchItem<T extends FetchItemType>(items: readonly FetchItem[], type: T): Extract<FetchItem, { type: T }> | undefined {
  for (const it of items) if (it.type === type) return it as Extract<FetchItem, { type: T }>;
  return undefined;
}
