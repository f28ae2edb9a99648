/** Byte helpers shared by the tests. */

/** The parts one after another in a new buffer. */
export function concat(parts: readonly Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let o = 0;
  for (const p of parts) {
    out.set(p, o);
    o += p.length;
  }
  return out;
}

/**
 * Split bytes at the given cut points (taken modulo length + 1, so any
 * numbers a property generates will do); `[-1]` means one byte per chunk.
 * Empty chunks are kept on purpose: decoders must take them.
 */
export function chunk(b: Uint8Array, cuts: readonly number[]): Uint8Array[] {
  if (cuts.length === 1 && cuts[0] === -1) return Array.from({ length: b.length }, (_, i) => b.subarray(i, i + 1));
  const points = [...new Set(cuts.map((c) => c % (b.length + 1)))].sort((x, y) => x - y);
  const out: Uint8Array[] = [];
  let last = 0;
  for (const p of points) {
    out.push(b.subarray(last, p));
    last = p;
  }
  out.push(b.subarray(last));
  return out;
}
