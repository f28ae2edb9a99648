/**
 * fast-check arbitraries for FETCH items, envelopes and body structures.
 * Every value they make is canonical: strict mode reads its serialization
 * back, and the value deep-equals what was written.
 */
import fc from 'fast-check';
import type { FetchItem } from '../../src/model/fetch.js';
import type { Envelope, Address, AddressItem } from '../../src/model/envelope.js';
import type {
  BodyStructure, BodyParam, BodyDisposition, BodyLanguage, BodyExtension, BodyFields, SinglePartExtension, BodyMultipart,
} from '../../src/model/body.js';
import type { ImapValue } from '../../src/model/value.js';
import type { ImapDateTime } from '../../src/model/datetime.js';
import type { Section, SectionText } from '../../src/model/section.js';

const textChar = fc.oneof(
  { weight: 8, arbitrary: fc.constantFrom(...'abcXYZ 019-_.@<>"\\()[]{}%*=;:,/'.split('')) },
  { weight: 2, arbitrary: fc.constantFrom('é', 'ß', '日', '😀') },
  { weight: 1, arbitrary: fc.constantFrom('\r', '\n', '\t', '\x00', '\udce9', '\udcff') },
);

/** Any string imapwire can carry (ASCII, UTF-8, lone-surrogate-escaped bytes, CR/LF/NUL). */
export const imapStringArb: fc.Arbitrary<string> = fc.string({ unit: textChar, maxLength: 12 });

const atomChars = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789!#&\'+,-./:;<=>?@^_`|~$'.split('');
const atomArb = fc.string({ unit: fc.constantFrom(...atomChars), minLength: 1, maxLength: 8 });

export const flagArb: fc.Arbitrary<string> = fc.oneof(
  fc.constantFrom('\\Seen', '\\Answered', '\\Flagged', '\\Deleted', '\\Draft', '\\Recent', '$Forwarded', '$MDNSent', 'NonJunk'),
  atomArb,
  atomArb.map((a) => '\\' + a),
);

const nstringArb = fc.option(imapStringArb, { nil: null });
const uint32 = fc.integer({ min: 0, max: 4294967295 });
const bytesArb = fc.uint8Array({ maxLength: 24 });

export const dateTimeArb: fc.Arbitrary<ImapDateTime> = fc.record({
  year: fc.integer({ min: 1970, max: 2100 }),
  month: fc.integer({ min: 1, max: 12 }),
  day: fc.integer({ min: 1, max: 31 }),
  hour: fc.integer({ min: 0, max: 23 }),
  minute: fc.integer({ min: 0, max: 59 }),
  second: fc.integer({ min: 0, max: 60 }),
  zone: fc.tuple(fc.constantFrom('+', '-'), fc.integer({ min: 0, max: 1400 })).map(([s, z]) => s + String(z).padStart(4, '0')),
});

const partArb = fc.array(fc.integer({ min: 1, max: 4294967295 }), { maxLength: 4 });
const fieldsArb = fc.array(fc.oneof(atomArb, imapStringArb), { minLength: 1, maxLength: 3 });

export const sectionArb: fc.Arbitrary<Section> = fc.tuple(partArb, fc.option(fc.oneof(
  fc.constant<SectionText>({ type: 'HEADER' }),
  fc.constant<SectionText>({ type: 'TEXT' }),
  fc.constant<SectionText>({ type: 'MIME' }),
  fieldsArb.map((fields): SectionText => ({ type: 'HEADER.FIELDS', fields })),
  fieldsArb.map((fields): SectionText => ({ type: 'HEADER.FIELDS.NOT', fields })),
), { nil: undefined })).map(([part, text]) => {
  if (text === undefined || (text.type === 'MIME' && part.length === 0)) return { part };
  return { part, text };
});

// ---- envelope -----------------------------------------------------------------

/** An address that is not a group marker (so it reads back as itself). */
export const addressArb: fc.Arbitrary<Address> = fc.oneof(
  fc.record({ name: nstringArb, adl: nstringArb, mailbox: nstringArb, host: imapStringArb }),
  fc.record({ name: imapStringArb, adl: nstringArb, mailbox: imapStringArb, host: fc.constant(null) }),
);

