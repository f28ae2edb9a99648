/**
 * Where each ABNF rule the readers name is defined, so every
 * `ImapParseError` can say which RFC it holds the input to. Rules of the
 * base grammar point at RFC 9051 §9 (RFC 3501 §9 has the same rule under
 * the same name unless noted); extension rules at their RFC's formal syntax.
 *
 * @example
 * ruleSource('nz-number'); // 'RFC 9051 §9'
 */
export function ruleSource(rule: string): string | undefined {
  return RULES.get(rule);
}

const BASE = 'RFC 9051 §9';

const RULES = new Map<string, string>([
  ...[
    'response', 'response-data', 'response-tagged', 'response-fatal', 'response-done', 'continue-req', 'greeting',
    'resp-cond-state', 'resp-cond-auth', 'resp-cond-bye', 'resp-text', 'resp-text-code', 'text', 'TEXT-CHAR',
    'mailbox-data', 'message-data', 'capability-data', 'capability', 'flag-list', 'flag', 'flag-perm', 'flag-fetch',
    'flag-keyword', 'mailbox-list', 'mbx-list-flags', 'mailbox', 'status-att-list', 'msg-att', 'msg-att-static',
    'msg-att-dynamic', 'envelope', 'address', 'body', 'body-type-1part', 'body-type-mpart', 'body-type-basic',
    'body-type-msg', 'body-type-text', 'body-fields', 'body-fld-param', 'body-fld-enc', 'body-fld-octets',
    'body-fld-lines', 'body-fld-dsp', 'body-ext-1part', 'body-ext-mpart', 'body-extension', 'media-basic',
    'media-subtype', 'section', 'section-spec', 'section-part', 'date-time', 'date-day-fixed', 'number', 'nz-number',
    'number64', 'nz-number64', 'uniqueid', 'seq-number', 'sequence-set', 'uid-set', 'atom', 'ATOM-CHAR', 'astring',
    'ASTRING-CHAR', 'string', 'quoted', 'QUOTED-CHAR', 'quoted-specials', 'literal', 'literal8', 'nstring', 'nil',
    'tag', 'SP', 'CRLF', 'command', 'esearch-response', 'search-correlator', 'namespace-response', 'namespace-descr',
    'base64', 'enable-data', 'mailbox-data', 'list-char', 'charset', 'header-list', 'header-fld-name',
  ].map((r): [string, string] => [r, BASE]),
  ['mod-sequence-value', 'RFC 7162 §7'],
  ['mod-sequence-valzer', 'RFC 7162 §7'],
  ['fetch-mod-resp', 'RFC 7162 §7'],
  ['permsg-modsequence', 'RFC 7162 §7'],
  ['expunged-resp', 'RFC 7162 §7'],
  ['known-uids', 'RFC 7162 §7'],
  ['objectid', 'RFC 8474 §7'],
  ['id-response', 'RFC 2971 §4'],
  ['id-params-list', 'RFC 2971 §4'],
  ['rights', 'RFC 4314 §7'],
  ['acl-data', 'RFC 4314 §7'],
  ['listrights-data', 'RFC 4314 §7'],
  ['myrights-data', 'RFC 4314 §7'],
  ['metadata-resp', 'RFC 5464 §5'],
  ['entry', 'RFC 5464 §5'],
  ['entry-values', 'RFC 5464 §5'],
  ['quota-response', 'RFC 9208 §7'],
  ['quotaroot-response', 'RFC 9208 §7'],
  ['thread-data', 'RFC 5256 §5'],
  ['thread-list', 'RFC 5256 §5'],
  ['sort-data', 'RFC 5256 §5'],
  ['section-binary', 'RFC 3516 §7'],
  ['literal8', 'RFC 4466 §3'],
  ['mbox-list-extended', 'RFC 5258 §6'],
  ['x-gm-labels', 'Gmail IMAP extensions'],
]);
