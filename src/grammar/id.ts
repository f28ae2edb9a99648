import type { Reader } from '../wire/reader.js';
import type { Writer } from '../wire/writer.js';
import type { IdResponse } from '../model/response.js';

/**
 * `id-params-list` (RFC 2971 §4), shared by the ID command and the ID
 * response: "(" [string SP nstring *(SP string SP nstring)] ")" / nil.
 */
export function readIdParams(r: Reader): [string, string | null][] | null {
  if (r.peekNil()) return r.nil();
  const at = r.pos;
  r.open();
  const out: [string, string | null][] = [];
  let over = false;
  while (!r.atClose()) {
    if (out.length > 0) r.sp();
    const k = r.stringText();
    r.sp();
    const v = r.nstringText();
    // RFC 2971 §3.3: fields at most 30 octets, values at most 1024 (UTF-16 length bounds the octets from below).
    if (k.length > 30 || (v !== null && v.length > 1024)) over = true;
    out.push([k, v]);
  }
  r.close();
  if (over || out.length > 30) r.quirk('id-limits', 'at most 30 pairs, fields of 30 octets, values of 1024', at, 'id-params-list', 'RFC 2971 §3.3');
  return out;
}

/** Write `id-params-list`. */
export function writeIdParams(w: Writer, p: readonly (readonly [string, string | null])[] | null): void {
  if (p === null) {
    w.ascii('NIL');
    return;
  }
  w.list(p, (x, [k, v]) => {
    x.string(k).sp().nstring(v);
  });
}

/** `id-response` after the name: SP id-params-list. */
export function readIdResponse(r: Reader): IdResponse {
  r.sp();
  return { type: 'ID', params: readIdParams(r) };
}

/** Write `ID ...` (name included). */
export function writeIdResponse(w: Writer, v: IdResponse): void {
  w.ascii('ID ');
  writeIdParams(w, v.params);
}
