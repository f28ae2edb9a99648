import type { Reader } from '../wire/reader.js';
import type { Writer } from '../wire/writer.js';
import type { EsearchItem, EsearchResponse } from '../model/response.js';
import { ImapEncodeError } from '../wire/errors.js';
import { CLASS, ATOM, QUOTED, SP, DQUOTE, LPAREN, RPAREN } from '../wire/chars.js';
import { readValue, writeValue } from './value.js';
import { knownName } from './plain.js';
import { Interner, decodeAscii, upperAscii } from '../util/text.js';

/**
 * `esearch-response` after the name (RFC 9051 §7.3.4, RFC 4731 §3.1):
 * [SP "(" "TAG" SP tag-string ")"] [SP "UID"] *(SP search-return-data).
 */
export function readEsearchResponse(r: Reader): EsearchResponse {
  let tag: string | undefined;
  let uid = false;
  const b = r.bytes;
  const e = r.end;
  const p = r.pos;
  // ` (TAG "A12")` with an ASCII tag, no escapes, as servers send it: read
  // in one scan (the tag, new each time, skips the string cache).
  if (p + 8 <= e && b[p] === SP && b[p + 1] === LPAREN && (b[p + 2] | 0x20) === 0x74 && (b[p + 3] | 0x20) === 0x61 && (b[p + 4] | 0x20) === 0x67 && b[p + 5] === SP && b[p + 6] === DQUOTE && r.depth < r.maxDepth) {
    const s = p + 7;
    let q = s;
    while (q < e && (CLASS[b[q]] & QUOTED) !== 0) q++;
    if (q + 1 < e && b[q] === DQUOTE && b[q + 1] === RPAREN) {
      tag = decodeAscii(b, s, q);
      r.pos = q + 2;
    }
  }
  if (tag === undefined && r.peek() === SP && r.peekAt(1) === LPAREN) {
    r.pos++;
    r.open();
    r.word('TAG');
    r.sp();
    tag = r.astringText();
    r.close();
  }
  if (r.peek() === SP) {
    const at = r.pos;
    r.pos++;
    if (!r.skipWord('UID')) r.pos = at;
    else uid = true;
  }
  const base = r.stackTop;
  // SP and an atom char: an item (no line-end check needed).
  while ((r.pos + 1 < e && b[r.pos] === SP && (CLASS[b[r.pos + 1]] & ATOM) !== 0) || (r.peek() === SP && !r.atLineEnd())) {
    r.pos++;
    r.stackPush(readEsearchItem(r));
  }
  const items = r.stackTake<EsearchItem>(base);
  // One object, its keys in the order they always had (tag last, when sent).
  return tag === undefined ? { type: 'ESEARCH', uid, items } : { type: 'ESEARCH', uid, items, tag };
}

/** The search-return-data names this grammar reads (matchPrefix tries them in order). */
const ITEM_NAMES = new Interner(['MIN', 'MAX', 'COUNT', 'ALL', 'MODSEQ'], true);

function readEsearchItem(r: Reader): EsearchItem {
  // A known name followed by SP is matched in the bytes; anything else is
  // read as an atom and folded.
  const known = knownName(r, ITEM_NAMES);
  const name = known ?? r.atom();
  const type = known ?? upperAscii(name);
  r.sp();
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
