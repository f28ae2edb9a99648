import { Reader } from '../wire/reader.js';
import type { Writer } from '../wire/writer.js';
import type { RespText } from '../model/response.js';
import type { RespTextCode, SimpleRespCodeName } from '../model/resp-code.js';
import { SIMPLE_RESP_CODES } from '../model/resp-code.js';
import type { SequenceSet } from '../model/sequence-set.js';
import { ImapParseError, ImapEncodeError } from '../wire/errors.js';
import { CLASS, ATOM, CR, LF, LBRACKET, RBRACKET, SP, DQUOTE, LPAREN, RPAREN } from '../wire/chars.js';
import { decodeText, encodeText, upperAscii, Interner } from '../util/text.js';
import { indexOfNul } from '../util/bytes.js';
import { readFlagList, writeFlagList } from './flags.js';
import { readCapabilityList, writeCapabilityList, checkCapabilities } from './capability.js';

const SIMPLE = new Set<string>(SIMPLE_RESP_CODES);

/**
 * `uid-set` (RFC 4315 / RFC 9051 §9): a sequence set without `*` or `$`.
 * Lenient mode lets `*` through (some servers write `n:*`); `$` never.
 */
export function readUidSet(r: Reader): SequenceSet {
  const at = r.pos;
  if (r.peek() === 0x24) throw r.error('uid-set');
  const set = r.sequenceSet();
  if (set !== '$') {
    for (const it of set) {
      if (it === '*' || (typeof it === 'object' && (it[0] === '*' || it[1] === '*'))) {
        r.quirk('uid-set-star', 'uid-set', at);
        break;
      }
    }
  }
  return set;
}

/**
 * After a status word (`OK`, `NO`, ..., or `+`): `SP resp-text`. The text
 * may be empty in IMAP4rev2 (RFC 9051 §9: `resp-text = ["[" resp-text-code
 * "]" SP] [text]`), not in IMAP4rev1 (RFC 3501 §9: `text` is required); a
 * missing SP (`* OK` then CRLF) is a quirk under either.
 */
export function readStatusText(r: Reader): RespText {
  const code = readStatusTextParts(r);
  return code === undefined ? { text: partText } : { code, text: partText };
}

/**
 * {@link readStatusText} in parts, so a caller builds its response in one
 * object (no `{ ...respText }` copy): returns the code, and leaves the
 * text in {@link partText} until the next call.
 */
export function readStatusTextParts(r: Reader): RespTextCode | undefined {
  const c = r.peek();
  if (c === CR || c === LF || c < 0) {
    r.quirk('missing-text', 'SP resp-text', r.pos, 'resp-text');
    partText = '';
    return undefined;
  }
  r.sp();
  return readRespTextParts(r);
}

/** The text the last {@link readStatusTextParts} / {@link readRespTextParts} read. */
export let partText = '';

/** The empty text after `SP` (or after `] SP`): valid IMAP4rev2, a quirk under `grammar: 'imap4rev1'`. */
function emptyText(r: Reader): void {
  if (!r.textOptional) r.quirk('missing-text', 'text (IMAP4rev1 requires it)', r.pos, 'resp-text', 'RFC 3501 §9');
}

function atCrlf(r: Reader): boolean {
  const c = r.peek();
  return c === CR || c === LF || c < 0;
}

/**
 * `resp-text`: ["[" resp-text-code "]" SP] [text]. Text missing after the
 * code's SP is valid IMAP4rev2; the SP missing is a quirk. Text that
 * starts with "[" but holds no code is text (the ABNF derives it as
 * `text`), unless the word after "[" names a known code, which must then
 * fit its rule (see {@link readRespTextCode}).
 *
 * @example
 * readRespText(reader) // { code: { type: 'UIDNEXT', value: 4392 }, text: 'Predicted next UID' }
 */
export function readRespText(r: Reader): RespText {
  const code = readRespTextParts(r);
  return code === undefined ? { text: partText } : { code, text: partText };
}

