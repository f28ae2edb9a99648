/**
 * Text in a named charset, through the platform's `TextDecoder` (the
 * WHATWG Encoding Standard's labels: `utf-8`, `iso-8859-1`, `windows-1252`,
 * `koi8-r`, `shift_jis`, `gb18030`, ...). No tables of our own.
 */

const decoders = new Map<string, TextDecoder | null>();

function decoderFor(charset: string): TextDecoder | null {
  const key = charset.trim().toLowerCase();
  let d = decoders.get(key);
  if (d === undefined) {
    try {
      d = new TextDecoder(key);
    } catch {
      d = null; // a label the platform does not know (RangeError)
    }
    if (decoders.size < 64) decoders.set(key, d);
  }
  return d;
}

/**
 * Decode `bytes` in `charset`; null when the platform has no decoder for
 * that label. A missing charset (`null`) or `us-ascii` (the MIME default,
 * RFC 2046 §4.1.2) is read as UTF-8, its superset, since 8-bit text
 * without a label is UTF-8 far more often than not. Bytes invalid in the
 * charset become U+FFFD.
 *
 * @example
 * decodeCharset(new Uint8Array([0x47, 0x72, 0xfc, 0xdf, 0x65]), 'iso-8859-1') // 'Grüße'
 */
export function decodeCharset(bytes: Uint8Array, charset: string | null): string | null {
  const label = charset === null || /^\s*(us-)?ascii\s*$/i.test(charset) ? 'utf-8' : charset;
  const d = decoderFor(label);
  return d === null ? null : d.decode(bytes);
}
