import type { Reader } from '../wire/reader.js';
import type { Writer } from '../wire/writer.js';
import type { AppendData, AppendMessage, CatenatePart, CommandOf } from '../model/command.js';
import { readFlagList, writeFlagList } from './flags.js';
import { readDateTime, writeDateTime } from './datetime.js';
import { readMailbox, writeMailbox } from './command-args.js';
import { LPAREN, DQUOTE, LBRACE, TILDE, SP } from '../wire/chars.js';
import { ImapEncodeError } from '../wire/errors.js';

/**
 * APPEND (RFC 9051 §6.3.12) with RFC 3502 MULTIAPPEND (several
 * messages), RFC 3516 literal8 data, RFC 6855 `UTF8 (~{n})` and RFC 4469
 * CATENATE. Message data stays a view of the frame.
 */

function readUtf8(r: Reader): Uint8Array {
  r.sp();
  r.open();
  const data = r.literal8();
  r.close();
  return data;
}

function readCatPart(r: Reader): CatenatePart {
  if (r.skipWord('TEXT')) {
    r.sp();
    return { type: 'TEXT', data: r.literal() };
  }
  if (r.skipWord('URL')) {
    r.sp();
    return { type: 'URL', url: r.astringText() };
  }
  if (r.skipWord('UTF8')) return { type: 'UTF8', data: readUtf8(r) };
  throw r.error('cat-part (TEXT, URL or UTF8)');
}

function readAppendData(r: Reader): AppendData {
  const c = r.peek();
  if (c === LBRACE) return { type: 'literal', data: r.literal(), binary: false };
  if (c === TILDE) return { type: 'literal', data: r.literal8(), binary: true };
  if (r.skipWord('UTF8')) return { type: 'UTF8', data: readUtf8(r) };
  if (r.skipWord('CATENATE')) {
    r.sp();
    return { type: 'CATENATE', parts: r.list(readCatPart, false) };
  }
  throw r.error('append-data (a literal, literal8, UTF8 or CATENATE)');
}

/** One `append-message` after its leading SP. */
function readAppendMessage(r: Reader): AppendMessage {
  const m: AppendMessage = { data: undefined as unknown as AppendData };
  if (r.peek() === LPAREN) {
    m.flags = readFlagList(r);
    r.sp();
  }
  if (r.peek() === DQUOTE) {
    m.date = readDateTime(r);
    r.sp();
  }
  m.data = readAppendData(r);
  return m;
}

/** APPEND arguments after "APPEND" SP: mailbox 1*(SP append-message). */
export function readAppendArgs(r: Reader, tag: string): CommandOf<'APPEND'> {
  const mailbox = readMailbox(r);
  const messages: AppendMessage[] = [];
  do {
    r.sp();
    messages.push(readAppendMessage(r));
  } while (r.peek() === SP && !r.atLineEnd());
  return { tag, type: 'APPEND', mailbox, messages };
}

function writeUtf8(w: Writer, data: Uint8Array): void {
  w.ascii('UTF8 (');
  w.literal(data, true);
  w.byte(0x29);
}

function writeAppendData(w: Writer, d: AppendData): void {
  switch (d.type) {
    case 'literal':
      w.literal(d.data, d.binary);
      return;
    case 'UTF8':
      writeUtf8(w, d.data);
      return;
    case 'CATENATE':
      if (d.parts.length === 0) throw new ImapEncodeError('CATENATE needs at least one part');
      w.ascii('CATENATE ').list(d.parts, (x, p) => {
        if (p.type === 'TEXT') {
          x.ascii('TEXT ');
          x.literal(p.data);
        } else if (p.type === 'URL') x.ascii('URL ').astring(p.url);
        else writeUtf8(x, p.data);
      });
      return;
  }
}

export function writeAppendArgs(w: Writer, c: CommandOf<'APPEND'>): void {
  writeMailbox(w, c.mailbox);
  if (c.messages.length === 0) throw new ImapEncodeError('APPEND needs at least one message');
  for (const m of c.messages) {
    w.sp();
    if (m.flags !== undefined) {
      writeFlagList(w, m.flags);
      w.sp();
    }
    if (m.date !== undefined) {
      writeDateTime(w, m.date);
      w.sp();
    }
    writeAppendData(w, m.data);
  }
}