/** {@link readRespText} in parts: the code returned, the text in {@link partText}. */
export function readRespTextParts(r: Reader): RespTextCode | undefined {
  // The default mode drops NUL from text (quirk text-nul). Leading NULs are
  // dropped before looking for "[", so `OK \0[UIDNEXT 1] x` reads as the
  // code it writes back as, not as text that would reparse as a code.
  while (r.peek() === 0) {
    r.quirk('text-nul', 'TEXT-CHAR', r.pos);
    r.pos++;
  }
  if (r.peek() === LBRACKET) {
    const at = r.pos;
    const nw = r.warnings?.length ?? 0;
    let code: RespTextCode | undefined;
    try {
      r.pos++;
      code = readRespTextCode(r);
      r.expect(RBRACKET, '"]" ending the resp-text-code');
    } catch (e) {
      if (!(e instanceof ImapParseError)) throw e;
      const known = isKnownCodeError(r, at);
      if (known && !r.tolerates('malformed-resp-text-code')) throw e;
      // Strict mode reads as text only what the default mode reads as text
      // too: a code the default mode takes (with a quirk, e.g. 8-bit bytes
      // in its text) is refused here rather than read as different text.
      if (r.strict && defaultReadsCode(r, at)) throw e;
      // No code: the whole is text (for a known code's name, a quirk).
      if (r.warnings !== undefined) r.warnings.length = nw;
      r.pos = at;
      code = undefined;
      if (known) r.quirk('malformed-resp-text-code', 'resp-text-code', at);
    }
    if (code !== undefined) {
      if (atCrlf(r)) {
        r.quirk('missing-text', 'SP after "]"', r.pos, 'resp-text');
        partText = '';
        return code;
      }
      if (!r.skip(SP)) r.quirk('code-without-space', 'SP after "]"', r.pos, 'resp-text');
      else if (atCrlf(r)) {
        emptyText(r);
        partText = '';
        return code;
      }
      partText = r.text();
      return code;
    }
  }
  if (atCrlf(r)) {
    emptyText(r);
    partText = '';
    return undefined;
  }
  const from = r.pos;
  partText = r.text();
  // Text that starts with "[" but held no code can hold one once its NULs
  // are dropped (`[REFERRAL\0AA x] y`): the value is then what its written
  // form reads as, the code and the text after it.
  if (partText.charCodeAt(0) === LBRACKET && !r.strict && indexOfNul(r.bytes, from, r.pos) >= 0) return rereadWithoutNul(r, partText);
  return undefined;
}

/** resp-text read again from `text` (no NUL left in it), as its written form would be read. */
function rereadWithoutNul(r: Reader, text: string): RespTextCode | undefined {
  const again = new Reader(encodeText(text + '\r\n'), { grammar: r.grammar });
  again.fromServer = r.fromServer;
  return readRespTextParts(again);
}

/** True when the default mode reads a resp-text-code and its "]" at `at` (the "["). */
function defaultReadsCode(r: Reader, at: number): boolean {
  const lenient = new Reader(r.bytes, { grammar: r.grammar, offset: r.base });
  lenient.end = r.end;
  lenient.pos = at + 1;
  lenient.fromServer = r.fromServer;
  try {
    readRespTextCode(lenient);
    lenient.expect(RBRACKET, '"]" ending the resp-text-code');
    return true;
  } catch (e) {
    if (e instanceof ImapParseError) return false;
    throw e;
  }
}

/** True when the atom after "[" at `at` names a code this grammar knows (its data must then fit). */
function isKnownCodeError(r: Reader, at: number): boolean {
  const b = r.bytes;
  let p = at + 1;
  while (p < r.end && b[p] !== SP && b[p] !== RBRACKET && b[p] !== CR && b[p] !== LF) p++;
  const name = decodeText(b, at + 1, p).toUpperCase();
  return SIMPLE.has(name) || DATA_CODES.has(name);
}

/**
 * Write `resp-text` (no leading space).
 *
 * @example
 * writeRespText(w, { code: { type: 'READ-WRITE' }, text: 'SELECT completed' });
 */