const addressItemArb: fc.Arbitrary<AddressItem> = fc.oneof(
  { weight: 4, arbitrary: addressArb },
  { weight: 1, arbitrary: fc.record({ type: fc.constant('group' as const), name: imapStringArb, members: fc.array(addressArb, { maxLength: 3 }) }) },
);

const addressListArb = fc.option(fc.array(addressItemArb, { minLength: 1, maxLength: 3 }), { nil: null });

export const envelopeArb: fc.Arbitrary<Envelope> = fc.record({
  date: nstringArb,
  subject: nstringArb,
  from: addressListArb,
  sender: addressListArb,
  replyTo: addressListArb,
  to: addressListArb,
  cc: addressListArb,
  bcc: addressListArb,
  inReplyTo: nstringArb,
  messageId: nstringArb,
});

// ---- body structure -----------------------------------------------------------

const paramsArb: fc.Arbitrary<BodyParam[] | null> = fc.option(
  fc.array(fc.tuple(imapStringArb, imapStringArb).map(([n, v]): BodyParam => [n, v]), { minLength: 1, maxLength: 3 }),
  { nil: null },
);

const dispositionArb: fc.Arbitrary<BodyDisposition | null> = fc.option(fc.record({ type: imapStringArb, params: paramsArb }), { nil: null });
const languageArb: fc.Arbitrary<BodyLanguage> = fc.oneof(nstringArb, fc.array(imapStringArb, { minLength: 1, maxLength: 3 }));

/** `body-extension` values: nstring / number / non-empty list of them. */
export const bodyExtensionValueArb: fc.Arbitrary<ImapValue> = fc.letrec<{ v: ImapValue }>((tie) => ({
  v: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    imapStringArb.map((value): ImapValue => ({ type: 'string', value })),
    fc.constant<ImapValue>({ type: 'nil' }),
    fc.bigInt({ min: 0n, max: (1n << 63n) - 1n }).map((value): ImapValue => ({ type: 'number', value })),
    fc.array(tie('v'), { minLength: 1, maxLength: 3 }).map((items): ImapValue => ({ type: 'list', items })),
  ),
})).v;

/** Extension fields present as a prefix: dsp, then lang, then loc, then extensions. */
const extTailArb: fc.Arbitrary<BodyExtension> = fc.tuple(
  fc.integer({ min: 0, max: 4 }), dispositionArb, languageArb, nstringArb, fc.array(bodyExtensionValueArb, { minLength: 1, maxLength: 2 }),
).map(([n, disposition, language, location, extensions]) => {
  const e: BodyExtension = {};
  if (n >= 1) e.disposition = disposition;
  if (n >= 2) e.language = language;
  if (n >= 3) e.location = location;
  if (n >= 4) e.extensions = extensions;
  return e;
});

const singleExtArb: fc.Arbitrary<SinglePartExtension> = fc.option(fc.tuple(nstringArb, extTailArb), { nil: undefined })
  .map((x) => (x === undefined ? {} : { md5: x[0], ...x[1] }));

const multiExtArb: fc.Arbitrary<Partial<BodyMultipart>> = fc.option(fc.tuple(paramsArb, extTailArb), { nil: undefined })
  .map((x) => (x === undefined ? {} : { params: x[0], ...x[1] }));

const basicTypeArb = fc.oneof(
  fc.constantFrom('APPLICATION', 'image', 'AUDIO', 'video', 'MESSAGE', 'x-unknown', ''),
  imapStringArb,
).filter((t) => t.toUpperCase() !== 'TEXT' && t.toUpperCase() !== 'MESSAGE');

function fieldsFor(mediaType: fc.Arbitrary<string>, subtype: fc.Arbitrary<string>): fc.Arbitrary<BodyFields> {
  return fc.record({
    mediaType, subtype, params: paramsArb, id: nstringArb, description: nstringArb,
    encoding: fc.oneof(fc.constantFrom('7BIT', '8bit', 'BASE64', 'quoted-printable', 'BINARY'), imapStringArb),
    size: uint32,
  });
}

