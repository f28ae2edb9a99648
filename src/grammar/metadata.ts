import type { Reader } from '../wire/reader.js';
import type { Writer } from '../wire/writer.js';
import type { MetadataEntryValue, MetadataResponse } from '../model/response.js';
import { ImapEncodeError } from '../wire/errors.js';
import { SP, LPAREN, TILDE } from '../wire/chars.js';
import { readMailbox, writeMailbox } from './mailbox.js';

/**
 * `metadata-resp` after the name (RFC 5464 §5):
 * SP mailbox SP (entry-values / entry-list).
 */
export function readMetadataResponse(r: Reader): MetadataResponse {
  r.sp();
  const mailbox = readMailbox(r);
  r.sp();
  if (r.peek() === LPAREN) {
    return { type: 'METADATA', mailbox, values: r.list(readEntryValue, false) };
  }
  const entries = [readEntry(r)];
  while (r.peek() === SP && !r.atLineEnd()) {
    r.pos++;
    entries.push(readEntry(r));
  }
  return { type: 'METADATA', mailbox, entries };
}

/**
 * `entry` (RFC 5464 §5: astring) with the rules of §3.2: it starts with
 * /private or /shared, and holds no `*`, `%`, `//` and no trailing `/`.
 */
function readEntry(r: Reader): string {
  const at = r.pos;
  const e = r.astringText();
  const l = e.toLowerCase();
  const root = l === '/private' || l === '/shared' || l.startsWith('/private/') || l.startsWith('/shared/');
  if (!root || e.includes('*') || e.includes('%') || e.includes('//') || e.endsWith('/')) {
    r.quirk('metadata-entry-name', 'an entry name under /private or /shared without "*", "%", "//" or a final "/"', at, 'entry', 'RFC 5464 §3.2');
  }
  return e;
}

/** `entry-value` = entry SP value; value = nstring / literal8. */
function readEntryValue(r: Reader): MetadataEntryValue {
  const entry = readEntry(r);
  r.sp();
  if (r.peek() === TILDE) return { entry, value: r.literal8() };
  return { entry, value: r.nstringText() };
}

/** Write `METADATA ...` (name included). */
export function writeMetadataResponse(w: Writer, v: MetadataResponse): void {
  w.ascii('METADATA ');
  writeMailbox(w, v.mailbox);
  w.sp();
  if ('values' in v) {
    if (v.values.length === 0) throw new ImapEncodeError('METADATA entry-values cannot be empty');
    w.list(v.values, (x, e) => {
      x.astring(e.entry).sp();
      if (e.value instanceof Uint8Array) x.literal(e.value, true);
      else x.nstring(e.value);
    });
    return;
  }
  if (v.entries.length === 0) throw new ImapEncodeError('a METADATA entry-list cannot be empty');
  for (let i = 0; i < v.entries.length; i++) {
    if (i > 0) w.sp();
    w.astring(v.entries[i]);
  }
}
