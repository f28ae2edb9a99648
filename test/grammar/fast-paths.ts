/**
 * Shared by the fast-path tests (body-fast, envelope-fast, thread-fast, ...):
 * ways to make the general path read what a fast path would, and to
 * compare the two.
 */
import fc from 'fast-check';
import { expect } from 'vitest';
import { Writer } from '../../src/wire/writer.js';
import { Reader, type ReaderOptions } from '../../src/wire/reader.js';
import { ImapParseError } from '../../src/wire/errors.js';

/** JSON.stringify replacer for values holding bigints (key order is compared too). */
export const bigints = (_k: string, v: unknown): unknown => (typeof v === 'bigint' ? `${v}n` : v);

/**
 * The same bytes with an extra space after the first field: the fast path
 * gives up there, so the general path reads them (recording one more
 * quirk, `extra-space`, and giving the same value).
 */
export function generalForm(wire: Uint8Array, first: string): Uint8Array | undefined {
  const w = new Writer({ side: 'server' });
  w.string(first);
  const token = w.toBytes();
  for (let i = 0; i < token.length; i++) if (wire[1 + i] !== token[i]) return undefined;
  const at = 1 + token.length;
  const out = new Uint8Array(wire.length + 1);
  out.set(wire.subarray(0, at));
  out[at] = 0x20;
  out.set(wire.subarray(at), at + 1);
  return out;
}

/** The quirks' names, one `extra-space` (the one {@link generalForm} adds) taken out, sorted. */
export function lessOneSpace(names: string[]): string[] {
  const k = names.indexOf('extra-space');
  return (k < 0 ? names : [...names.slice(0, k), ...names.slice(k + 1)]).sort();
}

/**
 * What reading `bytes` with `read` gives: the value (bigints spelled out),
 * the warnings, and where the cursor and depth stopped; or the error's
 * fields. Two readers that must agree give equal outcomes.
 */
export function outcome(bytes: Uint8Array, read: (r: Reader) => unknown, options: ReaderOptions = {}): unknown {
  const r = new Reader(bytes, options);
  try {
    const value = read(r);
    return { value: JSON.stringify(value, bigints), warnings: r.warnings ?? [], pos: r.pos, depth: r.depth };
  } catch (e) {
    if (!(e instanceof ImapParseError)) throw e;
    return { error: { offset: e.offset, expected: e.expected, found: e.found, rule: e.rule, rfc: e.rfc, code: e.code } };
  }
}

/**
 * The check every fast-path property ends with. `b` is the general path's
 * lenient reading of {@link generalForm}'s bytes; `read` reads `wire` (which
 * the fast path may take). Strict mode refuses exactly what lenient mode
 * warns about; leniently the value, its key order and its warnings are the
 * general path's (less the one `extra-space`).
 */
export function expectAsGeneral(read: (wire: Uint8Array, strict: boolean) => { value: unknown; warnings: string[] }, wire: Uint8Array, b: { value: unknown; warnings: string[] }, strict: boolean): void {
  if (strict) {
    // Strict mode refuses exactly what lenient mode warns about.
    const warned = lessOneSpace(b.warnings).length > 0;
    let ok = true;
    try {
      expect(read(wire, true).value).toEqual(b.value);
    } catch (err) {
      expect(err).toBeInstanceOf(ImapParseError);
      ok = false;
    }
    expect(ok).toBe(!warned);
    return;
  }
  const a = read(wire, false);
  expect(a.value).toEqual(b.value);
  // Key order too (JSON output shows it).
  expect(JSON.stringify(a.value, bigints)).toBe(JSON.stringify(b.value, bigints));
  expect([...a.warnings].sort()).toEqual(lessOneSpace(b.warnings));
}

/** Bytes that break a fast path's assumptions: spaces, parens, digits, zero, 8-bit, line ends, quotes. */
const NOISE = [0x20, 0x28, 0x29, 0x30, 0x31, 0x39, 0x61, 0x4e, 0xe9, 0x0d, 0x0a, 0x22, 0x5c, 0x7b];

/**
 * `bytes` with up to three bytes inserted, replaced or deleted (from
 * {@link NOISE}), so fast and general paths meet the unusual forms and
 * the errors too.
 */
export function mutated(bytes: Uint8Array): fc.Arbitrary<Uint8Array> {
  const edit = fc.tuple(fc.nat(), fc.constantFrom('insert', 'replace', 'delete'), fc.constantFrom(...NOISE));
  return fc.array(edit, { maxLength: 3 }).map((edits) => {
    let b = [...bytes];
    for (const [at, how, c] of edits) {
      const k = b.length === 0 ? 0 : at % b.length;
      if (how === 'insert') b = [...b.slice(0, k), c, ...b.slice(k)];
      else if (how === 'replace') b[k] = c;
      else b.splice(k, 1);
    }
    return Uint8Array.from(b);
  });
}
