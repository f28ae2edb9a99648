/**
 * One known deviation from the IMAP grammar that the default (lenient)
 * mode tolerates: what it is, the rule it breaks, who sends it, one frame
 * that shows it and what serializing the parsed value writes instead.
 * Warnings carry `id` as their `name`; strict mode refuses the frame
 * unless `id` is listed in `allowQuirks`. docs/quirks.md is generated
 * from {@link QUIRKS}.
 *
 * @example
 * QUIRKS.find((q) => q.id === 'zoho-modseq-negative')?.rule; // 'mod-sequence-value'
 */
export interface Quirk {
  /** Stable id, the `name` of the warning. */
  readonly id: string;
  /** Which direction sends it. */
  readonly side: 'server' | 'client';
  /** What lenient mode accepts, in one sentence. */
  readonly tolerates: string;
  /** The ABNF rule (or MUST) the bytes break. */
  readonly rule: string;
  /** Where that rule is stated. */
  readonly rfc: string;
  /** Servers (or clients) known to send it, each with public evidence; empty when none is known. */
  readonly seenFrom: readonly { readonly who: string; readonly evidence: string }[];
  /** One whole frame that shows it (a JS string; bytes above 0x7f as \u00XX stand for single bytes). */
  readonly example: string;
  /** What serializing the lenient value writes in place of the odd bytes. */
  readonly writes: string;
}

/**
 * A warning that names no quirk but a name no grammar here derives (see `allowUnknown`).
 *
 * @example
 * const u: UnknownName = { id: 'unknown-response', tolerates: 'An unknown untagged response.', example: '* XFOO 1\r\n' };
 */
export interface UnknownName {
  readonly id: 'unknown-response' | 'unknown-fetch-item';
  readonly tolerates: string;
  readonly example: string;
}

const NONE: Quirk['seenFrom'] = [];
const B = 'RFC 9051 §9';

/**
 * Every quirk the readers know, in one table. Adding a tolerance means
 * adding its row here (a test checks that each id the code records is
 * listed, and that each example parses with exactly its warning in the
 * default mode, is refused in strict mode unless allowed, and round-trips).
 *
 * @example
 * QUIRKS.find((q) => q.id === 'trailing-space')?.rfc // 'RFC 9051 §9'
 */