export function writeRespText(w: Writer, t: RespText): void {
  if (t.code !== undefined) {
    w.byte(LBRACKET);
    writeRespTextCode(w, t.code);
    w.byte(RBRACKET).sp();
  }
  if (t.text !== '') w.text(t.text);
}

/**
 * Write ` resp-text` after a status word. An empty text is written as the
 * IMAP4rev2 empty resp-text (`A1 OK ` CRLF); IMAP4rev1 has no form for it.
 */
export function writeStatusText(w: Writer, t: RespText): void {
  w.sp();
  writeRespText(w, t);
}

/** End of `1*<TEXT-CHAR except "]">` from the cursor; 8-bit bytes are a lenient quirk. */
function codeTextEnd(r: Reader, stopAtSpace: boolean): number {
  const b = r.bytes;
  let p = r.pos;
  while (p < r.end) {
    const c = b[p];
    if (c === RBRACKET || c === CR || c === LF || (stopAtSpace && c === SP)) break;
    if (c === 0 || c >= 0x80) r.quirk('text-8bit', 'TEXT-CHAR', p);
    p++;
  }
  return p;
}

function codeText(r: Reader, stopAtSpace = false): string {
  const s = r.pos;
  const e = codeTextEnd(r, stopAtSpace);
  if (e === s) throw r.error('TEXT-CHAR');
  r.pos = e;
  return decodeText(r.bytes, s, e);
}

const DATA_CODE_LIST = [
  'UIDNEXT', 'UIDVALIDITY', 'UNSEEN', 'PERMANENTFLAGS', 'HIGHESTMODSEQ', 'APPENDUID', 'COPYUID', 'CAPABILITY',
  'BADCHARSET', 'MODIFIED', 'MAILBOXID', 'REFERRAL', 'BADURL', 'METADATA',
];
const DATA_CODES = new Set<string>(DATA_CODE_LIST);
/** Every code name this grammar knows, the frequent ones first (matchPrefix tries them in order). */
const CODE_NAMES = new Interner([...DATA_CODE_LIST, ...SIMPLE_RESP_CODES], true);
/** Bytes that end a code name: not atom chars, and not 8-bit (which lenient `atom` would take in). */
const NAME_ENDS = new Uint8Array(256);
for (let c = 0; c < 256; c++) NAME_ENDS[c] = (CLASS[c] & ATOM) === 0 && c < 0x80 ? 1 : 0;

/**
 * `resp-text-code` (between the brackets). A known code whose data does
 * not match its syntax (`[UIDNEXT x]`, `[ALERT now]`) is refused in strict
 * mode; lenient mode keeps it as a generic code and reports
 * `malformed-resp-text-code`. Unknown codes are generic in both modes.
 *
 * @example
 * readRespTextCode(reader) // { type: 'UIDVALIDITY', value: 3857529045 } for '[UIDVALIDITY 3857529045]'
 */
export function readRespTextCode(r: Reader): RespTextCode {
  const start = r.pos;
  const nw = r.warnings?.length ?? 0;
  const outer = r.rule;
  r.rule = 'resp-text-code';
  // A known code's name is matched on the bytes (any case), not decoded.
  const known = CODE_NAMES.matchPrefix(r.bytes, r.pos, r.end, NAME_ENDS);
  let upper: string;
  let simple: boolean;
  let data: boolean;
  if (known !== undefined) {
    // A known name is either a simple code or a data code: one lookup.
    r.pos += known.length;
    upper = known;
    data = DATA_CODES.has(upper);
    simple = !data;
  } else {
    upper = upperAscii(r.atom());
    simple = SIMPLE.has(upper);
    data = !simple && DATA_CODES.has(upper);
  }
  if (r.peek() === RBRACKET && simple) {
    r.rule = outer;
    return { type: upper as SimpleRespCodeName };
  }
  if (simple || data) {
    let failure: ImapParseError;
    try {
      const c = readKnownCode(r, upper);
      if (c !== null && r.peek() === RBRACKET) {
        r.rule = outer;
        return c;
      }
      failure = r.error(`"]" ending ${upper}`);
    } catch (e) {
      if (!(e instanceof ImapParseError)) throw e;
      failure = e;
    }
    if (!r.tolerates('malformed-resp-text-code')) throw failure;
    if (r.warnings !== undefined) r.warnings.length = nw;
    r.pos = start;
    r.quirk('malformed-resp-text-code', `the syntax of ${upper}`);
  }
  // The generic `atom [SP 1*<TEXT-CHAR except "]">]`.
  r.pos = start;
  const name = r.atom();
  r.rule = outer;
  if (r.skip(SP)) return { type: 'unknown', name, text: codeText(r) };
  return { type: 'unknown', name };
}