const basicFields = fc.oneof(
  fieldsFor(basicTypeArb, imapStringArb),
  fieldsFor(fc.constantFrom('MESSAGE', 'message'), fc.constantFrom('DELIVERY-STATUS', 'partial', 'rfc822-headers')),
);

/** A BODY / BODYSTRUCTURE value, at most `maxDepth` bodies deep. */
export function bodyStructureArbOf(maxDepth: number): fc.Arbitrary<BodyStructure> {
  const leaf: fc.Arbitrary<BodyStructure> = fc.oneof(
    fc.tuple(basicFields, singleExtArb).map(([f, e]): BodyStructure => ({ type: 'basic', ...f, ...e })),
    fc.tuple(fieldsFor(fc.constantFrom('TEXT', 'text', 'Text'), fc.constantFrom('PLAIN', 'html', 'calendar')), uint32, singleExtArb)
      .map(([f, lines, e]): BodyStructure => ({ type: 'text', ...f, lines, ...e })),
  );
  if (maxDepth <= 1) return leaf;
  const inner = bodyStructureArbOf(maxDepth - 1);
  return fc.oneof(
    { weight: 3, arbitrary: leaf },
    {
      weight: 1,
      arbitrary: fc.tuple(fc.array(inner, { minLength: 1, maxLength: 3 }), fc.oneof(fc.constantFrom('MIXED', 'alternative', 'related'), imapStringArb), multiExtArb)
        .map(([parts, subtype, e]): BodyStructure => ({ type: 'multipart', parts, subtype, ...e })),
    },
    {
      weight: 1,
      arbitrary: fc.tuple(
        fieldsFor(fc.constantFrom('MESSAGE', 'message'), fc.constantFrom('RFC822', 'rfc822', 'GLOBAL')), envelopeArb, inner, uint32, singleExtArb,
      ).map(([f, envelope, body, lines, e]): BodyStructure => ({ type: 'message', ...f, envelope, body, lines, ...e })),
    },
  );
}

export const bodyStructureArb: fc.Arbitrary<BodyStructure> = bodyStructureArbOf(4);

// ---- generic values and FETCH items --------------------------------------------

const KNOWN = new Set([
  'FLAGS', 'INTERNALDATE', 'RFC822.SIZE', 'RFC822', 'RFC822.HEADER', 'RFC822.TEXT', 'UID', 'ENVELOPE', 'BODY', 'BODYSTRUCTURE',
  'BINARY', 'BINARY.SIZE', 'MODSEQ', 'EMAILID', 'THREADID', 'SAVEDATE', 'PREVIEW', 'X-GM-MSGID', 'X-GM-THRID', 'X-GM-LABELS',
]);

const valueAtomArb = fc.stringMatching(/^[A-Za-z][A-Za-z0-9.\-_\\]{0,8}$/).filter((s) => s.toUpperCase() !== 'NIL');

/** A generic value as `readValue` gives it back. */
export const imapValueArb: fc.Arbitrary<ImapValue> = fc.letrec<{ v: ImapValue }>((tie) => ({
  v: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    valueAtomArb.map((value): ImapValue => ({ type: 'atom', value })),
    fc.bigInt({ min: 0n, max: (1n << 63n) - 1n }).map((value): ImapValue => ({ type: 'number', value })),
    imapStringArb.map((value): ImapValue => ({ type: 'string', value })),
    bytesArb.map((value): ImapValue => ({ type: 'binary', value })),
    fc.constant<ImapValue>({ type: 'nil' }),
    fc.array(tie('v'), { maxLength: 3 }).map((items): ImapValue => ({ type: 'list', items })),
  ),
})).v;

