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
  const b = r.bytes;
  const base = r.stackTop;
  let modseq: bigint | undefined;
  // A digit after the SP: not the line end (the common case, no atLineEnd call).
  while (r.pos < r.end && b[r.pos] === SP && (isDigit(b[r.pos + 1]) || !r.atLineEnd())) {
    r.pos++;
    if (r.peek() === LPAREN) {
      r.open();
      r.word('MODSEQ');
      r.sp();
      modseq = r.number64();
      r.close();
      break;
    }
    r.stackPush(r.nzNumber());
  }
  const out: SearchResponse = { type, ids: r.stackTake<number>(base) };
  if (modseq !== undefined) out.modseq = modseq;
  return out;
}

function isDigit(c: number): boolean {
  return c >= 0x30 && c <= 0x39;
}

/** Write `SEARCH ...` / `SORT ...` (name included). */
export function writeSearchResponse(w: Writer, v: SearchResponse): void {
  w.ascii(v.type);
  for (const n of v.ids) w.sp().nzNumber(n);
  if (v.modseq !== undefined) w.ascii(' (MODSEQ ').number64(v.modseq).byte(0x29);
}