function readKnownCode(r: Reader, name: string): RespTextCode | null {
  switch (name) {
    case 'BADCHARSET':
      if (!r.skip(SP)) return { type: 'BADCHARSET' };
      return { type: 'BADCHARSET', charsets: r.list((x) => (x.peek() === DQUOTE ? x.quotedText() : x.atom()), false) };
    case 'CAPABILITY': {
      const at = r.pos;
      const capabilities = readCapabilityList(r);
      checkCapabilities(r, capabilities, at);
      return { type: 'CAPABILITY', capabilities };
    }
    case 'PERMANENTFLAGS':
      r.sp();
      return { type: 'PERMANENTFLAGS', flags: readFlagList(r, true) };
    case 'UIDNEXT':
    case 'UIDVALIDITY':
    case 'UNSEEN':
      r.sp();
      return { type: name, value: r.nzNumber() };
    case 'APPENDUID': {
      r.sp();
      const uidValidity = r.nzNumber();
      r.sp();
      return { type: 'APPENDUID', uidValidity, uids: readUidSet(r) };
    }
    case 'COPYUID': {
      r.sp();
      const uidValidity = r.nzNumber();
      r.sp();
      const source = readUidSet(r);
      r.sp();
      return { type: 'COPYUID', uidValidity, source, destination: readUidSet(r) };
    }
    case 'HIGHESTMODSEQ': {
      r.sp();
      const at = r.pos;
      const value = r.number64();
      if (value === 0n) r.quirk('modseq-zero', 'mod-sequence-value (at least 1)', at, 'mod-sequence-value', 'RFC 7162 §7');
      return { type: 'HIGHESTMODSEQ', value };
    }
    case 'MODIFIED':
      r.sp();
      return { type: 'MODIFIED', set: r.sequenceSet() };
    case 'MAILBOXID': {
      r.sp();
      r.expect(LPAREN);
      const at = r.pos;
      const id = r.atom();
      // objectid (RFC 8474 §7): 1*255(ALPHA / DIGIT / "_" / "-").
      if (id.length > 255 || !/^[A-Za-z0-9_-]+$/.test(id)) throw r.error('objectid (1 to 255 of ALPHA, DIGIT, "_", "-")', at, 'syntax', 'objectid');
      r.expect(RPAREN);
      return { type: 'MAILBOXID', id };
    }
    case 'REFERRAL': {
      const urls: string[] = [];
      while (r.skip(SP)) urls.push(codeText(r, true));
      if (urls.length === 0) throw r.error('SP url');
      return { type: 'REFERRAL', urls };
    }
    case 'BADURL':
      r.sp();
      return { type: 'BADURL', url: codeText(r) };
    case 'METADATA': {
      r.sp();
      const kind = r.atom().toUpperCase();
      if (kind === 'LONGENTRIES' || kind === 'MAXSIZE') {
        r.sp();
        return { type: 'METADATA', kind, value: r.number() };
      }
      if (kind === 'TOOMANY' || kind === 'NOPRIVATE') return { type: 'METADATA', kind };
      return null;
    }
    default:
      return null;
  }
}

function checkCodeText(s: string, what: string, space: boolean): void {
  if (s.length === 0) throw new ImapEncodeError(`${what} cannot be empty`);
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c === RBRACKET || c === CR || c === LF || c === 0 || (!space && c === SP)) {
      throw new ImapEncodeError(`${what} cannot hold ${JSON.stringify(s[i])}`);
    }
  }
}

