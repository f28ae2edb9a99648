import type { Reader } from '../wire/reader.js';
import type { Writer } from '../wire/writer.js';
import type { SearchResponse } from '../model/response.js';
import { SP, LPAREN } from '../wire/chars.js';

/**
 * `"SEARCH" *(SP nz-number) [SP "(" "MODSEQ" SP mod-sequence-value ")"]`
 * (RFC 9051 §7.3.4 obsolete-search-response, RFC 7162 §3.1.5) and the
 * same shape for `SORT` (RFC 5256 §4), after the name.
 */
export function readSearchResponse(r: Reader, type: 'SEARCH' | 'SORT'): SearchResponse {
  const ids: number[] = [];
  const out: SearchResponse = { type, ids };
  while (r.peek() === SP && !r.atLineEnd()) {
    r.pos++;
    if (r.peek() === LPAREN) {
      r.open();
      r.word('MODSEQ');
      r.sp();
      out.modseq = r.number64();
      r.close();
      break;
    }
    ids.push(r.nzNumber());
  }
  return out;
}

/** Write `SEARCH ...` / `SORT ...` (name included). */
export function writeSearchResponse(w: Writer, v: SearchResponse): void {
  w.ascii(v.type);
  for (const n of v.ids) w.sp().nzNumber(n);
  if (v.modseq !== undefined) w.ascii(' (MODSEQ ').number64(v.modseq).byte(0x29);
}
