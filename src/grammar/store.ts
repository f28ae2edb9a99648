import type { Reader } from '../wire/reader.js';
import type { Writer } from '../wire/writer.js';
import type { CommandOf, StoreModifier } from '../model/command.js';
import type { Flag } from '../model/flags.js';
import { readFlag, readFlagList, writeFlagList } from './flags.js';
import { readExtParam, writeExtParam } from './command-args.js';
import { LPAREN, PLUS, MINUS, SP } from '../wire/chars.js';
import { ImapEncodeError } from '../wire/errors.js';
import { upperAscii } from '../util/text.js';

/**
 * STORE (RFC 9051 §6.4.6) with RFC 4466 store modifiers and RFC 7162
 * UNCHANGEDSINCE: `sequence-set [SP "(" modifiers ")"] SP
 * ["+" / "-"] "FLAGS" [".SILENT"] SP (flag-list / flag *(SP flag))`.
 */

function readStoreModifier(r: Reader): StoreModifier {
  if (r.skipWord('UNCHANGEDSINCE')) {
    r.sp();
    return { type: 'UNCHANGEDSINCE', modSeq: r.number64() };
  }
  return { type: 'unknown', ...readExtParam(r) };
}

/** STORE arguments after "STORE" SP. */
export function readStoreArgs(r: Reader, tag: string, uid: boolean): CommandOf<'STORE'> {
  const set = r.sequenceSet();
  r.sp();
  let modifiers: StoreModifier[] | undefined;
  if (r.peek() === LPAREN) {
    modifiers = r.list(readStoreModifier, false);
    r.sp();
  }
  const action = r.skip(PLUS) ? 'add' : r.skip(MINUS) ? 'remove' : 'set';
  const at = r.pos;
  const item = upperAscii(r.atom());
  if (item !== 'FLAGS' && item !== 'FLAGS.SILENT') throw r.error('"FLAGS" or "FLAGS.SILENT"', at);
  const silent = item === 'FLAGS.SILENT';
  r.sp();
  let flags: Flag[];
  if (r.peek() === LPAREN) flags = readFlagList(r);
  else {
    flags = [readFlag(r)];
    while (r.peek() === SP && !r.atLineEnd()) {
      r.sp();
      flags.push(readFlag(r));
    }
  }
  const c: CommandOf<'STORE'> = { tag, type: 'STORE', uid, set, action, silent, flags };
  if (modifiers !== undefined) c.modifiers = modifiers;
  return c;
}

export function writeStoreArgs(w: Writer, c: CommandOf<'STORE'>): void {
  w.sequenceSet(c.set).sp();
  if (c.modifiers !== undefined) {
    if (c.modifiers.length === 0) throw new ImapEncodeError('a STORE modifier list cannot be empty');
    w.list(c.modifiers, (x, m) => {
      if (m.type === 'UNCHANGEDSINCE') x.ascii('UNCHANGEDSINCE ').number64(m.modSeq);
      else {
        if (m.name.toUpperCase() === 'UNCHANGEDSINCE') throw new ImapEncodeError('UNCHANGEDSINCE is a known STORE modifier');
        writeExtParam(x, m);
      }
    });
    w.sp();
  }
  if (c.action === 'add') w.byte(PLUS);
  else if (c.action === 'remove') w.byte(MINUS);
  w.ascii(c.silent ? 'FLAGS.SILENT ' : 'FLAGS ');
  writeFlagList(w, c.flags);
}
