/**
 * Modified UTF-7 for mailbox names (RFC 3501 §5.1.3, RFC 9051 App. A.1):
 * printable ASCII stands for itself except "&", written "&-"; other
 * characters go as UTF-16 in modified base64 (`,` for `/`, no padding)
 * between "&" and "-". imapwire keeps names as sent; these helpers
 * convert for display and for servers without UTF8=ACCEPT.
 */

const B64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+,';
const B64_INDEX = new Int8Array(128).fill(-1);
for (let i = 0; i < 64; i++) B64_INDEX[B64.charCodeAt(i)] = i;

/**
 * Encode a mailbox name to modified UTF-7.
 *
 * @example
 * encodeMailboxUtf7('~peter/mail/日本語/台北') // '~peter/mail/&ZeVnLIqe-/&U,BTFw-'
 */
export function encodeMailboxUtf7(name: string): string {
  let out = '';
  let i = 0;
  while (i < name.length) {
    const c = name.charCodeAt(i);
    if (c >= 0x20 && c <= 0x7e) {
      out += c === 0x26 ? '&-' : name[i];
      i++;
      continue;
    }
    // A run of characters outside printable ASCII, as UTF-16 units.
    let j = i;
    while (j < name.length) {
      const d = name.charCodeAt(j);
      if (d >= 0x20 && d <= 0x7e) break;
      j++;
    }
    out += '&' + base64Units(name, i, j) + '-';
    i = j;
  }
  return out;
}

function base64Units(s: string, from: number, to: number): string {
  let out = '';
  let bits = 0;
  let n = 0;
  for (let k = from; k < to; k++) {
    bits = (bits << 16) | s.charCodeAt(k);
    n += 16;
    while (n >= 6) {
      n -= 6;
      out += B64[(bits >> n) & 63];
    }
    bits &= (1 << n) - 1;
  }
  if (n > 0) out += B64[(bits << (6 - n)) & 63];
  return out;
}

/**
 * Decode a modified UTF-7 mailbox name. Throws an `Error` naming the
 * offset for input that is not modified UTF-7 (an unterminated or empty
 * shift, a bad base64 character, non-zero padding bits, a lone surrogate,
 * an encoded printable ASCII character, or a byte outside printable ASCII).
 *
 * @example
 * decodeMailboxUtf7('&ZeVnLIqe-') // '日本語'
 */
export function decodeMailboxUtf7(name: string): string {
  let out = '';
  let i = 0;
  while (i < name.length) {
    const c = name.charCodeAt(i);
    if (c < 0x20 || c > 0x7e) throw new Error(`not modified UTF-7: character ${c} at ${i}`);
    if (c !== 0x26) {
      out += name[i];
      i++;
      continue;
    }
    const end = name.indexOf('-', i + 1);
    if (end < 0) throw new Error(`not modified UTF-7: "&" at ${i} has no "-"`);
    if (end === i + 1) {
      out += '&';
      i = end + 1;
      continue;
    }
    let bits = 0;
    let n = 0;
    const units: number[] = [];
    for (let k = i + 1; k < end; k++) {
      const x = name.charCodeAt(k);
      const v = x < 128 ? B64_INDEX[x] : -1;
      if (v < 0) throw new Error(`not modified UTF-7: ${JSON.stringify(name[k])} at ${k}`);
      bits = (bits << 6) | v;
      n += 6;
      if (n >= 16) {
        n -= 16;
        units.push((bits >> n) & 0xffff);
        bits &= (1 << n) - 1;
      }
    }
    if (n >= 6 || bits !== 0) throw new Error(`not modified UTF-7: bad padding before ${end}`);
    for (let u = 0; u < units.length; u++) {
      const x = units[u];
      if (x >= 0x20 && x <= 0x7e) throw new Error(`not modified UTF-7: printable ASCII encoded at ${i}`);
      if (x >= 0xd800 && x <= 0xdbff) {
        const y = units[u + 1];
        if (y === undefined || y < 0xdc00 || y > 0xdfff) throw new Error(`not modified UTF-7: lone surrogate at ${i}`);
        out += String.fromCharCode(x, y);
        u++;
        continue;
      }
      if (x >= 0xdc00 && x <= 0xdfff) throw new Error(`not modified UTF-7: lone surrogate at ${i}`);
      out += String.fromCharCode(x);
    }
    i = end + 1;
  }
  return out;
}
