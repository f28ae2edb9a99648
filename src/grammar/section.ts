import type { Reader } from '../wire/reader.js';
import type { Writer } from '../wire/writer.js';
import type { Section, SectionText } from '../model/section.js';
import { LBRACKET, RBRACKET, DOT, DIGIT, CLASS } from '../wire/chars.js';
import { ImapEncodeError } from '../wire/errors.js';

/**
 * `section` (RFC 9051 §9): "[" [section-spec] "]". With `binary` it is
 * `section-binary`: only a part path, no text part (RFC 3516 §7).
 */
export function readSection(r: Reader, binary = false): Section {
  r.expect(LBRACKET, '"["');
  const part: number[] = [];
  let text: SectionText | undefined;
  if (r.skip(RBRACKET)) return { part };
  while ((CLASS[r.peek() & 0xff] & DIGIT) !== 0) {
    part.push(r.nzNumber());
    if (!r.skip(DOT)) break;
    if ((CLASS[r.peek() & 0xff] & DIGIT) === 0) {
      if (binary) throw r.error('nz-number');
      text = readSectionText(r, true);
      break;
    }
  }
  if (part.length === 0) {
    if (binary) throw r.error('section-part');
    text = readSectionText(r, false);
  }
  r.expect(RBRACKET, '"]"');
  return text === undefined ? { part } : { part, text };
}

function readSectionText(r: Reader, afterPart: boolean): SectionText {
  if (r.skipWord('HEADER.FIELDS.NOT')) {
    r.sp();
    return { type: 'HEADER.FIELDS.NOT', fields: r.list((x) => x.astringText(), false) };
  }
  if (r.skipWord('HEADER.FIELDS')) {
    r.sp();
    return { type: 'HEADER.FIELDS', fields: r.list((x) => x.astringText(), false) };
  }
  if (r.skipWord('HEADER')) return { type: 'HEADER' };
  if (r.skipWord('TEXT')) return { type: 'TEXT' };
  if (afterPart && r.skipWord('MIME')) return { type: 'MIME' };
  throw r.error(afterPart ? 'section-text' : 'section-msgtext');
}

/** Write `section` ("[" ... "]"). */
export function writeSection(w: Writer, s: Section): void {
  w.byte(LBRACKET);
  for (let i = 0; i < s.part.length; i++) {
    if (i > 0) w.byte(DOT);
    w.nzNumber(s.part[i]);
  }
  if (s.text !== undefined) {
    if (s.part.length > 0) w.byte(DOT);
    else if (s.text.type === 'MIME') throw new ImapEncodeError('MIME needs a part number (RFC 9051 §6.4.5)');
    w.ascii(s.text.type);
    if (s.text.type === 'HEADER.FIELDS' || s.text.type === 'HEADER.FIELDS.NOT') {
      if (s.text.fields.length === 0) throw new ImapEncodeError(`${s.text.type} needs at least one field name`);
      w.sp().list(s.text.fields, (x, f) => x.astring(f));
    }
  }
  w.byte(RBRACKET);
}
