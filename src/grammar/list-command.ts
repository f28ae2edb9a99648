import type { Reader } from '../wire/reader.js';
import { STATUS_ATT_NAMES } from '../model/response.js';
import type { Writer } from '../wire/writer.js';
import type { CommandOf, ListReturnOption, StatusAttName, ExtParam } from '../model/command.js';
import { readMailbox, writeMailbox, readListMailbox, writeListMailbox, readExtParam, writeExtParam, writeAtom } from './command-args.js';
import { LPAREN } from '../wire/chars.js';
import { ImapEncodeError } from '../wire/errors.js';

/**
 * LIST (RFC 9051 §6.3.9, RFC 5258 LIST-EXTENDED, RFC 5819 LIST-STATUS,
 * RFC 6154 SPECIAL-USE), LSUB (RFC 3501 §6.3.9) and STATUS items.
 */

const STATUS_KNOWN = new Set<string>(STATUS_ATT_NAMES);

/** `status-att`: known names upper-cased, others kept as written. */
export function readStatusAtt(r: Reader): StatusAttName {
  const a = r.atom();
  const u = a.toUpperCase();
  return STATUS_KNOWN.has(u) ? u : a;
}

/** `"(" [status-att *(SP status-att)] ")"` */
export function readStatusAttList(r: Reader): StatusAttName[] {
  return r.list(readStatusAtt);
}

export function writeStatusAttList(w: Writer, items: readonly StatusAttName[]): void {
  w.list(items, (x, a) => writeAtom(x, a));
}

function readReturnOption(r: Reader): ListReturnOption {
  const at = r.pos;
  const p = readExtParam(r);
  const u = p.name.toUpperCase();
  if (u === 'STATUS') {
    r.pos = at + p.name.length;
    r.sp();
    return { type: 'STATUS', items: readStatusAttList(r) };
  }
  if (p.value === undefined && (u === 'SUBSCRIBED' || u === 'CHILDREN' || u === 'SPECIAL-USE' || u === 'MYRIGHTS')) return { type: u };
  return { type: 'unknown', ...p };
}

function writeReturnOption(w: Writer, o: ListReturnOption): void {
  switch (o.type) {
    case 'STATUS':
      w.ascii('STATUS ');
      writeStatusAttList(w, o.items);
      return;
    case 'unknown': {
      const u = o.name.toUpperCase();
      if (u === 'STATUS' || (o.value === undefined && (u === 'SUBSCRIBED' || u === 'CHILDREN' || u === 'SPECIAL-USE' || u === 'MYRIGHTS'))) {
        throw new ImapEncodeError(`${o.name} is a known LIST return option`);
      }
      writeExtParam(w, o);
      return;
    }
    default:
      w.ascii(o.type);
  }
}

/** The arguments of LIST after "LIST" SP. */
export function readListArgs(r: Reader, tag: string): CommandOf<'LIST'> {
  let selection: ExtParam[] | undefined;
  if (r.peek() === LPAREN) {
    selection = r.list(readExtParam);
    r.sp();
  }
  const reference = readMailbox(r);
  r.sp();
  let patterns: string[];
  if (r.peek() === LPAREN) patterns = r.list(readListMailbox, false);
  else patterns = [readListMailbox(r)];
  const c: CommandOf<'LIST'> = { tag, type: 'LIST', reference, patterns };
  if (selection !== undefined) c.selection = selection;
  if (!r.atLineEnd()) {
    r.sp();
    r.word('RETURN');
    r.sp();
    c.return = r.list(readReturnOption);
  }
  return c;
}

export function writeListArgs(w: Writer, c: CommandOf<'LIST'>): void {
  if (c.selection !== undefined) {
    w.list(c.selection, writeExtParam);
    w.sp();
  }
  writeMailbox(w, c.reference);
  w.sp();
  if (c.patterns.length === 0) throw new ImapEncodeError('LIST needs a pattern');
  if (c.patterns.length === 1) writeListMailbox(w, c.patterns[0]);
  else w.list(c.patterns, writeListMailbox);
  if (c.return !== undefined) {
    w.ascii(' RETURN ');
    w.list(c.return, writeReturnOption);
  }
}

/** LSUB: mailbox SP list-mailbox. */
export function readLsubArgs(r: Reader, tag: string): CommandOf<'LSUB'> {
  const reference = readMailbox(r);
  r.sp();
  return { tag, type: 'LSUB', reference, pattern: readListMailbox(r) };
}

export function writeLsubArgs(w: Writer, c: CommandOf<'LSUB'>): void {
  writeMailbox(w, c.reference);
  w.sp();
  writeListMailbox(w, c.pattern);
}
