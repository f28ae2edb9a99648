import type { WriterOptions } from '../wire/writer.js';

/**
 * The one table of what a capability implies for the codec. IMAP4rev2
 * (RFC 9051 App. E) folds in LITERAL-, the FETCH side of BINARY, and
 * UTF-8 in quoted strings (RFC 9051 §4.3: IMAP4rev2 servers accept
 * UTF-8 everywhere UTF8=ACCEPT would), among others.
 *
 * @example
 * CAPABILITY_IMPLIES['IMAP4REV2'] // ['LITERAL-', 'UTF8=ACCEPT', ...]
 */
export const CAPABILITY_IMPLIES: Readonly<Record<string, readonly string[]>> = {
  IMAP4REV2: [
    'LITERAL-', 'UTF8=ACCEPT', 'BINARY', 'ENABLE', 'IDLE', 'NAMESPACE', 'UNSELECT', 'UIDPLUS', 'ESEARCH', 'SEARCHRES',
    'SASL-IR', 'LIST-EXTENDED', 'LIST-STATUS', 'MOVE', 'SPECIAL-USE', 'STATUS=SIZE',
  ],
  // RFC 6855 §3: UTF8=ONLY implies UTF8=ACCEPT.
  'UTF8=ONLY': ['UTF8=ACCEPT'],
  // RFC 7162 §3.2: QRESYNC implies CONDSTORE.
  QRESYNC: ['CONDSTORE'],
};

/**
 * Upper-cased capabilities with everything they imply, as a set.
 *
 * @example
 * expandCapabilities(['IMAP4rev2']).has('LITERAL-') // true
 */
export function expandCapabilities(capabilities: Iterable<string>): Set<string> {
  const out = new Set<string>();
  const todo: string[] = [];
  for (const c of capabilities) todo.push(c.toUpperCase());
  while (todo.length > 0) {
    const c = todo.pop()!;
    if (out.has(c)) continue;
    out.add(c);
    const more = CAPABILITY_IMPLIES[c];
    if (more !== undefined) todo.push(...more);
  }
  return out;
}

/**
 * Writer options for a client talking to a server with these
 * capabilities: which literal forms and string forms it may use.
 *
 * @example
 * encodeCommand(cmd, writerOptionsFor(['IMAP4rev1', 'LITERAL+']));
 */
export function writerOptionsFor(capabilities: Iterable<string>): WriterOptions {
  const caps = expandCapabilities(capabilities);
  return {
    side: 'client',
    literalPlus: caps.has('LITERAL+'),
    literalMinus: caps.has('LITERAL-'),
    utf8: caps.has('UTF8=ACCEPT'),
    binary: caps.has('BINARY'),
  };
}

/**
 * What a server that advertises these capabilities accepts from clients,
 * for {@link CommandDecoder}: the largest non-synchronizing literal
 * (`Infinity` under LITERAL+, 4096 under LITERAL-, 0 when neither).
 *
 * @example
 * serverLiteralLimitFor(['IMAP4rev2']) // 4096
 */
export function serverLiteralLimitFor(capabilities: Iterable<string>): number {
  const caps = expandCapabilities(capabilities);
  if (caps.has('LITERAL+')) return Infinity;
  if (caps.has('LITERAL-')) return 4096;
  return 0;
}

/**
 * What is in effect on a connection: the capabilities the server
 * announced, and those it confirmed with `* ENABLED` (RFC 5161).
 *
 * @example
 * const s: SessionCapabilities = { capabilities: ['IMAP4rev1', 'IMAP4rev2', 'UTF8=ACCEPT'], enabled: ['UTF8=ACCEPT'] };
 */
export interface SessionCapabilities {
  capabilities?: Iterable<string>;
  enabled?: Iterable<string>;
}

/**
 * Whether mailbox names travel as UTF-8 rather than modified UTF-7: after
 * `ENABLE UTF8=ACCEPT` (RFC 6855 §3) or `ENABLE IMAP4rev2`, or with a
 * server that speaks IMAP4rev2 only (RFC 9051 §5.1, App. E). Announcing
 * UTF8=ACCEPT or IMAP4rev2 next to IMAP4rev1 is not enough: until the
 * client enables it, the server still means modified UTF-7 (Dovecot 2.3
 * answers `NO Mailbox name is not valid mUTF-7` to a UTF-8 name).
 *
 * @example
 * utf8MailboxNames({ capabilities: ['IMAP4rev1', 'UTF8=ACCEPT'] }) // false
 * utf8MailboxNames({ capabilities: ['IMAP4rev1', 'UTF8=ACCEPT'], enabled: ['UTF8=ACCEPT'] }) // true
 * utf8MailboxNames({ capabilities: ['IMAP4rev2'] }) // true
 */
export function utf8MailboxNames(session: SessionCapabilities): boolean {
  if (session.enabled !== undefined && expandCapabilities(session.enabled).has('UTF8=ACCEPT')) return true;
  if (session.capabilities === undefined) return false;
  let rev1 = false;
  let rev2 = false;
  for (const c of session.capabilities) {
    const u = c.toUpperCase();
    if (u === 'IMAP4REV1') rev1 = true;
    else if (u === 'IMAP4REV2') rev2 = true;
  }
  return rev2 && !rev1;
}
