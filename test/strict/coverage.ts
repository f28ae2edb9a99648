/**
 * The coverage table: every response, response code, FETCH item and
 * command, its ABNF rule and RFC section, whether it is supported, and the
 * tests that pin it. Responses, codes and items carry one valid and one
 * invalid frame each, checked by coverage.test.ts (strict accepts the
 * first, refuses the second). docs/coverage.md is rendered from it.
 */

export interface Row {
  name: string;
  rule: string;
  rfc: string;
  /** A frame strict mode accepts. */
  valid?: string;
  /** A frame strict mode refuses (one rule broken). */
  invalid?: string;
  /** Test files pinning more forms. */
  tests: string[];
}

const R = ['test/responses/responses.test.ts', 'test/responses/rfc-examples.test.ts', 'test/strict/corpus.ts'];
const F = ['test/fetch/items.test.ts', 'test/fetch/quirks.test.ts', 'test/strict/corpus.ts'];
const C = ['test/responses/responses.test.ts', 'test/strict/strict.test.ts'];
const CMD = ['test/commands/rfc-examples.test.ts', 'test/commands/properties.test.ts'];

export const RESPONSES: Row[] = [
  { name: 'tagged OK / NO / BAD', rule: 'response-tagged', rfc: 'RFC 9051 §7.1', valid: 'A1 OK done\r\n', invalid: 'A1 YES done\r\n', tests: R },
  { name: 'continuation', rule: 'continue-req', rfc: 'RFC 9051 §7.5', valid: '+ go\r\n', invalid: '+\r\n', tests: R },
  { name: 'OK / NO / BAD (untagged)', rule: 'resp-cond-state', rfc: 'RFC 9051 §7.1', valid: '* OK hi\r\n', invalid: '* OK\r\n', tests: R },
  { name: 'PREAUTH', rule: 'resp-cond-auth', rfc: 'RFC 9051 §7.1.4', valid: '* PREAUTH hi\r\n', invalid: '* PREAUTH[ALERT] hi\r\n', tests: R },
  { name: 'BYE', rule: 'resp-cond-bye', rfc: 'RFC 9051 §7.1.5', valid: '* BYE bye\r\n', invalid: '* 1 BYE bye\r\n', tests: R },
  { name: 'CAPABILITY', rule: 'capability-data', rfc: 'RFC 9051 §7.2.2', valid: '* CAPABILITY IMAP4rev2\r\n', invalid: '* CAPABILITY IDLE\r\n', tests: R },
  { name: 'ENABLED', rule: 'enable-data', rfc: 'RFC 9051 §7.2.1; RFC 5161 §4', valid: '* ENABLED CONDSTORE\r\n', invalid: '* ENABLED (x)\r\n', tests: R },
  { name: 'FLAGS', rule: 'mailbox-data', rfc: 'RFC 9051 §7.3.5', valid: '* FLAGS (\\Seen)\r\n', invalid: '* FLAGS (\\*)\r\n', tests: R },
  { name: 'LIST', rule: 'mailbox-list', rfc: 'RFC 9051 §7.3.1; RFC 5258 §6', valid: '* LIST () "/" a\r\n', invalid: '* LIST (\\HasChildren \\HasNoChildren) "/" a\r\n', tests: R },
  { name: 'LSUB', rule: 'mailbox-data', rfc: 'RFC 3501 §7.2.3', valid: '* LSUB () "/" a\r\n', invalid: '* LSUB () "/"\r\n', tests: R },
  { name: 'STATUS', rule: 'status-att-list', rfc: 'RFC 9051 §7.3.2', valid: '* STATUS a (UIDNEXT 1)\r\n', invalid: '* STATUS a (UIDNEXT 0)\r\n', tests: R },
  { name: 'SEARCH', rule: 'mailbox-data', rfc: 'RFC 3501 §7.2.5; RFC 7162 §7', valid: '* SEARCH 1 2\r\n', invalid: '* SEARCH 0\r\n', tests: R },
  { name: 'SORT', rule: 'sort-data', rfc: 'RFC 5256 §5', valid: '* SORT 1 2\r\n', invalid: '* SORT x\r\n', tests: R },
  { name: 'ESEARCH', rule: 'esearch-response', rfc: 'RFC 9051 §7.3.4; RFC 4731 §4', valid: '* ESEARCH COUNT 1\r\n', invalid: '* ESEARCH ALL $\r\n', tests: R },
  { name: 'THREAD', rule: 'thread-data', rfc: 'RFC 5256 §5', valid: '* THREAD (1 2)\r\n', invalid: '* THREAD ()\r\n', tests: R },
  { name: 'NAMESPACE', rule: 'namespace-response', rfc: 'RFC 9051 §7.3.3; RFC 2342 §6', valid: '* NAMESPACE NIL NIL NIL\r\n', invalid: '* NAMESPACE ()\r\n', tests: R },
  { name: 'ID', rule: 'id-response', rfc: 'RFC 2971 §4', valid: '* ID NIL\r\n', invalid: '* ID ("a-field-name-longer-than-thirty" "x")\r\n', tests: R },
  { name: 'QUOTA', rule: 'quota-response', rfc: 'RFC 9208 §7', valid: '* QUOTA "" (STORAGE 1 2)\r\n', invalid: '* QUOTA "" (STORAGE 1)\r\n', tests: R },
  { name: 'QUOTAROOT', rule: 'quotaroot-response', rfc: 'RFC 9208 §7', valid: '* QUOTAROOT INBOX ""\r\n', invalid: '* QUOTAROOT\r\n', tests: R },
  { name: 'ACL', rule: 'acl-data', rfc: 'RFC 4314 §7', valid: '* ACL INBOX fred rw\r\n', invalid: '* ACL INBOX fred RW\r\n', tests: R },
  { name: 'LISTRIGHTS', rule: 'listrights-data', rfc: 'RFC 4314 §7', valid: '* LISTRIGHTS INBOX fred la r\r\n', invalid: '* LISTRIGHTS INBOX fred L\r\n', tests: R },
  { name: 'MYRIGHTS', rule: 'myrights-data', rfc: 'RFC 4314 §7', valid: '* MYRIGHTS INBOX rw\r\n', invalid: '* MYRIGHTS INBOX LR\r\n', tests: R },
  { name: 'METADATA', rule: 'metadata-resp', rfc: 'RFC 5464 §5', valid: '* METADATA INBOX (/shared/comment "x")\r\n', invalid: '* METADATA INBOX (/comment "x")\r\n', tests: R },
  { name: 'VANISHED', rule: 'expunged-resp', rfc: 'RFC 7162 §7', valid: '* VANISHED 1:3\r\n', invalid: '* 3 VANISHED 1\r\n', tests: R },
  { name: 'EXISTS', rule: 'mailbox-data', rfc: 'RFC 9051 §7.4.1', valid: '* 1 EXISTS\r\n', invalid: '* EXISTS\r\n', tests: R },
  { name: 'RECENT', rule: 'mailbox-data', rfc: 'RFC 3501 §7.3.2', valid: '* 1 RECENT\r\n', invalid: '* -1 RECENT\r\n', tests: R },
  { name: 'EXPUNGE', rule: 'message-data', rfc: 'RFC 9051 §7.5.1', valid: '* 1 EXPUNGE\r\n', invalid: '* 01 EXPUNGE\r\n', tests: R },
  { name: 'FETCH', rule: 'message-data', rfc: 'RFC 9051 §7.5.2', valid: '* 1 FETCH (UID 1)\r\n', invalid: '* FETCH (UID 1)\r\n', tests: R },
  { name: 'unknown (extension)', rule: '—', rfc: 'RFC 9051 §9 (none)', valid: undefined, invalid: '* XFOO 1\r\n', tests: ['test/strict/strict.test.ts'] },
];

