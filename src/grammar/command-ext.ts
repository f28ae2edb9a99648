import type { Reader } from '../wire/reader.js';
import type { Writer } from '../wire/writer.js';
import type { CommandOf, GetMetadataOptions, SetMetadataEntry, QuotaLimit, ExtParam } from '../model/command.js';
import { readMailbox, writeMailbox, readExtParam, writeExtParam, writeAtom } from './command-args.js';
import { LPAREN, SP, TILDE } from '../wire/chars.js';
import { ImapEncodeError } from '../wire/errors.js';
import { decodeBase64, encodeBase64 } from '../util/base64.js';

/**
 * Commands of the extensions with small grammars: ID (RFC 2971), ENABLE
 * (RFC 5161), AUTHENTICATE with SASL-IR (RFC 4959), QUOTA (RFC 9208),
 * ACL (RFC 4314) and METADATA (RFC 5464).
 */

// ---- ID: see grammar/id.ts (shared with the ID response) ---------------

export { readIdParams, writeIdParams } from './id.js';


// ---- AUTHENTICATE -------------------------------------------------------

/** AUTHENTICATE arguments after SP: auth-type [SP (base64 / "=")]. */
export function readAuthenticateArgs(r: Reader, tag: string): CommandOf<'AUTHENTICATE'> {
  const mechanism = r.atom();
  const c: CommandOf<'AUTHENTICATE'> = { tag, type: 'AUTHENTICATE', mechanism };
  if (!r.atLineEnd()) {
    r.sp();
    const start = r.pos;
    if (r.skip(0x3d) && r.atLineEnd()) {
      c.initialResponse = new Uint8Array(0);
      return c;
    }
    r.pos = start;
    const b = r.bytes;
    let p = start;
    while (p < r.end && b[p] !== 0x0d && b[p] !== 0x0a && b[p] !== SP) p++;
    let data = decodeBase64(b, start, p);
    if (data === null && p > start) {
      // RFC 9051 §9: base64-terminal is 4 chars with "=" padding; missing
      // padding is a quirk (refused in strict mode unless allowed).
      data = decodeBase64(b, start, p, true);
      if (data !== null) r.quirk('base64-unpadded', 'base64 padded with "=" to 4 chars', start, 'base64');
    }
    if (data === null || p === start) throw r.error('base64 or "="', start);
    r.pos = p;
    c.initialResponse = data;
  }
  return c;
}

export function writeAuthenticateArgs(w: Writer, c: CommandOf<'AUTHENTICATE'>): void {
  writeAtom(w, c.mechanism);
  if (c.initialResponse !== undefined) {
    w.sp();
    if (c.initialResponse.length === 0) w.byte(0x3d);
    else w.ascii(encodeBase64(c.initialResponse));
  }
}

// ---- QUOTA --------------------------------------------------------------

/** SETQUOTA arguments: quota-root SP "(" [resource SP number64 *(SP ...)] ")". */
export function readSetQuotaArgs(r: Reader, tag: string): CommandOf<'SETQUOTA'> {
  const root = r.astringText();
  r.sp();
  r.open();
  const limits: QuotaLimit[] = [];
  while (!r.atClose()) {
    if (limits.length > 0) r.sp();
    const resource = r.atom();
    r.sp();
    limits.push({ resource, limit: r.number64() });
  }
  r.close();
  return { tag, type: 'SETQUOTA', root, limits };
}

export function writeSetQuotaArgs(w: Writer, c: CommandOf<'SETQUOTA'>): void {
  w.astring(c.root).sp().list(c.limits, (x, l) => {
    writeAtom(x, l.resource);
    x.sp().number64(l.limit);
  });
}

// ---- METADATA -----------------------------------------------------------

function readEntries(r: Reader): string[] {
  if (r.peek() === LPAREN) return r.list((x) => x.astringText(), false);
  return [r.astringText()];
}

