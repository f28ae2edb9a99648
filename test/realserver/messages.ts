/**
 * Realistic messages for the real-server tests, each with the MIME tree
 * it was built from (and the envelope, sizes and decoded contents it must
 * show), so FETCH BODYSTRUCTURE / ENVELOPE / BINARY[] answers can be
 * checked against what the generator built, not against hard-coded text.
 *
 * Deterministic: the same bytes every run (a fixed PRNG, fixed dates).
 */

import { concat } from '../bytes.js';

/** The MIME shape a BODYSTRUCTURE must show. */
export interface MimeTree {
  type: string;
  subtype: string;
  /** multipart children */
  children?: MimeTree[];
  /** message/rfc822: the inner message's tree and subject */
  message?: MimeTree;
  messageSubject?: string;
  /** body parameters we set, lower-cased names */
  params?: Record<string, string>;
  encoding?: string;
  disposition?: string;
  /** body-fld-octets: the encoded body's size (non-multipart only) */
  size?: number;
  /** body-fld-lines (text and message/rfc822 only) */
  lines?: number;
}

/** An address as the ENVELOPE must carry it (RFC 2047 words stay encoded). */
export interface ExpectedAddress {
  name: string | null;
  mailbox: string;
  host: string;
}

export type ExpectedAddressItem = ExpectedAddress | { group: string; members: ExpectedAddress[] };

export interface GeneratedMessage {
  name: string;
  bytes: Uint8Array;
  tree: MimeTree;
  /** The subject as the ENVELOPE carries it (undecoded, unfolded). */
  subject: string;
  /** The subject as a human reads it (RFC 2047 decoded), for SEARCH. */
  decodedSubject: string;
  date: Date;
  dateHeader: string;
  messageId: string;
  inReplyTo: string | null;
  references: string[];
  from: ExpectedAddressItem[];
  to: ExpectedAddressItem[];
  cc: ExpectedAddressItem[] | null;
  /** Holds bytes no plain literal may carry (NUL): APPEND needs literal8. */
  needsBinary: boolean;
  /** The message and tree as Dovecot stores them (binary parts re-encoded as base64); same as bytes/tree otherwise. */
  storedBytes: Uint8Array;
  storedTree: MimeTree;
  /** Decoded content of some parts, by part number: what BINARY[part] must give. */
  decoded: Record<string, Uint8Array>;
  /** A word that occurs only in this message's body text. */
  bodyWord: string;
}

const enc = new TextEncoder();
const CRLF = '\r\n';

interface Part {
  head: string[];
  body: Uint8Array;
  tree: MimeTree;
  decoded?: Uint8Array;
  /**
   * The form the server stores when it differs from what was sent: Dovecot
   * re-encodes a `binary` part appended in a literal8 as base64.
   */
  stored?: Part;
}

function countLines(b: Uint8Array): number {
  let n = 0;
  for (const c of b) if (c === 0x0a) n++;
  return n;
}

function text(subtype: string, content: string, charset = 'utf-8', cte = '7bit'): Part {
  const body = enc.encode(content);
  return {
    head: [`Content-Type: text/${subtype}; charset=${charset}`, `Content-Transfer-Encoding: ${cte}`],
    body,
    tree: { type: 'text', subtype, params: { charset }, encoding: cte, size: body.length, lines: countLines(body) },
    decoded: body,
  };
}

/** text/plain in quoted-printable: `raw` is the QP text, `decoded` what BINARY[] must give. */
function quotedPrintable(raw: string, decoded: string): Part {
  const body = enc.encode(raw);
  return {
    head: ['Content-Type: text/plain; charset=utf-8', 'Content-Transfer-Encoding: quoted-printable'],
    body,
    tree: { type: 'text', subtype: 'plain', params: { charset: 'utf-8' }, encoding: 'quoted-printable', size: body.length, lines: countLines(body) },
    decoded: enc.encode(decoded),
  };
}