const code = (c: string): string => `* OK [${c}] x\r\n`;

export const CODES: Row[] = [
  ...['ALERT', 'PARSE', 'READ-ONLY', 'READ-WRITE', 'TRYCREATE'].map((n): Row => ({ name: n, rule: 'resp-text-code', rfc: 'RFC 9051 §7.1', valid: code(n), invalid: code(`${n} x`), tests: C })),
  { name: 'UIDNOTSTICKY', rule: 'resp-text-code', rfc: 'RFC 4315 §4', valid: code('UIDNOTSTICKY'), invalid: code('UIDNOTSTICKY x'), tests: C },
  ...['UNAVAILABLE', 'AUTHENTICATIONFAILED', 'AUTHORIZATIONFAILED', 'EXPIRED', 'PRIVACYREQUIRED', 'CONTACTADMIN', 'NOPERM', 'INUSE', 'EXPUNGEISSUED', 'CORRUPTION', 'SERVERBUG', 'CLIENTBUG', 'CANNOT', 'LIMIT', 'OVERQUOTA', 'ALREADYEXISTS', 'NONEXISTENT'].map(
    (n): Row => ({ name: n, rule: 'resp-text-code', rfc: 'RFC 5530 §4; RFC 9051 §7.1', valid: code(n), invalid: code(`${n} x`), tests: C }),
  ),
  ...['NOMODSEQ', 'CLOSED'].map((n): Row => ({ name: n, rule: 'resp-text-code', rfc: 'RFC 7162 §7', valid: code(n), invalid: code(`${n} x`), tests: C })),
  { name: 'COMPRESSIONACTIVE', rule: 'resp-text-code', rfc: 'RFC 4978 §5', valid: code('COMPRESSIONACTIVE'), invalid: code('COMPRESSIONACTIVE x'), tests: C },
  { name: 'UNKNOWN-CTE', rule: 'resp-text-code', rfc: 'RFC 3516 §7', valid: code('UNKNOWN-CTE'), invalid: code('UNKNOWN-CTE x'), tests: C },
  { name: 'TOOBIG', rule: 'resp-text-code', rfc: 'RFC 4469 §5', valid: code('TOOBIG'), invalid: code('TOOBIG x'), tests: C },
  { name: 'USEATTR', rule: 'resp-text-code', rfc: 'RFC 6154 §6', valid: code('USEATTR'), invalid: code('USEATTR x'), tests: C },
  { name: 'NOTSAVED', rule: 'resp-text-code', rfc: 'RFC 9051 §7.1', valid: code('NOTSAVED'), invalid: code('NOTSAVED x'), tests: C },
  { name: 'HASCHILDREN', rule: 'resp-text-code', rfc: 'RFC 9051 §7.1', valid: code('HASCHILDREN'), invalid: code('HASCHILDREN x'), tests: C },
  { name: 'BADCHARSET', rule: 'resp-text-code', rfc: 'RFC 9051 §7.1', valid: code('BADCHARSET (UTF-8)'), invalid: code('BADCHARSET ()'), tests: C },
  { name: 'CAPABILITY', rule: 'capability-data', rfc: 'RFC 9051 §7.1', valid: code('CAPABILITY IMAP4rev1'), invalid: code('CAPABILITY IDLE'), tests: C },
  { name: 'PERMANENTFLAGS', rule: 'resp-text-code', rfc: 'RFC 9051 §7.1', valid: code('PERMANENTFLAGS (\\Seen \\*)'), invalid: code('PERMANENTFLAGS \\Seen'), tests: C },
  ...['UIDNEXT', 'UIDVALIDITY', 'UNSEEN'].map((n): Row => ({ name: n, rule: 'resp-text-code', rfc: 'RFC 9051 §7.1; RFC 3501 §7.1', valid: code(`${n} 1`), invalid: code(`${n} 0`), tests: C })),
  { name: 'APPENDUID', rule: 'resp-code-apnd', rfc: 'RFC 4315 §4', valid: code('APPENDUID 1 2'), invalid: code('APPENDUID 1 $'), tests: C },
  { name: 'COPYUID', rule: 'resp-code-copy', rfc: 'RFC 4315 §4', valid: code('COPYUID 1 2 3'), invalid: code('COPYUID'), tests: C },
  { name: 'HIGHESTMODSEQ', rule: 'mod-sequence-value', rfc: 'RFC 7162 §7', valid: code('HIGHESTMODSEQ 1'), invalid: code('HIGHESTMODSEQ 0'), tests: C },
  { name: 'MODIFIED', rule: 'resp-text-code', rfc: 'RFC 7162 §7', valid: code('MODIFIED 1:3'), invalid: code('MODIFIED x'), tests: C },
  { name: 'MAILBOXID', rule: 'objectid', rfc: 'RFC 8474 §7', valid: code('MAILBOXID (F1)'), invalid: code('MAILBOXID (a.b)'), tests: C },
  { name: 'REFERRAL', rule: 'resp-text-code', rfc: 'RFC 2221 §4.1', valid: code('REFERRAL imap://h/'), invalid: code('REFERRAL'), tests: C },
  { name: 'BADURL', rule: 'resp-text-code', rfc: 'RFC 4469 §5', valid: code('BADURL /INBOX'), invalid: code('BADURL'), tests: C },
  { name: 'METADATA', rule: 'resp-text-code', rfc: 'RFC 5464 §5', valid: code('METADATA MAXSIZE 5'), invalid: code('METADATA MAXSIZE'), tests: C },
  { name: 'unknown (generic)', rule: 'resp-text-code', rfc: 'RFC 9051 §9 (atom [SP 1*<TEXT-CHAR except "]">])', valid: code('XFOO bar'), invalid: code('XFOO'.concat(']')), tests: C },
];