export const QUIRKS: readonly Quirk[] = [
  // ---- wire level ---------------------------------------------------------
  { id: 'trailing-space', side: 'server', tolerates: 'Spaces before the CRLF that ends a line (outside resp-text).', rule: 'CRLF', rfc: B, seenFrom: NONE, example: '* 3 EXISTS \r\n', writes: 'The line without the spaces.' },
  { id: 'lone-lf', side: 'server', tolerates: 'A line ended by LF alone.', rule: 'CRLF', rfc: B, seenFrom: NONE, example: '* 3 EXISTS\n', writes: 'CRLF.' },
  { id: '8bit-atom', side: 'server', tolerates: 'Bytes above 0x7f in an atom or flag keyword (Latin-1 keywords).', rule: 'ATOM-CHAR', rfc: B, seenFrom: NONE, example: '* FLAGS (caf\u00e9)\r\n', writes: 'The same bytes (there is no valid form of such a keyword).' },
  { id: 'quoted-backslash', side: 'server', tolerates: 'A backslash in a quoted string before a character other than `"` or `\\` (kept as a plain byte).', rule: 'quoted', rfc: B, seenFrom: NONE, example: '* LIST () "/" "a\\b"\r\n', writes: 'The backslash escaped: `"a\\\\b"`.' },
  { id: 'quoted-8bit', side: 'server', tolerates: 'Bytes in a quoted string that are not UTF-8.', rule: 'QUOTED-CHAR', rfc: B, seenFrom: NONE, example: '* LIST () "/" "\u00ff"\r\n', writes: 'A literal holding the same bytes.' },
  { id: 'quoted-nul', side: 'server', tolerates: 'NUL in a quoted string.', rule: 'QUOTED-CHAR', rfc: B, seenFrom: NONE, example: '* LIST () "/" "a\u0000b"\r\n', writes: 'A literal holding the same bytes (NUL has no valid form outside literal8; reading it back records `literal-nul`).' },
  { id: 'literal-minus', side: 'server', tolerates: 'A `{n-}` literal header.', rule: 'literal', rfc: 'RFC 7888 §8', seenFrom: NONE, example: '* LIST () "/" {1-}\r\na\r\n', writes: 'The string as an atom, quoted string or `{n}` literal.' },
  { id: 'literal-plus-server', side: 'server', tolerates: 'A non-synchronizing literal header `{n+}` / `~{n+}` sent by a server (they are client-only).', rule: 'literal', rfc: 'RFC 7888 §8', seenFrom: NONE, example: '* LIST () "/" {1+}\r\na\r\n', writes: 'The string as an atom, quoted string or `{n}` literal.' },
  { id: 'literal-nul', side: 'server', tolerates: 'NUL inside an ordinary literal (only `literal8` may carry NUL).', rule: 'literal', rfc: B, seenFrom: NONE, example: '* 1 FETCH (BODY[] {3}\r\na\u0000b)\r\n', writes: 'The same literal (a BINARY[] value would be written as `~{n}`).' },
  { id: 'space-before-paren', side: 'server', tolerates: 'A space before a closing parenthesis.', rule: 'flag-list', rfc: B, seenFrom: NONE, example: '* FLAGS (\\Seen )\r\n', writes: 'The list without the space.' },
  { id: 'text-8bit', side: 'server', tolerates: 'Bytes in human-readable text that are not UTF-8.', rule: 'TEXT-CHAR', rfc: B, seenFrom: NONE, example: '* OK caf\u00e9\r\n', writes: 'The same bytes.' },
  { id: 'text-nul', side: 'server', tolerates: 'NUL in human-readable text.', rule: 'TEXT-CHAR', rfc: B, seenFrom: NONE, example: '* OK a\u0000b\r\n', writes: 'The text without the NUL.' },
  { id: 'number-leading-zero', side: 'server', tolerates: 'Leading zeros where an nz-number is read (message numbers, UIDs).', rule: 'nz-number', rfc: B, seenFrom: NONE, example: '* 03 EXPUNGE\r\n', writes: 'The number without leading zeros.' },
  // ---- responses ----------------------------------------------------------
  { id: 'double-space', side: 'server', tolerates: 'More than one space after `*`.', rule: 'response-data', rfc: B, seenFrom: NONE, example: '*  3 EXISTS\r\n', writes: 'One space.' },
  { id: 'bare-continuation', side: 'server', tolerates: 'A continuation request `+` with nothing after it.', rule: 'continue-req', rfc: B, seenFrom: NONE, example: '+\r\n', writes: '`+ ` then CRLF (an empty IMAP4rev2 resp-text).' },
  { id: 'missing-text', side: 'server', tolerates: 'No SP after the status word or after the `]` of a response code (`* OK` CRLF); under `grammar: \'imap4rev1\'` also the empty text IMAP4rev2 allows.', rule: 'resp-text', rfc: 'RFC 3501 §9', seenFrom: NONE, example: 'A1 OK\r\n', writes: '`A1 OK ` then CRLF (an empty IMAP4rev2 resp-text).' },
  { id: 'code-without-space', side: 'server', tolerates: 'Text right after the `]` of a response code, without SP.', rule: 'resp-text', rfc: B, seenFrom: NONE, example: '* OK [ALERT]now\r\n', writes: '`[ALERT] now`.' },
  { id: 'malformed-resp-text-code', side: 'server', tolerates: 'A known response code whose data does not fit its rule (`[UIDNEXT 0]`), kept as a generic code.', rule: 'resp-text-code', rfc: B, seenFrom: NONE, example: '* OK [UIDNEXT 0] x\r\n', writes: 'The generic code as sent.' },
  { id: 'uid-set-star', side: 'server', tolerates: '`*` in a uid-set (`n:*` in COPYUID, VANISHED).', rule: 'uid-set', rfc: B, seenFrom: NONE, example: '* VANISHED 1:*\r\n', writes: 'The same set.' },
  { id: 'capability-no-imap4', side: 'server', tolerates: 'A CAPABILITY list without IMAP4rev1 or IMAP4rev2 (empty included).', rule: 'capability-data', rfc: B, seenFrom: NONE, example: '* CAPABILITY IDLE\r\n', writes: 'The same list.' },
  { id: 'greenmail-flags-star', side: 'server', tolerates: '`\\*` inside FLAGS (it belongs in PERMANENTFLAGS only).', rule: 'flag', rfc: B, seenFrom: [{ who: 'GreenMail', evidence: 'https://github.com/greenmail-mail-test/greenmail/issues/633' }], example: '* FLAGS (\\Answered \\*)\r\n', writes: 'The list without `\\*`.' },
  { id: 'flag-bracket', side: 'server', tolerates: 'Flag keywords holding `]` (Gmail `OIB-Seen-[Gmail]/All`, `[css3-page]`); the keyword is dropped from the value.', rule: 'flag-keyword', rfc: B, seenFrom: [{ who: 'Gmail', evidence: 'https://github.com/djc/imap-proto/issues/36' }, { who: 'Gmail', evidence: 'https://github.com/emailjs/emailjs-imap-handler/issues/6' }], example: '* FLAGS (\\Seen OIB-Seen-[Gmail]/All Mail)\r\n', writes: 'The list without the keyword (no valid IMAP form holds `]` in a flag).' },
  { id: 'list-contradictory', side: 'server', tolerates: 'LIST attributes that contradict: `\\HasChildren` with `\\HasNoChildren`, or more than one of `\\Noselect`, `\\Marked`, `\\Unmarked`, `\\NonExistent`.', rule: 'mbx-list-flags', rfc: 'RFC 5258 §4; RFC 9051 §9', seenFrom: NONE, example: '* LIST (\\HasChildren \\HasNoChildren) "/" a\r\n', writes: 'The same attributes.' },
  { id: 'delimiter-length', side: 'server', tolerates: 'A hierarchy delimiter of more or less than one character.', rule: 'mailbox-list', rfc: B, seenFrom: NONE, example: '* LIST () "//" a\r\n', writes: 'The same delimiter.' },
  { id: 'status-zero', side: 'server', tolerates: 'STATUS `UIDNEXT 0` or `UIDVALIDITY 0` (nz-number).', rule: 'status-att-val', rfc: 'RFC 4466 §3; RFC 9051 §9', seenFrom: NONE, example: '* STATUS a (UIDNEXT 0)\r\n', writes: 'The same value.' },
  { id: 'modseq-zero', side: 'server', tolerates: 'A mod-sequence of 0 (`MODSEQ (0)`, `[HIGHESTMODSEQ 0]`).', rule: 'mod-sequence-value', rfc: 'RFC 7162 §7', seenFrom: NONE, example: '* 1 FETCH (MODSEQ (0))\r\n', writes: 'The same value.' },
  { id: 'namespace-space', side: 'server', tolerates: 'Spaces between namespace descriptors.', rule: 'namespace-response', rfc: B, seenFrom: NONE, example: '* NAMESPACE (("" "/") ("a" "/")) NIL NIL\r\n', writes: 'The descriptors without spaces.' },
  { id: 'thread-space', side: 'server', tolerates: 'Spaces between thread lists.', rule: 'thread-list', rfc: 'RFC 5256 §5', seenFrom: NONE, example: '* THREAD (1) (2)\r\n', writes: 'The lists without spaces.' },
  { id: 'thread-single-nested', side: 'server', tolerates: 'A thread branch holding only one nested list.', rule: 'thread-list', rfc: 'RFC 5256 §5', seenFrom: NONE, example: '* THREAD (1 (2))\r\n', writes: 'The same tree.' },
  { id: 'id-limits', side: 'server', tolerates: 'An ID response over the limits: more than 30 pairs, a field over 30 octets or a value over 1024.', rule: 'id-response', rfc: 'RFC 2971 §3.3', seenFrom: NONE, example: '* ID ("a-field-name-longer-than-thirty" "x")\r\n', writes: 'The same pairs.' },
  { id: 'acl-rights-chars', side: 'server', tolerates: 'Rights holding characters other than lower-case letters and digits.', rule: 'rights', rfc: 'RFC 4314 §2', seenFrom: NONE, example: '* MYRIGHTS INBOX LR\r\n', writes: 'The same rights.' },
  { id: 'metadata-entry-name', side: 'server', tolerates: 'A METADATA entry name not under /private or /shared, or holding `*`, `%`, `//` or a trailing `/`.', rule: 'entry', rfc: 'RFC 5464 §3.2', seenFrom: NONE, example: '* METADATA INBOX (/comment "x")\r\n', writes: 'The same entry.' },
  // ---- FETCH --------------------------------------------------------------
  { id: 'fetch-empty', side: 'server', tolerates: 'A FETCH response with no items `()`.', rule: 'msg-att', rfc: B, seenFrom: NONE, example: '* 1 FETCH ()\r\n', writes: 'The same `()`.' },
  { id: 'extra-space', side: 'server', tolerates: 'More than one space between FETCH items or envelope fields.', rule: 'msg-att', rfc: B, seenFrom: NONE, example: '* 1 FETCH (UID 1  FLAGS ())\r\n', writes: 'One space.' },
  { id: 'domino-fetch-parens', side: 'server', tolerates: 'FETCH items wrapped in an extra pair of parentheses.', rule: 'msg-att', rfc: B, seenFrom: [{ who: 'Lotus Domino', evidence: 'https://github.com/jstedfast/MailKit/issues/943' }], example: '* 2 FETCH (UID 14935 (ENVELOPE (NIL NIL NIL NIL NIL NIL NIL NIL NIL NIL)) BODYSTRUCTURE ("TEXT" "PLAIN" NIL NIL NIL "7BIT" 0 0 NIL))\r\n', writes: 'The items without the extra parentheses.' },
  { id: 'yandex-fetch-no-value', side: 'server', tolerates: 'A FETCH message-data item (`BODY[2]`) with no value before `)` or the next item.', rule: 'msg-att-static', rfc: B, seenFrom: [{ who: 'Yandex', evidence: 'a capture reported in imapwire issue 9 (no public bug report found)' }], example: '* 1 FETCH (BODY[2.MIME] {5}\r\nab\r\n\r BODY[2] )\r\n', writes: '`BODY[2] NIL`.' },
  { id: 'uid-zero', side: 'server', tolerates: '`UID 0`.', rule: 'uniqueid', rfc: B, seenFrom: NONE, example: '* 1 FETCH (UID 0)\r\n', writes: '`UID 0`.' },
  { id: 'zoho-modseq-negative', side: 'server', tolerates: 'A negative mod-sequence `MODSEQ (-1)`; the item is dropped.', rule: 'mod-sequence-value', rfc: 'RFC 7162 §7', seenFrom: [{ who: 'Zoho Mail', evidence: 'https://github.com/jstedfast/MailKit/issues/495' }, { who: 'Zoho Mail', evidence: 'https://github.com/jstedfast/MailKit/issues/1686' }], example: '* 40 FETCH (MODSEQ (-1) FLAGS (\\Recent \\Seen) UID 336)\r\n', writes: 'Nothing: the other items without MODSEQ.' },
  { id: 'binary-size-64', side: 'server', tolerates: 'A BINARY.SIZE above 2^32-1 (it is a `number`).', rule: 'msg-att-static', rfc: 'RFC 9051 §9; RFC 3516 §7', seenFrom: NONE, example: '* 1 FETCH (BINARY.SIZE[1] 4294967296)\r\n', writes: 'The same number.' },
  { id: 'date-day-one-digit', side: 'server', tolerates: 'A one-digit day in date-time without the leading space.', rule: 'date-day-fixed', rfc: B, seenFrom: NONE, example: '* 1 FETCH (INTERNALDATE "7-Feb-2024 10:00:00 +0000")\r\n', writes: 'The day space-padded.' },
  { id: 'envelope-9-fields', side: 'server', tolerates: 'An ENVELOPE with 9 fields (in-reply-to or message-id missing); the missing one is NIL.', rule: 'envelope', rfc: B, seenFrom: NONE, example: '* 1 FETCH (ENVELOPE (NIL "s" NIL NIL NIL NIL NIL NIL NIL))\r\n', writes: 'Ten fields, the last NIL.' },
  { id: 'env-address-nil', side: 'server', tolerates: 'NIL as an element of an address list; it is dropped (a list of NILs only is NIL).', rule: 'envelope', rfc: B, seenFrom: NONE, example: '* 1 FETCH (ENVELOPE (NIL NIL ((NIL NIL "a" "b") NIL) NIL NIL NIL NIL NIL NIL NIL))\r\n', writes: 'The list without the NIL.' },
  { id: 'env-address-empty', side: 'server', tolerates: 'An empty address list `()`.', rule: 'envelope', rfc: B, seenFrom: NONE, example: '* 1 FETCH (ENVELOPE (NIL NIL () NIL NIL NIL NIL NIL NIL NIL))\r\n', writes: 'The same `()` (the value is `[]`).' },
  { id: 'env-address-space', side: 'server', tolerates: 'Spaces between the addresses of a list.', rule: 'envelope', rfc: B, seenFrom: NONE, example: '* 1 FETCH (ENVELOPE (NIL NIL ((NIL NIL "a" "b") (NIL NIL "c" "d")) NIL NIL NIL NIL NIL NIL NIL))\r\n', writes: 'The addresses without spaces.' },
  { id: 'body-number-negative', side: 'server', tolerates: 'A negative size or line count in a body structure.', rule: 'body-fld-octets', rfc: B, seenFrom: NONE, example: '* 1 FETCH (BODY ("TEXT" "PLAIN" NIL NIL NIL "7BIT" -1 0))\r\n', writes: 'The same number.' },
  { id: 'body-number-nil', side: 'server', tolerates: 'NIL as a size or line count in a body structure.', rule: 'body-fld-octets', rfc: B, seenFrom: NONE, example: '* 1 FETCH (BODY ("TEXT" "PLAIN" NIL NIL NIL "7BIT" NIL 0))\r\n', writes: 'NIL.' },
  { id: 'body-number-64', side: 'server', tolerates: 'A part size above 2^32-1 (body-fld-octets is a number).', rule: 'body-fld-octets', rfc: B, seenFrom: NONE, example: '* 1 FETCH (BODY ("TEXT" "PLAIN" NIL NIL NIL "7BIT" 4294967296 0))\r\n', writes: 'The same number.' },
  { id: 'body-param-empty', side: 'server', tolerates: 'An empty parameter list `()`.', rule: 'body-fld-param', rfc: B, seenFrom: NONE, example: '* 1 FETCH (BODY ("TEXT" "PLAIN" () NIL NIL "7BIT" 0 0))\r\n', writes: 'The same `()` (the value is `[]`).' },
  { id: 'body-param-nil', side: 'server', tolerates: 'NIL as a parameter name or value.', rule: 'body-fld-param', rfc: B, seenFrom: NONE, example: '* 1 FETCH (BODY ("TEXT" "PLAIN" ("CHARSET" NIL) NIL NIL "7BIT" 0 0))\r\n', writes: 'The same NIL.' },
  { id: 'body-dsp-bare', side: 'server', tolerates: 'A disposition written as a bare string instead of a list.', rule: 'body-fld-dsp', rfc: B, seenFrom: NONE, example: '* 1 FETCH (BODYSTRUCTURE ("TEXT" "PLAIN" NIL NIL NIL "7BIT" 0 0 NIL "INLINE" NIL NIL))\r\n', writes: 'The same value.' },
  { id: 'body-dsp-nil', side: 'server', tolerates: 'NIL as the disposition type.', rule: 'body-fld-dsp', rfc: B, seenFrom: NONE, example: '* 1 FETCH (BODYSTRUCTURE ("TEXT" "PLAIN" NIL NIL NIL "7BIT" 0 0 NIL (NIL NIL) NIL NIL))\r\n', writes: 'The same value.' },
  { id: 'body-enc-nil', side: 'server', tolerates: 'NIL as the content transfer encoding.', rule: 'body-fld-enc', rfc: B, seenFrom: NONE, example: '* 1 FETCH (BODY ("TEXT" "PLAIN" NIL NIL NIL NIL 0 0))\r\n', writes: 'NIL.' },
  { id: 'body-mpart-nil', side: 'server', tolerates: 'NIL among the parts of a multipart.', rule: 'body-type-mpart', rfc: B, seenFrom: NONE, example: '* 1 FETCH (BODY (NIL "MIXED"))\r\n', writes: '`("MULTIPART" "MIXED" NIL NIL NIL "7BIT" 0)`, a basic part (a multipart needs one part at least).' },
  { id: 'body-mpart-space', side: 'server', tolerates: 'Spaces between the parts of a multipart.', rule: 'body-type-mpart', rfc: B, seenFrom: NONE, example: '* 1 FETCH (BODY (("TEXT" "PLAIN" NIL NIL NIL "7BIT" 0 0) ("TEXT" "HTML" NIL NIL NIL "7BIT" 0 0) "ALTERNATIVE"))\r\n', writes: 'The parts without spaces.' },
  { id: 'body-mpart-empty', side: 'server', tolerates: 'A multipart with no parts at all; read as a part of type MULTIPART with empty fields.', rule: 'body-type-mpart', rfc: B, seenFrom: [{ who: 'Gmail', evidence: 'https://github.com/jstedfast/MailKit/issues/205' }, { who: 'Gmail', evidence: 'https://github.com/ruby/ruby/pull/622' }], example: '* 1038 FETCH (BODY ("MIXED"))\r\n', writes: '`("MULTIPART" "MIXED" NIL NIL NIL "7BIT" 0)`, a basic part.' },
  { id: 'body-type-nil', side: 'server', tolerates: 'NIL as the media type and subtype of a part; read as APPLICATION/OCTET-STREAM (RFC 2046 §4.5.1).', rule: 'media-basic', rfc: B, seenFrom: [{ who: 'Microsoft 365', evidence: 'https://github.com/jstedfast/MailKit/issues/1446' }], example: '* 1 FETCH (BODYSTRUCTURE (NIL NIL NIL NIL NIL "7BIT" 0 NIL NIL NIL NIL))\r\n', writes: '`"APPLICATION" "OCTET-STREAM"`.' },
  { id: 'body-message-basic', side: 'server', tolerates: 'A MESSAGE/RFC822 part sent as a basic part, without envelope, body and lines.', rule: 'body-type-basic', rfc: B, seenFrom: NONE, example: '* 1 FETCH (BODY ("MESSAGE" "RFC822" NIL NIL NIL "7BIT" 0))\r\n', writes: 'The same basic part.' },
  { id: 'body-extension-generic', side: 'server', tolerates: 'Body extension data that is no nstring, number or non-empty list of them (an atom, `()`).', rule: 'body-extension', rfc: B, seenFrom: NONE, example: '* 1 FETCH (BODYSTRUCTURE ("TEXT" "PLAIN" NIL NIL NIL "7BIT" 0 0 NIL NIL NIL NIL FOO))\r\n', writes: 'The same value.' },
  { id: 'body-extension-in-body', side: 'server', tolerates: 'Extension data in a BODY (not BODYSTRUCTURE) item.', rule: 'msg-att-static', rfc: 'RFC 9051 §7.5.2', seenFrom: NONE, example: '* 1 FETCH (BODY ("TEXT" "PLAIN" NIL NIL NIL "7BIT" 0 0 NIL))\r\n', writes: 'The same extension data.' },
  // ---- commands -----------------------------------------------------------
  { id: 'getmetadata-options-after-mailbox', side: 'client', tolerates: 'GETMETADATA options after the mailbox name instead of before it.', rule: 'getmetadata', rfc: 'RFC 5464 §5', seenFrom: NONE, example: 'A1 GETMETADATA INBOX (DEPTH 1) /shared/comment\r\n', writes: 'The options before the mailbox.' },
  { id: 'getmetadata-entries-unparenthesized', side: 'client', tolerates: 'Several GETMETADATA entries without parentheses.', rule: 'getmetadata', rfc: 'RFC 5464 §5', seenFrom: NONE, example: 'A1 GETMETADATA INBOX /shared/a /shared/b\r\n', writes: 'The entries in parentheses.' },
];

/**
 * The warnings for names no grammar here derives: in the default mode, and in strict mode with `allowUnknown`.
 *
 * @example
 * UNKNOWN_NAMES.map((u) => u.id) // ['unknown-response', 'unknown-fetch-item']
 */
export const UNKNOWN_NAMES: readonly UnknownName[] = [
  { id: 'unknown-response', tolerates: 'An untagged response whose name no grammar here knows, kept as `type: \'unknown\'`.', example: '* XFOO 1 2\r\n' },
  { id: 'unknown-fetch-item', tolerates: 'A FETCH item whose name no grammar here knows, kept as `type: \'unknown\'` with a generic value.', example: '* 1 FETCH (XFOO 92285)\r\n' },
];

/**
 * Quirks by id.
 *
 * @example
 * QUIRK_BY_ID.get('lone-lf')?.rule // 'CRLF'
 */
export const QUIRK_BY_ID: ReadonlyMap<string, Quirk> = new Map(QUIRKS.map((q) => [q.id, q]));
