/**
 * A compact fingerprint of a parsed value: FNV-1a (32 bits) over a walk of
 * the value (strings, numbers, bigints, bytes, arrays, plain objects in key
 * order). The tracker keeps one of these per message and static item
 * instead of the value itself: two equal values always get the same
 * fingerprint, so a difference is always a real change; a change can go
 * unseen only when two different values collide (one chance in 2^32).
 */

const FNV_OFFSET = 0x811c9dc5;
const FNV_PRIME = 0x01000193;

function mixByte(h: number, b: number): number {
  return Math.imul(h ^ b, FNV_PRIME) >>> 0;
}

function mixString(h: number, s: string): number {
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    h = mixByte(h, c & 0xff);
    if (c > 0xff) h = mixByte(h, c >>> 8);
  }
  return h;
}

function mix(h: number, v: unknown): number {
  if (v === null) return mixByte(h, 0x01);
  if (v === undefined) return mixByte(h, 0x02);
  switch (typeof v) {
    case 'string':
      return mixByte(mixString(mixByte(h, 0x03), v), 0x00);
    case 'number':
      return mixByte(mixString(mixByte(h, 0x04), String(v)), 0x00);
    case 'bigint':
      return mixByte(mixString(mixByte(h, 0x05), v.toString()), 0x00);
    case 'boolean':
      return mixByte(h, v ? 0x06 : 0x07);
    case 'object': {
      if (v instanceof Uint8Array) {
        h = mixByte(h, 0x08);
        for (let i = 0; i < v.length; i++) h = mixByte(h, v[i]);
        return mixByte(mixString(h, String(v.length)), 0x00);
      }
      if (Array.isArray(v)) {
        h = mixByte(h, 0x09);
        for (const x of v) h = mix(h, x);
        return mixByte(h, 0x0a);
      }
      h = mixByte(h, 0x0b);
      const o = v as Record<string, unknown>;
      for (const k of Object.keys(o).sort()) {
        if (o[k] === undefined) continue;
        h = mix(mixString(h, k), o[k]);
      }
      return mixByte(h, 0x0c);
    }
    default:
      return h;
  }
}

/**
 * The fingerprint of a value: a non-zero 32-bit number (0 is left for
 * "not known").
 *
 * @example
 * fingerprint({ type: 'RFC822.SIZE', value: 4286 }) === fingerprint({ value: 4286, type: 'RFC822.SIZE' }) // true
 */
export function fingerprint(value: unknown): number {
  const h = mix(FNV_OFFSET, value);
  return h === 0 ? 1 : h;
}