const item = (i: string): string => `* 1 FETCH (${i})\r\n`;
const T = '"TEXT" "PLAIN" NIL NIL NIL "7BIT" 0 0';

export const ITEMS: Row[] = [
  { name: 'UID', rule: 'uniqueid', rfc: 'RFC 9051 §7.5.2', valid: item('UID 1'), invalid: item('UID 0'), tests: F },
  { name: 'FLAGS', rule: 'flag-fetch', rfc: 'RFC 9051 §7.5.2', valid: item('FLAGS (\\Seen)'), invalid: item('FLAGS \\Seen'), tests: F },
  { name: 'INTERNALDATE', rule: 'date-time', rfc: 'RFC 9051 §7.5.2', valid: item('INTERNALDATE "17-Jul-1996 02:44:25 -0700"'), invalid: item('INTERNALDATE "7-Jul-1996 02:44:25 -0700"'), tests: F },
  { name: 'RFC822.SIZE', rule: 'msg-att-static', rfc: 'RFC 9051 §7.5.2', valid: item('RFC822.SIZE 4'), invalid: item('RFC822.SIZE x'), tests: F },
  ...['RFC822', 'RFC822.HEADER', 'RFC822.TEXT'].map((n): Row => ({ name: n, rule: 'msg-att-static', rfc: 'RFC 3501 §7.4.2', valid: item(`${n} NIL`), invalid: item(`${n} {1}\r\n\0`), tests: F })),
  { name: 'ENVELOPE', rule: 'envelope', rfc: 'RFC 9051 §7.5.2', valid: item('ENVELOPE (NIL NIL NIL NIL NIL NIL NIL NIL NIL NIL)'), invalid: item('ENVELOPE (NIL NIL NIL NIL NIL NIL NIL NIL NIL)'), tests: F },
  { name: 'BODY', rule: 'body', rfc: 'RFC 9051 §7.5.2', valid: item(`BODY (${T})`), invalid: item(`BODY (${T} NIL)`), tests: [...F, 'test/fetch/parts.test.ts'] },
  { name: 'BODYSTRUCTURE', rule: 'body', rfc: 'RFC 9051 §7.5.2', valid: item(`BODYSTRUCTURE (${T} NIL NIL NIL NIL)`), invalid: item('BODYSTRUCTURE ("MIXED")'), tests: [...F, 'test/fetch/parts.test.ts'] },
  { name: 'BODY[section]<origin>', rule: 'msg-att-static', rfc: 'RFC 9051 §7.5.2', valid: item('BODY[1]<0> "x"'), invalid: item('BODY[1] )'), tests: F },
  { name: 'BINARY[section]<origin>', rule: 'section-binary', rfc: 'RFC 9051 §7.5.2; RFC 3516 §7', valid: item('BINARY[1] ~{1}\r\n\0'), invalid: item('BINARY "x"'), tests: F },
  { name: 'BINARY.SIZE[section]', rule: 'section-binary', rfc: 'RFC 9051 §7.5.2; RFC 3516 §7', valid: item('BINARY.SIZE[1] 5'), invalid: item('BINARY.SIZE 5'), tests: F },
  { name: 'MODSEQ', rule: 'permsg-modsequence', rfc: 'RFC 7162 §7', valid: item('MODSEQ (1)'), invalid: item('MODSEQ (0)'), tests: F },
  { name: 'EMAILID', rule: 'objectid', rfc: 'RFC 8474 §7', valid: item('EMAILID (M1)'), invalid: item('EMAILID (M.1)'), tests: F },
  { name: 'THREADID', rule: 'objectid', rfc: 'RFC 8474 §7', valid: item('THREADID NIL'), invalid: item('THREADID ()'), tests: F },
  { name: 'SAVEDATE', rule: 'msg-att-static', rfc: 'RFC 8514 §4', valid: item('SAVEDATE NIL'), invalid: item('SAVEDATE x'), tests: F },
  { name: 'PREVIEW', rule: 'msg-att-static', rfc: 'RFC 8970 §5', valid: item('PREVIEW "hi"'), invalid: item('PREVIEW hi'), tests: F },
  ...['X-GM-MSGID', 'X-GM-THRID'].map((n): Row => ({ name: n, rule: 'x-gm-ext (Gmail)', rfc: 'Gmail IMAP extensions', valid: item(`${n} 1`), invalid: item(`${n} x`), tests: F })),
  { name: 'X-GM-LABELS', rule: 'x-gm-ext (Gmail)', rfc: 'Gmail IMAP extensions', valid: item('X-GM-LABELS (\\Inbox "a b")'), invalid: item('X-GM-LABELS \\Inbox'), tests: F },
  { name: 'unknown (extension)', rule: '—', rfc: 'RFC 9051 §9 (none)', valid: undefined, invalid: item('XFOO 1'), tests: ['test/strict/strict.test.ts'] },
];