/**
 * Write `resp-text-code` (without the brackets).
 *
 * @example
 * writeRespTextCode(w, { type: 'UIDNEXT', value: 4392 }); // UIDNEXT 4392
 */
export function writeRespTextCode(w: Writer, c: RespTextCode): void {
  switch (c.type) {
    case 'BADCHARSET':
      w.ascii('BADCHARSET');
      if (c.charsets !== undefined) {
        if (c.charsets.length === 0) throw new ImapEncodeError('BADCHARSET needs at least one charset in its list');
        w.sp().list(c.charsets, writeCharset);
      }
      return;
    case 'CAPABILITY':
      w.ascii('CAPABILITY');
      writeCapabilityList(w, c.capabilities);
      return;
    case 'PERMANENTFLAGS':
      w.ascii('PERMANENTFLAGS ');
      writeFlagList(w, c.flags);
      return;
    case 'UIDNEXT':
    case 'UIDVALIDITY':
    case 'UNSEEN':
      w.ascii(c.type).sp().nzNumber(c.value);
      return;
    case 'APPENDUID':
      w.ascii('APPENDUID ').nzNumber(c.uidValidity).sp().sequenceSet(c.uids);
      return;
    case 'COPYUID':
      w.ascii('COPYUID ').nzNumber(c.uidValidity).sp().sequenceSet(c.source).sp().sequenceSet(c.destination);
      return;
    case 'HIGHESTMODSEQ':
      w.ascii('HIGHESTMODSEQ ').number64(c.value);
      return;
    case 'MODIFIED':
      w.ascii('MODIFIED ').sequenceSet(c.set);
      return;
    case 'MAILBOXID':
      w.ascii('MAILBOXID (').atom(c.id).byte(RPAREN);
      return;
    case 'REFERRAL':
      if (c.urls.length === 0) throw new ImapEncodeError('REFERRAL needs at least one URL');
      w.ascii('REFERRAL');
      for (const u of c.urls) {
        checkCodeText(u, 'a REFERRAL URL', false);
        w.sp().text(u);
      }
      return;
    case 'BADURL':
      checkCodeText(c.url, 'a BADURL URL', true);
      w.ascii('BADURL ').text(c.url);
      return;
    case 'METADATA':
      w.ascii('METADATA ').ascii(c.kind);
      if (c.kind === 'LONGENTRIES' || c.kind === 'MAXSIZE') w.sp().number(c.value);
      return;
    case 'unknown':
      w.atom(c.name);
      if (c.text !== undefined) {
        checkCodeText(c.text, 'response code text', true);
        w.sp().text(c.text);
      }
      return;
    default:
      w.ascii(c.type);
      return;
  }
}

/**
 * A BADCHARSET charset: an atom or a quoted string, never a literal. The
 * ABNF says astring, but a status response's line is read whole (its text
 * may end in anything, `{3}` included), so a literal there would end the
 * response. An atom that lenient reading took with 8-bit bytes in it writes
 * back as those bytes, as {@link Writer.atom} does for other names.
 */
function writeCharset(w: Writer, s: string): void {
  if (isCharsetAtom(s, false)) {
    w.atom(s);
    return;
  }
  const bytes = encodeText(s);
  if (w.isQuotable(bytes)) w.quoted(bytes);
  else if (isCharsetAtom(s, true)) w.atom(s);
  else throw new ImapEncodeError(`BADCHARSET charset ${JSON.stringify(s)} is neither an atom nor a quotable string (a status response carries no literal)`);
}

function isCharsetAtom(s: string, eightBit: boolean): boolean {
  if (s.length === 0) return false;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (eightBit && c > 0x7f) continue;
    // ATOM-CHAR
    if (c <= 0x20 || c >= 0x7f || c === 0x28 || c === 0x29 || c === 0x7b || c === 0x25 || c === 0x2a || c === 0x22 || c === 0x5c || c === 0x5d) {
      return false;
    }
  }
  return true;
}
