/**
 * RFC 9051 §9 `section-spec` inside `BODY[...]` / `BINARY[...]`:
 * a part path (`1.2.3`) and an optional text part.
 *
 * - `HEADER`, `TEXT`: the message (or message/rfc822 part) header / body
 * - `HEADER.FIELDS` / `HEADER.FIELDS.NOT` with their field names
 * - `MIME`: the MIME header of a part (only after a part path)
 *
 * @example
 * // BODY[1.2.HEADER.FIELDS (Subject From)]
 * const s: Section = { part: [1, 2], text: { type: 'HEADER.FIELDS', fields: ['Subject', 'From'] } };
 * // BODY[]
 * const whole: Section = { part: [] };
 */
export interface Section {
  /** The part path; empty for the whole message. */
  part: number[];
  text?: SectionText;
}

/**
 * The text part of a section spec (`section-text` / `section-msgtext`,
 * RFC 3501 §6.4.5, RFC 9051 §6.4.5): what of a part is fetched.
 *
 * @example
 * const t: SectionText = { type: 'HEADER.FIELDS', fields: ['Subject', 'From'] };
 */
export type SectionText =
  | { type: 'HEADER' }
  | { type: 'TEXT' }
  | { type: 'MIME' }
  | { type: 'HEADER.FIELDS'; fields: string[] }
  | { type: 'HEADER.FIELDS.NOT'; fields: string[] };
