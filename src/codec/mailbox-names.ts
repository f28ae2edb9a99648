import type { ListResponse, StatusResponse } from '../model/response.js';
import { decodeMailboxUtf7 } from '../util/utf7.js';
import { utf8MailboxNames, type SessionCapabilities } from './capabilities.js';

/**
 * What decides how a server's mailbox names are read: the session's
 * capabilities (see {@link utf8MailboxNames}), or `utf8: true` when UTF-8
 * names are known to be in effect.
 *
 * @example
 * const o: MailboxNameOptions = { capabilities: ['IMAP4rev1'], enabled: [] };
 */
export interface MailboxNameOptions extends SessionCapabilities {
  utf8?: boolean;
}

/**
 * A mailbox name as the server sent it, as text: decoded from modified
 * UTF-7 (RFC 3501 §5.1.3) unless UTF-8 names are in effect (then it is
 * already text). A name that is not valid modified UTF-7 (some servers
 * send raw UTF-8 regardless) is returned unchanged. The counterpart of
 * the encoder's `mailboxUtf7` option.
 *
 * @example
 * decodeMailboxName('Entw&APw-rfe') // 'Entwürfe'
 * decodeMailboxName('Entw&APw-rfe', { enabled: ['UTF8=ACCEPT'] }) // 'Entw&APw-rfe' (a UTF-8 name holding "&")
 */
export function decodeMailboxName(name: string, options: MailboxNameOptions = {}): string {
  if (options.utf8 === true || utf8MailboxNames(options)) return name;
  try {
    return decodeMailboxUtf7(name);
  } catch {
    return name;
  }
}

/**
 * The mailbox name of a LIST, LSUB or STATUS response, as text
 * (see {@link decodeMailboxName}).
 *
 * @example
 * for (const l of findResponses(untagged, 'LIST')) console.log(mailboxNameOf(l, session));
 */
export function mailboxNameOf(response: ListResponse | StatusResponse, options?: MailboxNameOptions): string {
  return decodeMailboxName(response.mailbox, options);
}