function base64(bytes: Uint8Array): string {
  let s = '';
  for (let i = 0; i < bytes.length; i += 57) s += Buffer.from(bytes.subarray(i, i + 57)).toString('base64') + CRLF;
  return s;
}

function attachment(type: string, subtype: string, filename: string, data: Uint8Array): Part {
  const body = enc.encode(base64(data));
  return {
    head: [
      `Content-Type: ${type}/${subtype}; name="${filename}"`,
      `Content-Disposition: attachment; filename="${filename}"`,
      'Content-Transfer-Encoding: base64',
    ],
    body,
    tree: { type, subtype, params: { name: filename }, encoding: 'base64', disposition: 'attachment', size: body.length },
    decoded: data,
  };
}

function binaryPart(data: Uint8Array): Part {
  // As Dovecot keeps it: base64 in lines of 76, no CRLF after the last one.
  const b64 = enc.encode(base64(data).replace(/\r\n$/, ''));
  return {
    head: ['Content-Type: application/octet-stream', 'Content-Transfer-Encoding: binary'],
    body: data,
    tree: { type: 'application', subtype: 'octet-stream', encoding: 'binary', size: data.length },
    decoded: data,
    stored: {
      head: ['Content-Type: application/octet-stream', 'Content-Transfer-Encoding: base64'],
      body: b64,
      tree: { type: 'application', subtype: 'octet-stream', encoding: 'base64', size: b64.length },
      decoded: data,
    },
  };
}

let counter = 0;

function multipart(subtype: string, children: Part[], boundary?: string): Part & { children: Part[] } {
  const b = boundary ?? `=_imapwire_${++counter}_${subtype}`;
  const stored = children.some((c) => c.stored !== undefined) ? multipart(subtype, children.map((c) => c.stored ?? c), b) : undefined;
  const chunks: Uint8Array[] = [enc.encode(`This is a multi-part message in MIME format.${CRLF}${CRLF}`)];
  for (const c of children) {
    chunks.push(enc.encode(`--${b}${CRLF}${c.head.join(CRLF)}${CRLF}${CRLF}`), c.body, enc.encode(CRLF));
  }
  chunks.push(enc.encode(`--${b}--${CRLF}`));
  return {
    head: [`Content-Type: multipart/${subtype};${CRLF} boundary="${b}"`],
    body: concat(chunks),
    tree: { type: 'multipart', subtype, children: children.map((c) => c.tree), params: { boundary: b } },
    children,
    ...(stored !== undefined ? { stored } : {}),
  };
}

function message(headers: string[], body: Part): Uint8Array {
  return concat([enc.encode([...headers, 'MIME-Version: 1.0', ...body.head].join(CRLF) + CRLF + CRLF), body.body]);
}

function rfc822(subject: string, body: Part): Part & { inner: Part } {
  const bytes = message(simpleHeaders(subject), body);
  return {
    head: ['Content-Type: message/rfc822', 'Content-Disposition: inline'],
    body: bytes,
    tree: {
      type: 'message',
      subtype: 'rfc822',
      message: body.tree,
      messageSubject: subject,
      disposition: 'inline',
      encoding: '7bit',
      size: bytes.length,
      lines: countLines(bytes),
    },
    inner: body,
  };
}

function simpleHeaders(subject: string): string[] {
  return [
    'From: Carol <carol@example.org>',
    'To: Alice <alice@example.org>',
    `Subject: ${subject}`,
    'Date: Mon, 2 Nov 2026 08:00:00 +0000',
    `Message-ID: <inner.${++counter}@example.org>`,
  ];
}