const unknownNameArb = fc.oneof(
  fc.stringMatching(/^X-[A-Z0-9.\-]{1,10}$/),
  fc.tuple(fc.stringMatching(/^X-[A-Z]{1,6}$/), fc.integer({ min: 1, max: 99 })).map(([n, k]) => `${n}[${k}]`),
).filter((n) => !KNOWN.has(n.toUpperCase()));

const originArb = fc.option(uint32, { nil: undefined });
const objectIdArb = fc.stringMatching(/^[A-Za-z0-9_-]{1,40}$/);
const size53 = fc.oneof(uint32, fc.integer({ min: 0, max: Number.MAX_SAFE_INTEGER }));
const number64 = fc.bigInt({ min: 0n, max: (1n << 63n) - 1n });
/** A Gmail label: system labels, names with spaces, NIL spelled as a name, any text. */
export const labelArb = fc.oneof(fc.constantFrom('\\Inbox', '\\Sent', '\\Important', 'Work', 'Muy Importante', 'NIL', ''), imapStringArb);

function withOrigin<T extends object>(v: T, origin: number | undefined): T & { origin?: number } {
  return origin === undefined ? v : { ...v, origin };
}

export const fetchItemArb: fc.Arbitrary<FetchItem> = fc.oneof(
  fc.array(flagArb, { maxLength: 4 }).map((value): FetchItem => ({ type: 'FLAGS', value })),
  dateTimeArb.map((value): FetchItem => ({ type: 'INTERNALDATE', value })),
  size53.map((value): FetchItem => ({ type: 'RFC822.SIZE', value })),
  fc.tuple(fc.constantFrom('RFC822', 'RFC822.HEADER', 'RFC822.TEXT') , fc.option(bytesArb, { nil: null }))
    .map(([type, value]): FetchItem => ({ type, value }) as FetchItem),
  fc.integer({ min: 1, max: 4294967295 }).map((value): FetchItem => ({ type: 'UID', value })),
  envelopeArb.map((value): FetchItem => ({ type: 'ENVELOPE', value })),
  bodyStructureArbOf(3).map((value): FetchItem => ({ type: 'BODY', value })),
  bodyStructureArb.map((value): FetchItem => ({ type: 'BODYSTRUCTURE', value })),
  fc.tuple(sectionArb, originArb, fc.option(bytesArb, { nil: null }))
    .map(([section, origin, value]): FetchItem => withOrigin({ type: 'BODY[]' as const, section, value }, origin)),
  fc.tuple(partArb, originArb, fc.option(bytesArb, { nil: null }), fc.boolean()).map(([part, origin, value, l8]): FetchItem => {
    const it = withOrigin({ type: 'BINARY[]' as const, part, value }, origin);
    return value !== null && (l8 || value.includes(0)) ? { ...it, literal8: true } : it;
  }),
  fc.tuple(partArb, size53).map(([part, value]): FetchItem => ({ type: 'BINARY.SIZE', part, value })),
  fc.bigInt({ min: 1n, max: (1n << 63n) - 1n }).map((value): FetchItem => ({ type: 'MODSEQ', value })),
  objectIdArb.map((value): FetchItem => ({ type: 'EMAILID', value })),
  fc.option(objectIdArb, { nil: null }).map((value): FetchItem => ({ type: 'THREADID', value })),
  fc.option(dateTimeArb, { nil: null }).map((value): FetchItem => ({ type: 'SAVEDATE', value })),
  nstringArb.map((value): FetchItem => ({ type: 'PREVIEW', value })),
  number64.map((value): FetchItem => ({ type: 'X-GM-MSGID', value })),
  number64.map((value): FetchItem => ({ type: 'X-GM-THRID', value })),
  fc.array(labelArb, { maxLength: 4 }).map((value): FetchItem => ({ type: 'X-GM-LABELS', value })),
  fc.tuple(unknownNameArb, imapValueArb).map(([name, value]): FetchItem => ({ type: 'unknown', name, value })),
);

/** A non-empty msg-att item list. */
export const fetchItemsArb: fc.Arbitrary<FetchItem[]> = fc.array(fetchItemArb, { minLength: 1, maxLength: 6 });
