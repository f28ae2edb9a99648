import type { Reader } from '../wire/reader.js';
import type { Writer } from '../wire/writer.js';
import type { CommandOf, StoreModifier } from '../model/command.js';
import { readFlag, readFlagList, writeFlagList } from './flags.js';
import { readExtParam, writeExtParam } from './command-args.js';
import { readLabel, writeLabel } from './fetch-response.js';
import { LPAREN, PLUS, MINUS, SP } from '../wire/chars.js';
import { ImapEncodeError } from '../wire/errors.js';
import { upperAscii } from '../util/text.js';

/**
 * STORE (RFC 9051 §6.4.6) with RFC 4466 store modifiers and RFC 7162
 * UNCHANGEDSINCE: `sequence-set [SP "(" modifiers ")"] SP
 * ["+" / "-"] "FLAGS" [".SILENT"] SP (flag-list / flag *(SP flag))`.
 * Gmail's X-GM-LABELS store item has the same shape with labels
 * (astrings, or `\Inbox`-style system labels) in place of flags:
 * `["+" / "-"] "X-GM-LABELS" [".SILENT"] SP ("(" [label *(SP label)] ")" / label *(SP label))`
 * (https://developers.google.com/gmail/imap/imap-extensions).
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
  const labels = item === 'X-GM-LABELS' || item === 'X-GM-LABELS.SILENT';
  if (!labels && item !== 'FLAGS' && item !== 'FLAGS.SILENT') {
    throw r.error('"FLAGS", "FLAGS.SILENT", "X-GM-LABELS" or "X-GM-LABELS.SILENT"', at);
  }
  const silent = item.endsWith('.SILENT');
  r.sp();
  let c: CommandOf<'STORE'>;
  if (labels) c = { tag, type: 'STORE', uid, set, action, silent, labels: readItems(r, readLabel, () => r.list(readLabel)) };
  else c = { tag, type: 'STORE', uid, set, action, silent, flags: readItems(r, readFlag, () => readFlagList(r)) };
  if (modifiers !== undefined) c.modifiers = modifiers;
  return c;
}

/** `"(" list ")" / item *(SP item)`: the parenthesized or the bare form. */
function readItems<T>(r: Reader, one: (r: Reader) => T, list: () => T[]): T[] {
  if (r.peek() === LPAREN) return list();
  const out = [one(r)];
  while (r.peek() === SP && !r.atLineEnd()) {
    r.sp();
    out.push(one(r));
  }
  return out;
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
  if ('labels' in c) {
    w.ascii(c.silent ? 'X-GM-LABELS.SILENT ' : 'X-GM-LABELS ').list(c.labels, writeLabel);
  } else {
    w.ascii(c.silent ? 'FLAGS.SILENT ' : 'FLAGS ');
    writeFlagList(w, c.flags);
  }
}
