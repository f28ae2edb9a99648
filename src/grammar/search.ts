import type { Reader } from '../wire/reader.js';
import type { Writer } from '../wire/writer.js';
import type { SearchKey, SearchReturnOption } from '../model/search.js';
import { readDate, writeDate } from './datetime.js';
import { readValue } from './value.js';
import { writeArg, writeAtom, startsExtValue } from './command-args.js';
import { CLASS, DIGIT, STAR, DOLLAR, LPAREN, SP, DQUOTE, LBRACE, MINUS } from '../wire/chars.js';
import { ImapEncodeError } from '../wire/errors.js';
import { encodeText, upperAscii } from '../util/text.js';

/**
 * SEARCH criteria (RFC 9051 §6.4.4 `search-key`, RFC 3501, RFC 7162
 * MODSEQ, RFC 8474, RFC 5032, RFC 8514, Gmail) and return options
 * (RFC 4731, RFC 5182, RFC 4466). Nesting through "(", NOT and OR counts
 * against the reader's maxDepth, so hostile input is a `too-deep` error,
 * never a stack overflow.
 */

const FLAG_KEYS = new Set([
  'ALL', 'ANSWERED', 'DELETED', 'DRAFT', 'FLAGGED', 'NEW', 'OLD', 'RECENT', 'SEEN',
  'UNANSWERED', 'UNDELETED', 'UNDRAFT', 'UNFLAGGED', 'UNSEEN', 'SAVEDATESUPPORTED',
]);
const STRING_KEYS = new Set(['BCC', 'BODY', 'CC', 'FROM', 'SUBJECT', 'TEXT', 'TO', 'X-GM-RAW', 'X-GM-LABELS']);
const DATE_KEYS = new Set(['BEFORE', 'ON', 'SINCE', 'SENTBEFORE', 'SENTON', 'SENTSINCE', 'SAVEDBEFORE', 'SAVEDON', 'SAVEDSINCE']);
const OTHER_KEYS = new Set([
  'KEYWORD', 'UNKEYWORD', 'HEADER', 'LARGER', 'SMALLER', 'UID', 'NOT', 'OR', 'MODSEQ', 'EMAILID', 'THREADID',
  'OLDER', 'YOUNGER', 'X-GM-MSGID', 'X-GM-THRID', 'CHARSET', 'RETURN',
]);

/** True when `name` (any case) is a search key imapwire reads itself. */
export function isKnownSearchKey(name: string): boolean {
  const u = name.toUpperCase();
  return FLAG_KEYS.has(u) || STRING_KEYS.has(u) || DATE_KEYS.has(u) || OTHER_KEYS.has(u) || u === 'AND';
}

function enter(r: Reader): void {
  if (r.depth >= r.maxDepth) throw r.error(`at most ${r.maxDepth} nested search keys`, r.pos, 'too-deep');
  r.depth++;
}

/**
 * `search-key`
 *
 * @example
 * readSearchKey(reader) // { type: 'SINCE', date: { day: 1, month: 12, year: 2026 } } for 'SINCE 1-Dec-2026'
 */
export function readSearchKey(r: Reader): SearchKey {
  const c = r.peek();
  if (c === LPAREN) {
    r.open();
    const keys: SearchKey[] = [readSearchKey(r)];
    while (!r.atClose()) {
      r.sp();
      keys.push(readSearchKey(r));
    }
    r.close();
    return { type: 'AND', keys };
  }
  if (c === STAR || c === DOLLAR || (c >= 0 && (CLASS[c] & DIGIT) !== 0)) return { type: 'SEQUENCE', set: r.sequenceSet() };
  const keyStart = r.pos;
  const name = r.atom();
  const u = upperAscii(name);
  if (FLAG_KEYS.has(u)) return { type: u as 'ALL' };
  if (STRING_KEYS.has(u)) {
    r.sp();
    return { type: u as 'BCC', value: r.astringText() };
  }
  if (DATE_KEYS.has(u)) {
    r.sp();
    return { type: u as 'BEFORE', date: readDate(r) };
  }
  switch (u) {
    case 'NOT': {
      r.sp();
      enter(r);
      const key = readSearchKey(r);
      r.depth--;
      return { type: 'NOT', key };
    }
    case 'OR': {
      r.sp();
      enter(r);
      const left = readSearchKey(r);
      r.sp();
      const right = readSearchKey(r);
      r.depth--;
      return { type: 'OR', left, right };
    }
    case 'KEYWORD':
    case 'UNKEYWORD':
      r.sp();
      return { type: u, flag: r.atom() };
    case 'HEADER': {
      r.sp();
      const field = r.astringText();
      r.sp();
      return { type: 'HEADER', field, value: r.astringText() };
    }
    case 'LARGER':
    case 'SMALLER':
      r.sp();
      return { type: u, size: r.number64() };
    case 'UID':
      r.sp();
      return { type: 'UID', set: r.sequenceSet() };
    case 'MODSEQ': {
      r.sp();
      if (r.peek() === DQUOTE) {
        const ename = r.quotedText();
        r.sp();
        const at = r.pos;
        const t = r.atom().toLowerCase();
        if (t !== 'priv' && t !== 'shared' && t !== 'all') throw r.error('entry-type-req (priv, shared or all)', at);
        r.sp();
        return { type: 'MODSEQ', entry: { name: ename, type: t }, modSeq: r.number64() };
      }
      return { type: 'MODSEQ', modSeq: r.number64() };
    }
    case 'EMAILID':
    case 'THREADID':
      r.sp();
      return { type: u, id: r.atom() };
    case 'OLDER':
    case 'YOUNGER':
      r.sp();
      return { type: u, seconds: r.nzNumber() };
    case 'X-GM-MSGID':
    case 'X-GM-THRID':
      r.sp();
      return { type: u, id: r.number64() };
  }
  // CHARSET and RETURN are known words that belong before the first key
  // (RFC 9051 §9 `search`), never among the keys.
  if (isKnownSearchKey(name)) throw r.error('a search key', keyStart);
  // Unknown key: it takes the quoted or literal strings that follow it.
  const args: string[] = [];
  while (r.peek() === SP && (r.peekAt(1) === DQUOTE || r.peekAt(1) === LBRACE)) {
    r.sp();
    args.push(r.stringText());
  }
  return { type: 'extension', name, args };
}