/** GETMETADATA arguments: [ "(" options ")" SP ] mailbox SP entries. */
export function readGetMetadataArgs(r: Reader, tag: string): CommandOf<'GETMETADATA'> {
  let options: GetMetadataOptions | undefined;
  if (r.peek() === LPAREN) {
    options = readMetadataOptions(r);
    r.sp();
  }
  const mailbox = readMailbox(r);
  r.sp();
  // RFC 5464's own examples put the options after the mailbox.
  if (options === undefined && r.peek() === LPAREN && (peekAfterParen(r, 'MAXSIZE') || peekAfterParen(r, 'DEPTH'))) {
    r.quirk('getmetadata-options-after-mailbox', 'entries');
    options = readMetadataOptions(r);
    r.sp();
  }
  const entries = readEntries(r);
  // ... and list several entries without parentheses.
  while (entries.length > 0 && r.peek() === SP && !r.atLineEnd()) {
    r.quirk('getmetadata-entries-unparenthesized', 'CRLF');
    r.sp();
    entries.push(r.astringText());
  }
  const c: CommandOf<'GETMETADATA'> = { tag, type: 'GETMETADATA', mailbox, entries };
  if (options !== undefined) c.options = options;
  return c;
}

function peekAfterParen(r: Reader, word: string): boolean {
  r.pos++;
  const yes = r.peekWord(word);
  r.pos--;
  return yes;
}

function readMetadataOptions(r: Reader): GetMetadataOptions {
  const o: GetMetadataOptions = {};
  r.list((x) => {
      if (x.skipWord('MAXSIZE')) {
        x.sp();
        o.maxSize = x.number();
      } else if (x.skipWord('DEPTH')) {
        x.sp();
        const at = x.pos;
        const d = x.atom().toLowerCase();
        if (d !== '0' && d !== '1' && d !== 'infinity') throw x.error('"0", "1" or "infinity"', at);
        o.depth = d;
      } else (o.other ??= []).push(readExtParam(x));
  }, false);
  return o;
}

export function writeGetMetadataArgs(w: Writer, c: CommandOf<'GETMETADATA'>): void {
  const o = c.options;
  if (o !== undefined) {
    const items: (['MAXSIZE', number] | ['DEPTH', string] | ['x', ExtParam])[] = [];
    if (o.maxSize !== undefined) items.push(['MAXSIZE', o.maxSize]);
    if (o.depth !== undefined) items.push(['DEPTH', o.depth]);
    for (const p of o.other ?? []) {
      const u = p.name.toUpperCase();
      if (u === 'MAXSIZE' || u === 'DEPTH') throw new ImapEncodeError(`${p.name} is a known GETMETADATA option`);
      items.push(['x', p]);
    }
    if (items.length === 0) throw new ImapEncodeError('GETMETADATA options cannot be empty');
    w.list(items, (x, it) => {
      if (it[0] === 'MAXSIZE') x.ascii('MAXSIZE ').number(it[1]);
      else if (it[0] === 'DEPTH') x.ascii('DEPTH ').ascii(it[1]);
      else writeExtParam(x, it[1]);
    });
    w.sp();
  }
  writeMailbox(w, c.mailbox);
  w.sp();
  if (c.entries.length === 0) throw new ImapEncodeError('GETMETADATA needs an entry');
  if (c.entries.length === 1) w.astring(c.entries[0]);
  else w.list(c.entries, (x, e) => x.astring(e));
}

/** SETMETADATA arguments: mailbox SP "(" entry SP value *(SP entry SP value) ")". */
export function readSetMetadataArgs(r: Reader, tag: string): CommandOf<'SETMETADATA'> {
  const mailbox = readMailbox(r);
  r.sp();
  r.open();
  const entries: SetMetadataEntry[] = [];
  do {
    if (entries.length > 0) r.sp();
    const entry = r.astringText();
    r.sp();
    const value = r.peek() === TILDE ? r.literal8() : r.nstring();
    entries.push({ entry, value });
  } while (!r.atClose());
  r.close();
  return { tag, type: 'SETMETADATA', mailbox, entries };
}

export function writeSetMetadataArgs(w: Writer, c: CommandOf<'SETMETADATA'>): void {
  writeMailbox(w, c.mailbox);
  w.sp();
  if (c.entries.length === 0) throw new ImapEncodeError('SETMETADATA needs an entry');
  w.list(c.entries, (x, e) => {
    x.astring(e.entry).sp();
    if (e.value === null) x.ascii('NIL');
    else if (e.value.includes(0)) x.literal(e.value, true);
    else x.string(e.value);
  });
}