function pseudoRandom(n: number, seed: number): Uint8Array {
  const out = new Uint8Array(n);
  let x = seed >>> 0 || 1;
  for (let i = 0; i < n; i++) {
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    out[i] = x & 0xff;
  }
  return out;
}

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const DAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
function rfc5322Date(d: Date): string {
  const p = (n: number) => String(n).padStart(2, '0');
  return `${DAYS[d.getUTCDay()]}, ${d.getUTCDate()} ${MONTHS[d.getUTCMonth()]} ${d.getUTCFullYear()} ${p(d.getUTCHours())}:${p(d.getUTCMinutes())}:${p(d.getUTCSeconds())} +0000`;
}

const ALICE: ExpectedAddress = { name: 'Alice Example', mailbox: 'alice', host: 'example.org' };
const BOB: ExpectedAddress = { name: 'Bob', mailbox: 'bob', host: 'example.org' };

/** The messages the interop test appends and checks, in append order. */
export function generateMessages(): GeneratedMessage[] {
  counter = 0;
  const out: GeneratedMessage[] = [];
  interface AddOptions {
    decodedSubject?: string;
    extraHeaders?: string[];
    subjectHeader?: string;
    messageId?: string;
    inReplyTo?: string;
    references?: string[];
    cc?: ExpectedAddressItem[];
    ccHeader?: string;
  }
  const add = (name: string, subject: string, bodyWord: string, body: Part & { children?: Part[] }, o: AddOptions = {}) => {
    const i = out.length;
    // Dates out of append order (7 is prime to the count), so SORT (DATE) differs from ARRIVAL.
    const date = new Date(Date.UTC(2026, 9, 1 + ((i * 7) % 13), 9 + i, 30, 0));
    const messageId = o.messageId ?? `<${name}.${i}@example.org>`;
    const hdrs = [
      'From: "Alice Example" <alice@example.org>',
      'To: Bob <bob@example.org>',
      ...(o.ccHeader !== undefined ? [`Cc: ${o.ccHeader}`] : []),
      `Subject: ${o.subjectHeader ?? subject}`,
      `Date: ${rfc5322Date(date)}`,
      `Message-ID: ${messageId}`,
      ...(o.inReplyTo !== undefined ? [`In-Reply-To: ${o.inReplyTo}`] : []),
      ...(o.references !== undefined ? [`References: ${o.references.join(' ')}`] : []),
      ...(o.extraHeaders ?? []),
    ];
    const bytes = message(hdrs, body);
    const storedBytes = body.stored !== undefined ? message(hdrs, body.stored) : bytes;
    const decoded: Record<string, Uint8Array> = {};
    if (body.children === undefined) {
      if (body.decoded !== undefined) decoded['1'] = body.decoded;
    } else {
      body.children.forEach((c, k) => {
        if (c.decoded !== undefined && c.tree.type !== 'multipart') decoded[String(k + 1)] = c.decoded;
      });
    }
    out.push({
      name,
      bytes,
      tree: body.tree,
      subject,
      decodedSubject: o.decodedSubject ?? subject,
      date,
      dateHeader: rfc5322Date(date),
      messageId,
      inReplyTo: o.inReplyTo ?? null,
      references: o.references ?? [],
      from: [ALICE],
      to: [BOB],
      cc: o.cc ?? null,
      needsBinary: bytes.includes(0),
      storedBytes,
      storedTree: body.stored?.tree ?? body.tree,
      decoded,
      bodyWord,
    });
  };

  add('alternative', 'Alternative', 'plainversionword', multipart('alternative', [
    text('plain', 'Plain text plainversionword.' + CRLF),
    text('html', '<p>HTML version.</p>' + CRLF),
  ]));

  add('mixed-attachments', 'Mixed with attachments', 'seeattachedword', multipart('mixed', [
    multipart('alternative', [text('plain', 'See attached seeattachedword.' + CRLF), text('html', '<p>See attached.</p>' + CRLF)]),
    attachment('application', 'pdf', 'report.pdf', pseudoRandom(3000, 7)),
    attachment('image', 'png', 'pixel.png', pseudoRandom(200, 9)),
  ]));

  const level3 = rfc822('Level 3', text('plain', 'Deepest deepestword.' + CRLF));
  const level2 = rfc822('Level 2', multipart('mixed', [text('plain', 'Level 2 text.' + CRLF), level3]));
  const level1 = rfc822('Level 1', multipart('mixed', [text('plain', 'Level 1 text.' + CRLF), level2]));
  add('nested-rfc822', 'Nested three deep', 'outerword', multipart('mixed', [text('plain', 'Outer outerword.' + CRLF), level1]));

  add('encoded-words', '=?UTF-8?Q?Caf=C3=A9_=E2=82=AC?= and =?ISO-8859-1?B?SOk=?=', 'groupsword',
    text('plain', 'Encoded words and groups groupsword.' + CRLF), {
      decodedSubject: 'Café € and Hé',
      ccHeader: 'Team: carol@example.org, "Dave D." <dave@example.org>;, undisclosed-recipients:;',
      cc: [
        { group: 'Team', members: [{ name: null, mailbox: 'carol', host: 'example.org' }, { name: 'Dave D.', mailbox: 'dave', host: 'example.org' }] },
        { group: 'undisclosed-recipients', members: [] },
      ],
    });

  add('raw-utf8-header', 'Grüße aus Köln – 東京', 'rawutfword',
    text('plain', 'Raw UTF-8 in the header rawutfword.' + CRLF, 'utf-8', '8bit'));

  add('eight-bit-and-binary', 'Eight bit and binary', 'eightbitword', multipart('mixed', [
    text('plain', 'Ünïcödé 8-bit body ✓ eightbitword' + CRLF, 'utf-8', '8bit'),
    binaryPart(Uint8Array.from([0, 1, 2, 0, 255, 13, 10, 0, 42])),
  ]));

  add('quoted-printable', 'Quoted printable', 'qpword', multipart('mixed', [
    quotedPrintable('Caf=C3=A9 na=C3=AFve =E2=80=94 a soft=' + CRLF + 'break qpword.' + CRLF, 'Café naïve — a softbreak qpword.' + CRLF),
    attachment('text', 'csv', 'data.csv', enc.encode('a,b\r\n1,2\r\n')),
  ]));

  add('folded-subject', 'A long subject line that is folded onto a second line', 'foldedword',
    text('plain', 'Folded header foldedword.' + CRLF), {
      subjectHeader: 'A long subject line that is folded' + CRLF + ' onto a second line',
      // RFC 5322 §2.2.3: unfolding removes the CRLF only, the space stays.
    });

  // A conversation for THREAD: root, reply, reply to the reply.
  add('thread-root', 'Weekly sync', 'syncrootword', text('plain', 'Agenda syncrootword.' + CRLF), { messageId: '<sync-root@example.org>' });
  add('thread-reply', 'Re: Weekly sync', 'syncreplyword', text('plain', 'Sounds good syncreplyword.' + CRLF), {
    messageId: '<sync-reply@example.org>',
    inReplyTo: '<sync-root@example.org>',
    references: ['<sync-root@example.org>'],
  });
  add('thread-reply2', 'Re: Re: Weekly sync', 'syncreply2word', text('plain', 'Agreed syncreply2word.' + CRLF), {
    messageId: '<sync-reply2@example.org>',
    inReplyTo: '<sync-reply@example.org>',
    references: ['<sync-root@example.org>', '<sync-reply@example.org>'],
  });

  add('large-attachment', 'Large attachment', 'largeword', multipart('mixed', [
    text('plain', 'Three megabytes follow largeword.' + CRLF),
    attachment('application', 'octet-stream', 'big.bin', pseudoRandom(3 * 1024 * 1024, 11)),
  ]));

  return out;
}

/** Mailbox names that need modified UTF-7 (RFC 3501 §5.1.3). */
export const UTF7_MAILBOXES = ['Entwürfe', '日本語', 'Reçus & Envoyés'];
