import type { Reader } from '../wire/reader.js';
import type { Writer } from '../wire/writer.js';
import { ImapEncodeError } from '../wire/errors.js';
import { encodeText } from '../util/text.js';
import { CLASS, QUOTED, DQUOTE } from '../wire/chars.js';

/**
 * The delimiter at `p` in its usual form, DQUOTE QUOTED-CHAR DQUOTE (three
 * bytes), as its one character; undefined for any other form.
 */
export function plainDelimiter(b: Uint8Array, p: number, end: number): string | undefined {
  return p + 3 <= end && b[p] === DQUOTE && (CLASS[b[p + 1]] & QUOTED) !== 0 && b[p + 2] === DQUOTE ? String.fromCharCode(b[p + 1]) : undefined;
}

/**
 * `mailbox` (RFC 9051 §9): "INBOX" / astring. The name is kept as sent:
 * no case folding of INBOX, no modified UTF-7 decoding (see `util/utf7`).
 */
export function readMailbox(r: Reader): string {
  return r.astringText();
}

/** Write `mailbox`: an atom when it can be, else quoted or a literal. */
export function writeMailbox(w: Writer, name: string): void {
  w.astring(name);
}

/**
 * The hierarchy delimiter of LIST and NAMESPACE: `DQUOTE QUOTED-CHAR
 * DQUOTE / nil`. Lenient mode takes any quoted string.
 */
export function readDelimiter(r: Reader): string | null {
  // The usual form, one QUOTED-CHAR between quotes, is taken as it is.
  const plain = plainDelimiter(r.bytes, r.pos, r.end);
  if (plain !== undefined) {
    r.pos += 3;
    return plain;
  }
  if (r.peekNil()) return r.nil();
  const at = r.pos;
  const d = r.quotedText();
  if (d.length !== 1) r.quirk('delimiter-length', 'one QUOTED-CHAR', at);
  return d;
}

/** Write the hierarchy delimiter (quoted, or NIL). */
export function writeDelimiter(w: Writer, d: string | null): void {
  if (d === null) {
    w.ascii('NIL');
    return;
  }
  const b = encodeText(d);
  if (!w.isQuotable(b)) throw new ImapEncodeError(`delimiter ${JSON.stringify(d)} cannot be quoted`);
  w.quoted(b);
}
