/**
 * After a gap, a decoder drops the partial frame and waits for a line
 * start that looks like the start of a frame, so that nothing it emits
 * afterwards is read from the middle of a literal or a line.
 */
import { CLASS, TAG, SP, CR, LF, PLUS, STAR, DIGIT } from '../wire/chars.js';
import { KNOWN_COMMANDS } from '../grammar/command.js';
import type { Direction } from './types.js';

/** The longest line start {@link looksLikeFrameStart} needs to decide. */
export const PROBE_LENGTH = 96;

const STATUS = ['OK', 'NO', 'BAD', 'BYE', 'PREAUTH'];
/** Untagged response names (RFC 9051 §7 and the extensions imapwire reads); a number (EXISTS, FETCH ...) passes too. */
const UNTAGGED = new Set([
  ...STATUS, 'CAPABILITY', 'ENABLED', 'LIST', 'LSUB', 'STATUS', 'SEARCH', 'ESEARCH', 'FLAGS', 'NAMESPACE', 'ID', 'QUOTA',
  'QUOTAROOT', 'ACL', 'LISTRIGHTS', 'MYRIGHTS', 'METADATA', 'SORT', 'THREAD', 'VANISHED',
]);
const ALPHA_NUM = (c: number): boolean => (c >= 0x41 && c <= 0x5a) || (c >= 0x61 && c <= 0x7a) || (CLASS[c] & DIGIT) !== 0;

/**
 * Whether `b[0, end)`, the start of a line, looks like the start of a
 * frame sent by `direction`: a server's `* ` (then a number or a known
 * response name),
 * `+` (then SP or the line end), or `tag SP OK|NO|BAD`; a
 * client's `tag SP command-name` (a command imapwire knows). Undefined
 * when the bytes end before the answer is known and `complete` is false.
 *
 * @example
 * looksLikeFrameStart('server', utf8('* 3 EXISTS\r\n'), 12, true); // true
 * looksLikeFrameStart('client', utf8('Subject: hi\r\n'), 13, true); // false
 */
export function looksLikeFrameStart(direction: Direction, b: Uint8Array, end: number, complete: boolean): boolean | undefined {
  const more = complete || end >= PROBE_LENGTH ? false : undefined;
  if (end === 0) return more;
  const first = b[0];
  if (direction === 'server') {
    if (first === PLUS) return end < 2 ? more : b[1] === SP || b[1] === CR || b[1] === LF;
    if (first === STAR) {
      if (end < 3) return more;
      if (b[1] !== SP) return false;
      if ((CLASS[b[2]] & DIGIT) !== 0) return true;
      return word(b, 2, end, more, UNTAGGED);
    }
  }
  let k = 0;
  while (k < end && (CLASS[b[k]] & TAG) !== 0) k++;
  if (k === end) return more;
  if (k === 0 || b[k] !== SP) return false;
  return word(b, k + 1, end, more, direction === 'server' ? TAGGED : KNOWN_COMMANDS);
}

const TAGGED: ReadonlySet<string> = new Set(['OK', 'NO', 'BAD']);

/** Whether the word at `w` (letters, then SP or the line end) is one of `names`. */
function word(b: Uint8Array, w: number, end: number, more: false | undefined, names: ReadonlySet<string>): boolean | undefined {
  let k = w;
  while (k < end && ALPHA_NUM(b[k])) k++;
  if (k === end) return more;
  if (k === w || (b[k] !== SP && b[k] !== CR && b[k] !== LF)) return false;
  let s = '';
  for (let j = w; j < k; j++) s += String.fromCharCode(b[j] & 0xdf);
  return names.has(s);
}