export const COMMANDS: Row[] = [
  ...['CAPABILITY', 'NOOP', 'LOGOUT'].map((n): Row => ({ name: n, rule: 'command-any', rfc: 'RFC 9051 §6.1', tests: CMD })),
  ...['STARTTLS', 'AUTHENTICATE', 'LOGIN'].map((n): Row => ({ name: n, rule: 'command-nonauth', rfc: 'RFC 9051 §6.2', tests: CMD })),
  ...['ENABLE', 'SELECT', 'EXAMINE', 'CREATE', 'DELETE', 'RENAME', 'SUBSCRIBE', 'UNSUBSCRIBE', 'LIST', 'NAMESPACE', 'STATUS', 'APPEND', 'IDLE'].map(
    (n): Row => ({ name: n, rule: 'command-auth', rfc: 'RFC 9051 §6.3', tests: CMD }),
  ),
  { name: 'LSUB', rule: 'command-auth', rfc: 'RFC 3501 §6.3.9', tests: CMD },
  { name: 'CHECK', rule: 'command-select', rfc: 'RFC 3501 §6.4.1', tests: CMD },
  ...['CLOSE', 'UNSELECT', 'EXPUNGE', 'SEARCH', 'FETCH', 'STORE', 'COPY', 'MOVE', 'UID'].map((n): Row => ({ name: n, rule: 'command-select', rfc: 'RFC 9051 §6.4', tests: CMD })),
  ...['SORT', 'THREAD'].map((n): Row => ({ name: n, rule: n.toLowerCase(), rfc: 'RFC 5256 §5', tests: CMD })),
  { name: 'ID', rule: 'id', rfc: 'RFC 2971 §4', tests: CMD },
  { name: 'COMPRESS', rule: 'compress', rfc: 'RFC 4978 §5', tests: CMD },
  ...['GETQUOTA', 'GETQUOTAROOT', 'SETQUOTA'].map((n): Row => ({ name: n, rule: n.toLowerCase(), rfc: 'RFC 9208 §7', tests: CMD })),
  ...['SETACL', 'DELETEACL', 'GETACL', 'LISTRIGHTS', 'MYRIGHTS'].map((n): Row => ({ name: n, rule: n.toLowerCase(), rfc: 'RFC 4314 §7', tests: CMD })),
  ...['GETMETADATA', 'SETMETADATA'].map((n): Row => ({ name: n, rule: n.toLowerCase(), rfc: 'RFC 5464 §5', tests: CMD })),
  { name: 'UNAUTHENTICATE', rule: 'unauthenticate', rfc: 'RFC 8437 §4', tests: CMD },
];

