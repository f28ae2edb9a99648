import { describe, test, expect } from 'vitest';
import fc from 'fast-check';
import { encodeMailboxUtf7, decodeMailboxUtf7 } from '../../src/util/utf7.js';
import { parseSequenceSet, formatSequenceSet, iterateSequenceSet, sequenceSetHas, compressSequenceSet } from '../../src/util/sequence-set.js';
import { ImapParseError, ImapEncodeError } from '../../src/wire/errors.js';

describe('modified UTF-7 (RFC 3501 §5.1.3)', () => {
  test('the RFC example', () => {
    expect(encodeMailboxUtf7('~peter/mail/日本語/台北')).toBe('~peter/mail/&ZeVnLIqe-/&U,BTFw-');
    expect(decodeMailboxUtf7('~peter/mail/&ZeVnLIqe-/&U,BTFw-')).toBe('~peter/mail/日本語/台北');
  });
  test('"&" and plain ASCII', () => {
    expect(encodeMailboxUtf7('Tom & Jerry')).toBe('Tom &- Jerry');
    expect(decodeMailboxUtf7('Tom &- Jerry')).toBe('Tom & Jerry');
    expect(encodeMailboxUtf7('INBOX')).toBe('INBOX');
  });
  test('astral characters (surrogate pairs)', () => {
    expect(decodeMailboxUtf7(encodeMailboxUtf7('a😀b'))).toBe('a😀b');
    expect(encodeMailboxUtf7('😀')).toBe('&2D3eAA-');
  });
  test('round trip for any well-formed string', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme', maxLength: 20 }), (s) => {
        const e = encodeMailboxUtf7(s);
        expect(/^[\x20-\x7e]*$/.test(e)).toBe(true);
        expect(decodeMailboxUtf7(e)).toBe(s);
      }),
    );
  });
  test('refuses what is not modified UTF-7', () => {
    for (const bad of ['&ZeVnLIqe', '&Jjo!', '&AGE-', '&2D0-', 'caf\u00e9', '&ZeVnLIr-']) {
      expect(() => decodeMailboxUtf7(bad), bad).toThrow(Error);
    }
  });
});

describe('sequence sets', () => {
  test('parse and format', () => {
    expect(parseSequenceSet('1,3:5,7:*')).toEqual([1, [3, 5], [7, '*']]);
    expect(parseSequenceSet('$')).toBe('$');
    expect(formatSequenceSet([1, [3, 5], [7, '*']])).toBe('1,3:5,7:*');
    for (const bad of ['', '0', '1,', '1:', 'a', '1,,2', '4294967296', '1 2']) expect(() => parseSequenceSet(bad), bad).toThrow(ImapParseError);
    expect(() => formatSequenceSet([])).toThrow(ImapEncodeError);
  });
  test('iterate with a max for "*"', () => {
    expect([...iterateSequenceSet([1, [3, '*']], 5)]).toEqual([1, 3, 4, 5]);
    expect([...iterateSequenceSet([[4, 2]], 9)]).toEqual([2, 3, 4]);
    expect([...iterateSequenceSet(['*'], 7)]).toEqual([7]);
    expect(sequenceSetHas([[3, '*']], 9, 10)).toBe(true);
    expect(sequenceSetHas([[3, '*']], 2, 10)).toBe(false);
  });
  test('compress', () => {
    expect(compressSequenceSet([5, 1, 2, 3, 9, 2])).toEqual([[1, 3], 5, 9]);
    expect(compressSequenceSet([])).toEqual([]);
  });
  test('compress then iterate gives the sorted distinct numbers; format then parse is identity', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 1, max: 200 }), { minLength: 1, maxLength: 40 }), (ns) => {
        const set = compressSequenceSet(ns);
        expect([...iterateSequenceSet(set, 200)]).toEqual([...new Set(ns)].sort((a, b) => a - b));
        expect(parseSequenceSet(formatSequenceSet(set))).toEqual(set);
      }),
    );
  });
});
