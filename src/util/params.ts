/**
 * Body parameters (`body-fld-param`, RFC 3501 §9 / RFC 9051 §9): the
 * `charset` of a text part, the `name` of a Content-Type, the `filename`
 * of a Content-Disposition. Servers pass them through as the message has
 * them, so long or non-ASCII values arrive in RFC 2231 form (`title*0*`,
 * `title*1`, `charset'language'%XX` encodings), and mailers that predate
 * it put RFC 2047 encoded words in quoted values.
 */
import type { BodyParam, BodyStructure } from '../model/body.js';
import { decodeCharset } from './charset.js';
import { decodeEncodedWords } from './encoded-words.js';
import { encodeText } from './text.js';
import { concatBytes } from './bytes.js';

/** `%XX` escapes of an RFC 2231 extended value to bytes; other characters as UTF-8. */
function percentBytes(s: string): Uint8Array {
  const parts: Uint8Array[] = [];
  let plain = '';
  for (let i = 0; i < s.length; i++) {
    if (s[i] === '%' && /^[0-9A-Fa-f]{2}$/.test(s.slice(i + 1, i + 3))) {
      if (plain !== '') parts.push(encodeText(plain));
      plain = '';
      parts.push(new Uint8Array([parseInt(s.slice(i + 1, i + 3), 16)]));
      i += 2;
    } else plain += s[i];
  }
  if (plain !== '') parts.push(encodeText(plain));
  return concatBytes(parts.length === 0 ? [new Uint8Array(0)] : parts);
}

/** Split `charset'language'value` (RFC 2231 §4); a value without two quotes is all value. */
function splitExtended(v: string): { charset: string | null; rest: string } {
  const a = v.indexOf("'");
  const b = a < 0 ? -1 : v.indexOf("'", a + 1);
  if (b < 0) return { charset: null, rest: v };
  return { charset: v.slice(0, a) || null, rest: v.slice(b + 1) };
}

function decodeIn(bytes: Uint8Array, charset: string | null): string {
  return decodeCharset(bytes, charset) ?? decodeCharset(bytes, 'utf-8') ?? '';
}

/**
 * The value of parameter `name` (case-insensitive, RFC 2045 §5.1), with
 * RFC 2231 continuations joined in order (`name*0`, `name*1`, ... up to
 * the first gap, §3) and extended values decoded in their charset (`name*`,
 * `name*0*`, §4); RFC 2231 forms win over a plain `name` sent beside
 * them for older readers. A plain value has its RFC 2047 encoded words
 * decoded. Null when there is no such parameter (or its value is NIL).
 *
 * @example
 * getParam([['title*0*', "utf-8''Gr%C3%BC"], ['title*1*', '%C3%9Fe'], ['CHARSET', 'utf-8']], 'title') // 'Grüße'
 * getParam([['CHARSET', 'UTF-8']], 'charset') // 'UTF-8'
 */
export function getParam(params: readonly BodyParam[] | null | undefined, name: string): string | null {
  if (params === null || params === undefined) return null;
  const want = name.toLowerCase();
  let plain: string | null | undefined;
  let single: string | null | undefined;
  const sections = new Map<number, { value: string; encoded: boolean }>();
  for (const [k, v] of params) {
    const key = k.toLowerCase();
    if (key === want) {
      if (plain === undefined) plain = v;
    } else if (key === `${want}*`) {
      if (single === undefined) single = v;
    } else if (key.startsWith(`${want}*`) && v !== null) {
      const m = /^(0|[1-9][0-9]{0,3})(\*?)$/.exec(key.slice(want.length + 1));
      if (m !== null && !sections.has(Number(m[1]))) sections.set(Number(m[1]), { value: v, encoded: m[2] === '*' });
    }
  }
  if (single !== undefined && single !== null) {
    const { charset, rest } = splitExtended(single);
    return decodeIn(percentBytes(rest), charset);
  }
  if (sections.has(0)) {
    let charset: string | null = null;
    const bytes: Uint8Array[] = [];
    for (let i = 0; sections.has(i); i++) {
      const s = sections.get(i) as { value: string; encoded: boolean };
      if (!s.encoded) bytes.push(encodeText(s.value));
      else if (i === 0) {
        const x = splitExtended(s.value);
        charset = x.charset;
        bytes.push(percentBytes(x.rest));
      } else bytes.push(percentBytes(s.value));
    }
    return decodeIn(concatBytes(bytes), charset);
  }
  if (plain === undefined || plain === null) return null;
  return decodeEncodedWords(plain);
}

/**
 * The file name of a part: the Content-Disposition `filename` parameter,
 * else the Content-Type `name` (RFC 2183 §2.3; older mailers send only
 * `name`), each decoded as {@link getParam} does. Null when it has neither.
 *
 * @example
 * partFilename(findPart(bs, '2')!) // 'Übersicht.pdf'
 */
export function partFilename(body: BodyStructure): string | null {
  return getParam(body.disposition?.params, 'filename') ?? getParam(body.params, 'name');
}
