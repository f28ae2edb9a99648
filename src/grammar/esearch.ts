import type { Reader } from '../wire/reader.js';
import type { Writer } from '../wire/writer.js';
import type { EsearchItem, EsearchResponse } from '../model/response.js';
import { ImapEncodeError } from '../wire/errors.js';
import { SP, LPAREN } from '../wire/chars.js';
import { readValue, writeValue } from './value.js';
import { upperAscii } from '../util/text.js';

/**
 * `esearch-response` after the name (RFC 9051 §7.3.4, RFC 4731 §3.1):
 * [SP "(" "TAG" SP tag-string ")"] [SP "UID"] *(SP search-return-data).
 */
export function readEsearchResponse(r: Reader): EsearchResponse {
  const out: EsearchResponse = { type: 'ESEARCH', uid: false, items: [] };
  if (r.peek() === SP && r.peekAt(1) === LPAREN) {
    r.pos++;
    r.open();
    r.word('TAG');
    r.sp();
    out.tag = r.astringText();
    r.close();
  }
  if (r.peek() === SP) {
    const at = r.pos;
    r.pos++;
    if (!r.skipWord('UID')) r.pos = at;
    else out.uid = true;
  }
  const base = r.stackTop;
  while (r.peek() === SP && !r.atLineEnd()) {
    r.pos++;
    r.stackPush(readEsearchItem(r));
  }
  if (r.stackTop > base) out.items = r.stackTake<EsearchItem>(base);
  return out;
}

function readEsearchItem(r: Reader): EsearchItem {
  const name = r.atom();
  r.sp();
  const type = upperAscii(name);
  switch (type) {
    case 'MIN':
    case 'MAX':
      return { type, value: r.nzNumber() };
    case 'COUNT':
      return { type, value: r.number() };
    case 'ALL': {
      if (r.peek() === 0x24) throw r.error('sequence-set');
      return { type, set: r.sequenceSet() };
    }
    case 'MODSEQ':
      return { type, value: r.number64() };
    default:
      return { type: 'unknown', name, value: readValue(r) };
  }
}

/** Write `ESEARCH ...` (name included). */
export function writeEsearchResponse(w: Writer, v: EsearchResponse): void {
  w.ascii('ESEARCH');
  if (v.tag !== undefined) {
    w.ascii(' (TAG ').string(v.tag).byte(0x29);
  }
  if (v.uid) w.ascii(' UID');
  for (const it of v.items) {
    w.sp();
    switch (it.type) {
      case 'MIN':
      case 'MAX':
        w.ascii(it.type).sp().nzNumber(it.value);
        break;
      case 'COUNT':
        w.ascii('COUNT ').number(it.value);
        break;
      case 'ALL':
        if (it.set === '$') throw new ImapEncodeError('ESEARCH ALL cannot be "$"');
        w.ascii('ALL ').sequenceSet(it.set);
        break;
      case 'MODSEQ':
        w.ascii('MODSEQ ').number64(it.value);
        break;
      case 'unknown':
        w.atom(it.name).sp();
        writeValue(w, it.value);
        break;
    }
  }
}
