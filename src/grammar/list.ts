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
  const attributes = readFlagList(r);
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