function esc(s: string): string {
  return s.replace(/\r/g, '\\r').replace(/\n/g, '\\n').replace(/\0/g, '\\0').replace(/\|/g, '\\|');
}

function links(tests: string[]): string {
  return tests.map((t) => `[${t.split('/').pop()}](../${t})`).join(', ');
}

function table(title: string, rows: Row[], examples: boolean): string[] {
  const out = [`## ${title}`, ''];
  if (examples) {
    out.push('| name | ABNF rule | RFC | supported | valid (strict accepts) | invalid (strict refuses) | tests |', '|---|---|---|---|---|---|---|');
    for (const r of rows) {
      const supported = r.valid === undefined ? 'kept generically; strict needs `allowUnknown`' : 'yes';
      out.push(`| ${r.name} | \`${r.rule}\` | ${r.rfc} | ${supported} | ${r.valid === undefined ? '—' : `\`${esc(r.valid)}\``} | \`${esc(r.invalid ?? '')}\` | ${links(r.tests)} |`);
    }
  } else {
    out.push('| name | ABNF rule | RFC | supported | tests |', '|---|---|---|---|---|');
    for (const r of rows) out.push(`| ${r.name} | \`${r.rule}\` | ${r.rfc} | yes | ${links(r.tests)} |`);
  }
  out.push('');
  return out;
}

export function renderCoverage(): string {
  return [
    '# Coverage',
    '',
    '<!-- Generated from test/strict/coverage.ts: do not edit by hand.',
    '     Regenerate with: UPDATE_DOCS=1 npx vitest run test/strict -->',
    '',
    'Every response, response code, FETCH item and command imapwire reads and',
    'writes, the ABNF rule that defines it and where. For responses, codes and',
    'FETCH items the two example frames are checked by',
    '[coverage.test.ts](../test/strict/coverage.test.ts): strict mode accepts the',
    'valid one and refuses the invalid one. The per-construct corpus',
    '([corpus.ts](../test/strict/corpus.ts)) has more of both; the quirks the',
    'default mode tolerates are in [quirks.md](quirks.md).',
    '',
    ...table('Responses', RESPONSES, true),
    ...table('Response codes', CODES, true),
    ...table('FETCH items (msg-att)', ITEMS, true),
    ...table('Commands', COMMANDS, false),
  ].join('\n');
}
