/**
 * Where the literals of a frame are, read from the bytes: each line that
 * ends in `{n}`, `{n+}`, `{n-}` or `~{n}` before its CRLF is followed by n
 * bytes of data (RFC 9051 §4.3, RFC 7888).
 */

/** One literal header found in a frame. */
export interface LiteralHeader {
  /** Offset of the `{` in the frame. */
  at: number;
  length: number;
  /** `{n+}` / `{n-}`: non-synchronizing (RFC 7888). */
  nonSync: boolean;
}

/**
 * The literal headers of one frame, in order.
 *
 * @example
 * literalHeaders(new TextEncoder().encode('a APPEND x {3}\r\nabc\r\n')) // [{ at: 11, length: 3, nonSync: false }]
 */
export function literalHeaders(frame: Uint8Array): LiteralHeader[] {
  const out: LiteralHeader[] = [];
  let i = 0;
  while (i < frame.length) {
    let lf = frame.indexOf(0x0a, i);
    if (lf < 0) break;
    let end = lf;
    if (end > i && frame[end - 1] === 0x0d) end--;
    if (end > i && frame[end - 1] === 0x7d /* } */) {
      let j = end - 2;
      const nonSync = frame[j] === 0x2b || frame[j] === 0x2d;
      if (nonSync) j--;
      let n = 0;
      let mul = 1;
      let digits = 0;
      while (j >= i && frame[j] >= 0x30 && frame[j] <= 0x39 && digits < 16) {
        n += (frame[j] - 0x30) * mul;
        mul *= 10;
        digits++;
        j--;
      }
      if (digits > 0 && j >= i && frame[j] === 0x7b /* { */) {
        out.push({ at: j, length: n, nonSync });
        lf += n;
      }
    }
    i = lf + 1;
  }
  return out;
}
