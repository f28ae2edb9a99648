import type { ImapValue } from './value.js';
import type { Envelope } from './envelope.js';

/**
 * One `body-fld-param` pair, in wire order (names may repeat). The value
 * is `null` only for the lenient `("boundary" NIL)` quirk.
 *
 * @example
 * const p: BodyParam = ['CHARSET', 'UTF-8'];
 */
export type BodyParam = [name: string, value: string | null];

/**
 * `body-fld-dsp`: `("attachment" ("filename" "a.pdf"))`. Lenient-mode
 * quirks: `type` is null for `(NIL NIL)`; `bare` is true for a disposition
 * sent as a bare string (`"inline"`), and is written back that way.
 *
 * @example
 * const d: BodyDisposition = { type: 'ATTACHMENT', params: [['FILENAME', 'a.pdf']] };
 */
export interface BodyDisposition {
  type: string | null;
  params: BodyParam[] | null;
  bare?: boolean;
}

/**
 * `body-fld-lang`: one nstring (`"en"` / NIL) or a list (`("en" "de")`);
 * the two forms stay distinct so the bytes round-trip.
 *
 * @example
 * const l: BodyLanguage = ['en', 'de'];
 */
export type BodyLanguage = string | string[] | null;

/**
 * Extension data shared by all bodies, in wire order. Each field is
 * `undefined` when the server stopped before it, `null` for NIL: absent and
 * NIL stay distinct. A writer fills an absent field that comes before a
 * present one with NIL.
 *
 * @example
 * part.disposition?.type // 'ATTACHMENT'
 */
export interface BodyExtension {
  disposition?: BodyDisposition | null;
  language?: BodyLanguage;
  location?: string | null;
  /** Further `body-extension` values after the location, kept generically. */
  extensions?: ImapValue[];
}

/**
 * `body-fields` plus the media type of a non-multipart body.
 * `size` (body-fld-octets) is null for a NIL number; negative numbers
 * (`-1`) are kept as sent. `encoding` is null only for a NIL quirk.
 *
 * @example
 * const { mediaType, subtype, encoding, size } = part; // of any non-multipart body
 */
export interface BodyFields {
  /** `media-type`, as written (`"TEXT"`, `"application"`). */
  mediaType: string;
  /** `media-subtype`, as written. */
  subtype: string;
  params: BodyParam[] | null;
  id: string | null;
  description: string | null;
  encoding: string | null;
  size: number | null;
}

/**
 * Extension data of a non-multipart body (`body-ext-1part`): MD5 first.
 *
 * @example
 * part.md5 // the Content-MD5 value, or null / undefined
 */
export interface SinglePartExtension extends BodyExtension {
  md5?: string | null;
}

/**
 * Any non-multipart body that is neither text nor message/rfc822 (`body-type-basic`).
 *
 * @example
 * const pdf: BodyBasic = { type: 'basic', mediaType: 'APPLICATION', subtype: 'PDF', params: [['NAME', 'a.pdf']], id: null, description: null, encoding: 'BASE64', size: 4096 };
 */
export interface BodyBasic extends BodyFields, SinglePartExtension {
  type: 'basic';
}

/**
 * `body-type-text`: media type TEXT, with its line count.
 *
 * @example
 * const t: BodyText = { type: 'text', mediaType: 'TEXT', subtype: 'PLAIN', params: [['CHARSET', 'UTF-8']], id: null, description: null, encoding: '7BIT', size: 12, lines: 1 };
 */
export interface BodyText extends BodyFields, SinglePartExtension {
  type: 'text';
  /** `body-fld-lines`; null for a NIL quirk. */
  lines: number | null;
}

/**
 * `body-type-msg`: MESSAGE/RFC822 or MESSAGE/GLOBAL with the inner message's envelope and body.
 *
 * @example
 * if (b.type === 'message') console.log(b.envelope.subject, b.body.type);
 */
export interface BodyMessage extends BodyFields, SinglePartExtension {
  type: 'message';
  envelope: Envelope;
  body: BodyStructure;
  lines: number | null;
}

/**
 * `body-type-mpart`: the children and the subtype. `parts` is empty only
 * for the lenient quirk where a server sends NIL in place of the children.
 * `params` (`body-ext-mpart`) is undefined when no extension data was sent.
 *
 * @example
 * const alt: BodyMultipart = { type: 'multipart', subtype: 'ALTERNATIVE', parts: [plain, html] };
 */
export interface BodyMultipart extends BodyExtension {
  type: 'multipart';
  parts: BodyStructure[];
  subtype: string;
  params?: BodyParam[] | null;
}

/**
 * A BODY or BODYSTRUCTURE value (RFC 9051 §7.5.2, §9 `body`). The kind
 * follows the media type (TEXT → text, MESSAGE/RFC822 or MESSAGE/GLOBAL →
 * message, anything else → basic), case-insensitively.
 *
 * @example
 * if (bs.type === 'multipart') bs.parts.forEach((p) => console.log(p.type));
 */
export type BodyStructure = BodyBasic | BodyText | BodyMessage | BodyMultipart;
