/**
 * Sequence-set helpers (RFC 9051 §9 `sequence-set`, RFC 4315 `uid-set`):
 * parse and format the wire form, iterate the numbers, and compress a list
 * of numbers into ranges.
 */
import type { SequenceSet, SequenceItem, SeqNumber } from '../model/sequence-set.js';
import { ImapParseError, ImapEncodeError } from '../wire/errors.js';

const MAX = 4294967295;

/**
 * Parse `1,3:5,7:*` (or `$`) into a {@link SequenceSet}. Throws
 * `ImapParseError` (offset into the string) for anything else.
 *
 * @example
 * parseSequenceSet('1,3:5,7:*') // [1, [3, 5], [7, '*']]
 */
export function parseSequenceSet(s: string): SequenceSet {
  if (s === '$') return '$';
  const items: SequenceItem[] = [];
  let i = 0;
  const fail = (expected: string): never => {
    throw new ImapParseError({ offset: i, expected, found: i < s.length ? JSON.stringify(s.slice(i, i + 24)) : 'end of input' });
  };
  const seqNumber = (): SeqNumber => {
    if (s.charCodeAt(i) === 0x2a) {
      i++;
      return '*';
    }
    const start = i;
    while (i < s.length && s.charCodeAt(i) >= 0x30 && s.charCodeAt(i) <= 0x39) i++;
    if (i === start || s.charCodeAt(start) === 0x30 || i - start > 10) {
      i = start;
      return fail('seq-number');
    }
    const n = Number(s.slice(start, i));
    if (n > MAX) {
      i = start;
      return fail('seq-number (at most 4294967295)');
    }
    return n;
  };
  for (;;) {
    const a = seqNumber();
    if (s.charCodeAt(i) === 0x3a) {
      i++;
      items.push([a, seqNumber()]);
    } else items.push(a);
    if (i >= s.length) break;
    if (s.charCodeAt(i) !== 0x2c) fail('"," or end of sequence-set');
    i++;
  }
  return items;
}

/**
 * The wire form of a sequence set.
 *
 * @example
 * formatSequenceSet([1, [3, 5], [7, '*']]) // '1,3:5,7:*'
 */
export function formatSequenceSet(set: SequenceSet): string {
  if (set === '$') return '$';
  if (set.length === 0) throw new ImapEncodeError('a sequence set cannot be empty');
  const parts: string[] = [];
  for (const it of set) {
    if (typeof it === 'object') parts.push(`${checkSeq(it[0])}:${checkSeq(it[1])}`);
    else parts.push(String(checkSeq(it)));
  }
  return parts.join(',');
}

function checkSeq(n: SeqNumber): SeqNumber {
  if (n !== '*' && (!Number.isInteger(n) || n < 1 || n > MAX)) throw new ImapEncodeError(`${n} is not a seq-number`);
  return n;
}

/**
 * The numbers of a set in the order written (`4:2` gives 2, 3, 4; a range
 * is always ascending), `*` standing for `max`. Lazy, so `1:*` over a big
 * mailbox costs nothing until iterated. Duplicates are not removed.
 *
 * @example
 * [...iterateSequenceSet([1, [3, '*']], 5)] // [1, 3, 4, 5]
 */
export function* iterateSequenceSet(set: SequenceSet, max: number): Generator<number> {
  if (set === '$') throw new ImapEncodeError('"$" (the saved search result) has no numbers of its own');
  for (const it of set) {
    if (typeof it === 'object') {
      const a = it[0] === '*' ? max : it[0];
      const b = it[1] === '*' ? max : it[1];
      const lo = Math.min(a, b);
      const hi = Math.max(a, b);
      for (let n = lo; n <= hi; n++) yield n;
    } else {
      yield it === '*' ? max : it;
    }
  }
}

/**
 * True when `n` is in the set (`*` standing for `max`), without iterating.
 *
 * @example
 * sequenceSetHas([[3, '*']], 9, 10) // true
 */
export function sequenceSetHas(set: SequenceSet, n: number, max: number): boolean {
  if (set === '$') return false;
  for (const it of set) {
    if (typeof it === 'object') {
      const a = it[0] === '*' ? max : it[0];
      const b = it[1] === '*' ? max : it[1];
      if (n >= Math.min(a, b) && n <= Math.max(a, b)) return true;
    } else if ((it === '*' ? max : it) === n) return true;
  }
  return false;
}

/**
 * Compress numbers into the shortest sorted set of ranges (duplicates
 * dropped), for UID sets such as APPENDUID / COPYUID.
 *
 * @example
 * compressSequenceSet([5, 1, 2, 3, 9]) // [[1, 3], 5, 9]  i.e. '1:3,5,9'
 */
export function compressSequenceSet(numbers: Iterable<number>): SequenceItem[] {
  const sorted = Array.from(numbers, (n) => {
    if (!Number.isInteger(n) || n < 1 || n > MAX) throw new ImapEncodeError(`${n} is not a seq-number`);
    return n;
  }).sort((a, b) => a - b);
  const out: SequenceItem[] = [];
  let i = 0;
  while (i < sorted.length) {
    const lo = sorted[i];
    let hi = lo;
    while (i + 1 < sorted.length && sorted[i + 1] <= hi + 1) hi = sorted[++i];
    out.push(lo === hi ? lo : [lo, hi]);
    i++;
  }
  return out;
}
