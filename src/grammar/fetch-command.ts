import type { Reader } from '../wire/reader.js';
import type { Writer } from '../wire/writer.js';
import type { FetchAtt, FetchItems, FetchPartial } from '../model/fetch-att.js';
import type { FetchModifier } from '../model/command.js';
import { readSection, writeSection } from './section.js';
import { readExtParam, writeExtParam, checkWord } from './command-args.js';
import { CLASS, ATOM, ASTRING, LBRACKET, RBRACKET, LT, GT, DOT, LPAREN, SP, CR } from '../wire/chars.js';
import { decodeText, upperAscii } from '../util/text.js';
import { ImapEncodeError } from '../wire/errors.js';

/**
 * The request side of FETCH (RFC 9051 §6.4.5 `fetch-att`, RFC 3516
 * BINARY, RFC 7162 MODSEQ and the CHANGEDSINCE / VANISHED modifiers,
 * RFC 8474, RFC 8514, RFC 8970 PREVIEW, Gmail X-GM-*).
 */

const SIMPLE = new Set([
  'ENVELOPE', 'FLAGS', 'INTERNALDATE', 'RFC822', 'RFC822.HEADER', 'RFC822.SIZE', 'RFC822.TEXT', 'BODY',
  'BODYSTRUCTURE', 'UID', 'MODSEQ', 'EMAILID', 'THREADID', 'SAVEDATE', 'X-GM-MSGID', 'X-GM-THRID', 'X-GM-LABELS',
]);
const SECTIONED = new Set(['BODY', 'BODY.PEEK', 'BINARY', 'BINARY.PEEK', 'BINARY.SIZE']);

/** True when `name` (any case) is a FETCH item imapwire reads itself. */
export function isKnownFetchAtt(name: string): boolean {
  const u = name.toUpperCase();
  const b = u.indexOf('[');
  const head = b < 0 ? u : u.slice(0, b);
  return SIMPLE.has(head) || SECTIONED.has(head) || head === 'PREVIEW' || u === 'ALL' || u === 'FAST' || u === 'FULL';
}

/** The item name: ATOM-CHARs up to "[". */
function readName(r: Reader): string {
  const b = r.bytes;
  const start = r.pos;
  let p = start;
  while (p < r.end && b[p] !== LBRACKET && (CLASS[b[p]] & ATOM) !== 0) p++;
  if (p === start) throw r.error('fetch-att');
  r.pos = p;
  return decodeText(b, start, p);
}

function readPartial(r: Reader): FetchPartial | undefined {
  if (!r.skip(LT)) return undefined;
  const offset = r.number64();
  r.expect(DOT, '"."');
  const length = r.nzNumber64();
  r.expect(GT, '">"');
  return { offset, length };
}

/**
 * `fetch-att`
 *
 * @example
 * readFetchAtt(reader) // { type: 'BODY[]', peek: true, section: { part: [1] } } for 'BODY.PEEK[1]'
 */
export function readFetchAtt(r: Reader): FetchAtt {
  const start = r.pos;
  const name = readName(r);
  const u = upperAscii(name);
  if (r.peek() === LBRACKET && SECTIONED.has(u)) {
    if (u === 'BODY' || u === 'BODY.PEEK') {
      const section = readSection(r);
      const partial = readPartial(r);
      const a: FetchAtt = { type: 'BODY[]', peek: u === 'BODY.PEEK', section };
      if (partial !== undefined) a.partial = partial;
      return a;
    }
    const part = readSection(r, true).part;
    if (u === 'BINARY.SIZE') return { type: 'BINARY.SIZE[]', part };
    const partial = readPartial(r);
    const a: FetchAtt = { type: 'BINARY[]', peek: u === 'BINARY.PEEK', part };
    if (partial !== undefined) a.partial = partial;
    return a;
  }
  if (u === 'PREVIEW') {
    // `PREVIEW (LAZY)`; a bare PREVIEW may instead be followed by FETCH modifiers.
    if (r.peek() === SP && r.peekAt(1) === LPAREN) {
      const at = r.pos;
      r.pos += 2;
      if (r.skipWord('LAZY') && r.skip(0x29)) return { type: 'PREVIEW', lazy: true };
      r.pos = at;
    }
    return { type: 'PREVIEW' };
  }
  if (SIMPLE.has(u) && r.peek() !== LBRACKET) return { type: u as 'FLAGS' };
  // BODY.PEEK, BINARY, BINARY.PEEK, BINARY.SIZE take a section (RFC 9051 §9
  // fetch-att): a known name is read as its construct or refused, never kept as unknown.
  if (SECTIONED.has(u) && !SIMPLE.has(u)) throw r.error('"[" (a section)', r.pos, 'syntax', u.startsWith('BINARY') ? 'section-binary' : 'section');
  // Unknown: the name, a bracketed part and a <partial> are kept whole.
  if (r.peek() === LBRACKET) {
    const b = r.bytes;
    let p = r.pos + 1;
    // What checkWord accepts inside brackets, so the name writes back whole.
    while (p < r.end && isBracketByte(b[p])) p++;
    if (b[p] !== RBRACKET) throw r.error('"]"', p);
    r.pos = p + 1;
    if (r.peek() === LT) {
      // A partial holds digits and one "." (RFC 9051 §9 `"<" number "." nz-number ">"`).
      r.pos++;
      while (r.pos < r.end && ((b[r.pos] >= 0x30 && b[r.pos] <= 0x39) || b[r.pos] === 0x2e)) r.pos++;
      r.expect(GT, '">"');
    }
  }
  return { type: 'unknown', name: decodeText(r.bytes, start, r.pos) };
}