/** `search-key *(SP search-key)` up to the end of the line. */
export function readSearchKeys(r: Reader): SearchKey[] {
  const keys: SearchKey[] = [readSearchKey(r)];
  while (!r.atLineEnd()) {
    r.sp();
    keys.push(readSearchKey(r));
  }
  return keys;
}

function walk(w: Writer, k: SearchKey, depth: number): void {
  if (depth > 10000) throw new ImapEncodeError('search keys nested too deep');
  switch (k.type) {
    case 'AND':
      if (k.keys.length === 0) throw new ImapEncodeError('a parenthesized search key list cannot be empty');
      w.byte(LPAREN);
      for (let i = 0; i < k.keys.length; i++) {
        if (i > 0) w.sp();
        walk(w, k.keys[i], depth + 1);
      }
      w.byte(0x29);
      return;
    case 'SEQUENCE':
      w.sequenceSet(k.set);
      return;
    case 'NOT':
      w.ascii('NOT ');
      walk(w, k.key, depth + 1);
      return;
    case 'OR':
      w.ascii('OR ');
      walk(w, k.left, depth + 1);
      w.sp();
      walk(w, k.right, depth + 1);
      return;
    case 'BCC': case 'BODY': case 'CC': case 'FROM': case 'SUBJECT': case 'TEXT': case 'TO': case 'X-GM-RAW': case 'X-GM-LABELS':
      w.ascii(k.type).sp().astring(k.value);
      return;
    case 'BEFORE': case 'ON': case 'SINCE': case 'SENTBEFORE': case 'SENTON': case 'SENTSINCE':
    case 'SAVEDBEFORE': case 'SAVEDON': case 'SAVEDSINCE':
      w.ascii(k.type).sp();
      writeDate(w, k.date);
      return;
    case 'KEYWORD':
    case 'UNKEYWORD':
      w.ascii(k.type).sp();
      writeAtom(w, k.flag);
      return;
    case 'HEADER':
      w.ascii('HEADER ').astring(k.field).sp().astring(k.value);
      return;
    case 'LARGER':
    case 'SMALLER':
      w.ascii(k.type).sp().number64(k.size);
      return;
    case 'UID':
      w.ascii('UID ').sequenceSet(k.set);
      return;
    case 'MODSEQ':
      w.ascii('MODSEQ ');
      if (k.entry !== undefined) {
        const b = encodeText(k.entry.name);
        if (!w.isQuotable(b) || b.length === 0) throw new ImapEncodeError('a MODSEQ entry name must be a quotable string');
        w.quoted(b).sp().ascii(k.entry.type).sp();
      }
      w.number64(k.modSeq);
      return;
    case 'EMAILID':
    case 'THREADID':
      w.ascii(k.type).sp();
      writeAtom(w, k.id);
      return;
    case 'OLDER':
    case 'YOUNGER':
      w.ascii(k.type).sp().nzNumber(k.seconds);
      return;
    case 'X-GM-MSGID':
    case 'X-GM-THRID':
      w.ascii(k.type).sp().number64(k.id);
      return;
    case 'extension':
      if (isKnownSearchKey(k.name)) throw new ImapEncodeError(`${k.name} is a known search key, not an extension`);
      writeAtom(w, k.name);
      for (const a of k.args) w.sp().string(a);
      return;
    default:
      w.ascii(k.type);
  }
}

/**
 * Write one `search-key`.
 *
 * @example
 * writeSearchKey(w, { type: 'UNSEEN' });
 */
export function writeSearchKey(w: Writer, k: SearchKey): void {
  walk(w, k, 0);
}

/** Write `search-key *(SP search-key)`; at least one key. */
export function writeSearchKeys(w: Writer, keys: readonly SearchKey[]): void {
  if (keys.length === 0) throw new ImapEncodeError('a search needs at least one key');
  for (let i = 0; i < keys.length; i++) {
    if (i > 0) w.sp();
    walk(w, keys[i], 0);
  }
}

const RETURN_KNOWN = new Set(['MIN', 'MAX', 'ALL', 'COUNT', 'SAVE']);

function readReturnOption(r: Reader): SearchReturnOption {
  const name = r.atom();
  const u = name.toUpperCase();
  if (RETURN_KNOWN.has(u)) return { name: u };
  if (r.peek() === SP && (startsExtValue(r.peekAt(1)) || r.peekAt(1) === MINUS)) {
    r.sp();
    return { name, value: readValue(r) };
  }
  return { name };
}

/** `"RETURN" SP "(" [search-return-opt *(SP search-return-opt)] ")"`, after "RETURN". */
export function readSearchReturn(r: Reader): SearchReturnOption[] {
  return r.list(readReturnOption);
}

export function writeSearchReturn(w: Writer, opts: readonly SearchReturnOption[]): void {
  w.ascii('RETURN ').list(opts, (x, o) => {
    writeAtom(x, o.name);
    if (o.value !== undefined) {
      x.sp();
      writeArg(x, o.value);
    }
  });
}

/** `charset`: atom or quoted (lenient: any astring). */
export function readCharset(r: Reader): string {
  return r.astringText();
}

export function writeCharset(w: Writer, cs: string): void {
  w.astring(cs);
}
