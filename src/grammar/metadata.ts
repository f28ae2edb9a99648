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
  const entries = [r.astringText()];
  while (r.peek() === SP && !r.atLineEnd()) {
    r.pos++;
    entries.push(r.astringText());
  }
  return { type: 'METADATA', mailbox, entries };
}

/** `entry-value` = entry SP value; value = nstring / literal8. */
function readEntryValue(r: Reader): MetadataEntryValue {
  const entry = r.astringText();
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
