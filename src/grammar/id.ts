import type { Reader } from '../wire/reader.js';
import type { Writer } from '../wire/writer.js';
import type { IdResponse } from '../model/response.js';
import { SP } from '../wire/chars.js';

/**
 * `id-response` after the name (RFC 2971 §4): SP id-params-list, where
 * id-params-list = "(" [string SP nstring *(SP string SP nstring)] ")" / nil.
 */
export function readIdResponse(r: Reader): IdResponse {
  r.sp();
  if (r.peekNil()) {
    r.nil();
    return { type: 'ID', params: null };
  }
  r.open();
  const params: [string, string | null][] = [];
  while (!r.atClose()) {
    if (params.length > 0) r.sp();
    const key = r.stringText();
    r.sp();
    params.push([key, r.nstringText()]);
  }
  r.close();
  return { type: 'ID', params };
}

/** Write `ID ...` (name included). */
export function writeIdResponse(w: Writer, v: IdResponse): void {
  w.ascii('ID ');
  if (v.params === null) {
    w.ascii('NIL');
    return;
  }
  w.byte(0x28);
  for (let i = 0; i < v.params.length; i++) {
    if (i > 0) w.byte(SP);
    const [k, val] = v.params[i];
    w.string(k).sp().nstring(val);
  }
  w.byte(0x29);
}
