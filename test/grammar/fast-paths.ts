/**
 * Shared by the fast-path tests (body-fast, envelope-fast): ways to make
 * the general path read what a fast path would, and to compare the two.
 */
import { Writer } from '../../src/wire/writer.js';

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
