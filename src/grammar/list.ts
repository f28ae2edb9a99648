import type { Reader } from '../wire/reader.js';
import type { Writer } from '../wire/writer.js';
import type { ListExtendedItem, ListResponse } from '../model/response.js';
import { SP } from '../wire/chars.js';
import { readFlagList, writeFlagList } from './flags.js';
import { readMailbox, writeMailbox, readDelimiter, writeDelimiter } from './mailbox.js';
import { readValue, writeValue } from './value.js';

/**
 * `"LIST" SP mailbox-list` / `"LSUB" SP mailbox-list` after the name
 * (RFC 9051 §7.3.1, RFC 3501 §7.2.3, RFC 5258 §6):
 * "(" [mbx-list-flags] ")" SP delimiter SP mailbox [SP mbox-list-extended].
 */
export function readMailboxList(r: Reader, type: 'LIST' | 'LSUB'): ListResponse {
  r.sp();
  const at = r.pos;
  const attributes = readFlagList(r);
  if (attributes.length > 1) checkListAttributes(r, attributes, at);
  r.sp();
  const delimiter = readDelimiter(r);
  r.sp();
  const mailbox = readMailbox(r);
  const out: ListResponse = { type, attributes, delimiter, mailbox };
  if (r.peek() === SP && !r.atLineEnd()) {
    r.sp();
    out.extended = r.list(readListExtendedItem);
  }
  return out;
}

/**
 * `mbx-list-flags` allows one selectability flag (`\\Noselect`, `\\Marked`,
 * `\\Unmarked`, `\\NonExistent`: RFC 9051 §9 mbx-list-sflag), and RFC 5258
 * §4 forbids `\\HasChildren` with `\\HasNoChildren`.
 */
function checkListAttributes(r: Reader, attributes: readonly string[], at: number): void {
  let sflags = 0;
  let has = false;
  let hasNo = false;
  for (const a of attributes) {
    // The usual spellings are looked up as they are; others lower-cased first.
    const kind = ATTRIBUTE_KINDS.get(a) ?? ATTRIBUTE_KINDS.get(a.toLowerCase());
    if (kind === 1) sflags++;
    else if (kind === 2) has = true;
    else if (kind === 3) hasNo = true;
  }
  if (sflags > 1 || (has && hasNo)) r.quirk('list-contradictory', 'attributes that do not contradict', at, 'mbx-list-flags', 'RFC 5258 §4; RFC 9051 §9');
}

/**
 * 1: a selectability flag; 2: \\HasChildren; 3: \\HasNoChildren; 0: another
 * attribute servers send often. By RFC spelling and in lower case.
 */
const ATTRIBUTE_KINDS = new Map<string, number>();
for (const [a, k] of [
  ['\\Noselect', 1], ['\\Marked', 1], ['\\Unmarked', 1], ['\\NonExistent', 1], ['\\HasChildren', 2], ['\\HasNoChildren', 3],
  ['\\NoInferiors', 0], ['\\Subscribed', 0], ['\\Remote', 0], ['\\Sent', 0], ['\\Drafts', 0], ['\\Trash', 0], ['\\Junk', 0],
  ['\\Archive', 0], ['\\All', 0], ['\\Flagged', 0], ['\\Important', 0],
] as const) {
  ATTRIBUTE_KINDS.set(a, k);
  ATTRIBUTE_KINDS.set(a.toLowerCase(), k);
}

/** `mbox-list-extended-item`: tag SP tagged-ext-val; CHILDINFO and OLDNAME typed. */
function readListExtendedItem(r: Reader): ListExtendedItem {
  const tag = r.astringText();
  r.sp();
  const upper = tag.toUpperCase();
  if (upper === 'CHILDINFO') return { type: 'CHILDINFO', options: r.list((x) => x.astringText(), false) };
  if (upper === 'OLDNAME') {
    r.open();
    const mailbox = readMailbox(r);
    r.close();
    return { type: 'OLDNAME', mailbox };
  }
  return { type: 'unknown', tag, value: readValue(r) };
}

/**
 * Write `LIST ...` / `LSUB ...` (name included). Extended item tags and
 * CHILDINFO options are written quoted, as RFC 5258 servers send them.
 */
export function writeMailboxList(w: Writer, v: ListResponse): void {
  w.ascii(v.type).sp();
  writeFlagList(w, v.attributes);
  w.sp();
  writeDelimiter(w, v.delimiter);
  w.sp();
  writeMailbox(w, v.mailbox);
  if (v.extended !== undefined) {
    w.sp().list(v.extended, (x, it) => {
      switch (it.type) {
        case 'CHILDINFO':
          x.string('CHILDINFO').sp().list(it.options, (y, o) => y.string(o));
          return;
        case 'OLDNAME':
          x.string('OLDNAME').sp().byte(0x28);
          writeMailbox(x, it.mailbox);
          x.byte(0x29);
          return;
        case 'unknown':
          x.string(it.tag).sp();
          writeValue(x, it.value);
          return;
      }
    });
  }
}