/** The items after the sequence set: a macro, one item, or a list. */
export function readFetchItems(r: Reader): FetchItems {
  if (r.peek() === LPAREN) return r.list(readFetchAtt, false);
  if (r.skipWord('ALL')) return 'ALL';
  if (r.skipWord('FAST')) return 'FAST';
  if (r.skipWord('FULL')) return 'FULL';
  return [readFetchAtt(r)];
}

function writePartial(w: Writer, p: FetchPartial | undefined): void {
  if (p === undefined) return;
  w.byte(LT).number64(p.offset).byte(DOT);
  if (BigInt(p.length) === 0n) throw new ImapEncodeError('a partial length cannot be 0');
  w.number64(p.length).byte(GT);
}

/**
 * Write one `fetch-att`.
 *
 * @example
 * writeFetchAtt(w, { type: 'UID' });
 */
export function writeFetchAtt(w: Writer, a: FetchAtt): void {
  switch (a.type) {
    case 'BODY[]':
      w.ascii(a.peek ? 'BODY.PEEK' : 'BODY');
      writeSection(w, a.section);
      writePartial(w, a.partial);
      return;
    case 'BINARY[]':
      w.ascii(a.peek ? 'BINARY.PEEK' : 'BINARY');
      writeSection(w, { part: a.part });
      writePartial(w, a.partial);
      return;
    case 'BINARY.SIZE[]':
      w.ascii('BINARY.SIZE');
      writeSection(w, { part: a.part });
      return;
    case 'PREVIEW':
      w.ascii(a.lazy === true ? 'PREVIEW (LAZY)' : 'PREVIEW');
      return;
    case 'unknown':
      if (isKnownFetchAtt(a.name)) throw new ImapEncodeError(`${a.name} is a known FETCH item, not an unknown one`);
      checkWord(a.name);
      if (a.name.indexOf('"') >= 0) throw new ImapEncodeError('a FETCH item name cannot hold a quote');
      w.ascii(a.name);
      return;
    default:
      w.ascii(a.type);
  }
}

/** Write the items: a macro, a single item bare, or a list. */
export function writeFetchItems(w: Writer, items: FetchItems): void {
  if (typeof items === 'string') {
    w.ascii(items);
    return;
  }
  if (items.length === 0) throw new ImapEncodeError('FETCH needs at least one item');
  // A lone bare PREVIEW is listed so that modifiers after it cannot read as its "(LAZY)".
  if (items.length === 1 && items[0].type !== 'PREVIEW') writeFetchAtt(w, items[0]);
  else w.list(items, writeFetchAtt);
}

function readFetchModifier(r: Reader): FetchModifier {
  if (r.skipWord('CHANGEDSINCE')) {
    r.sp();
    return { type: 'CHANGEDSINCE', modSeq: r.number64() };
  }
  if (r.skipWord('VANISHED')) return { type: 'VANISHED' };
  return { type: 'unknown', ...readExtParam(r) };
}

/** `fetch-modifiers` after SP: "(" fetch-modifier *(SP fetch-modifier) ")" */
export function readFetchModifiers(r: Reader): FetchModifier[] {
  return r.list(readFetchModifier, false);
}

export function writeFetchModifiers(w: Writer, mods: readonly FetchModifier[]): void {
  if (mods.length === 0) throw new ImapEncodeError('a FETCH modifier list cannot be empty');
  w.list(mods, (x, m) => {
    if (m.type === 'CHANGEDSINCE') x.ascii('CHANGEDSINCE ').number64(m.modSeq);
    else if (m.type === 'VANISHED') x.ascii('VANISHED');
    else {
      const u = m.name.toUpperCase();
      if (u === 'CHANGEDSINCE' || u === 'VANISHED') throw new ImapEncodeError(`${m.name} is a known FETCH modifier`);
      writeExtParam(x, m);
    }
  });
}

/** Inside an unknown item's "[...]": ASTRING-CHAR but brackets, "\\", "*", "%", SP, parentheses, 8-bit. */
function isBracketByte(c: number): boolean {
  if (c === RBRACKET || c === LBRACKET) return false;
  return c >= 0x80 || (CLASS[c] & ASTRING) !== 0 || c === 0x5c || c === 0x2a || c === 0x25 || c === SP || c === 0x28 || c === 0x29;
}
