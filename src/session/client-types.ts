import type { CommandInput } from '../model/command-input.js';
import type { Response, TaggedResponse, Greeting } from '../model/response.js';
import type { ImapParseError } from '../wire/errors.js';

export type { CommandInput };

/**
 * What a command ended with: its tagged response and the untagged
 * responses that belong to it (RFC 9051 §7: the answers the command asked
 * for), in wire order.
 *
 * @example
 * const done: Completion = await session.command({ type: 'LIST', reference: '', patterns: ['*'] });
 * for (const r of done.untagged) if (r.type === 'LIST') console.log(r.mailbox);
 */
export interface Completion {
  tag: string;
  command: CommandInput;
  tagged: TaggedResponse;
  untagged: Response[];
}

/**
 * Why a command did not complete with OK.
 *
 * - `no` / `bad`: the server's tagged `NO` or `BAD` (a `NO` / `BAD`
 *   instead of the `+` for a synchronizing literal included); `completion`
 *   holds it.
 * - `parse`: the server's tagged response for this command could not be
 *   read; `cause` is the ImapParseError.
 * - `closed`: the connection ended (BYE, {@link ClientSession.end}) first.
 * - `encode`: the command cannot be written as valid IMAP (`cause`).
 * - `cancelled`: the SASL exchange was cancelled by the client.
 *
 * @example
 * handle.catch((e) => { if (e instanceof CommandError && e.failure === 'closed') reconnect(); });
 */
export type CommandFailure = 'no' | 'bad' | 'parse' | 'closed' | 'encode' | 'cancelled';

/**
 * Where a session is in RFC 9051 §3 terms.
 *
 * @example
 * if (session.state === 'not-authenticated') await session.login('fred', 'secret');
 */
export type ConnectionState = 'greeting' | 'not-authenticated' | 'authenticated' | 'selected' | 'logout';

/**
 * What the session tells its user besides command completions, in wire order.
 *
 * - `greeting`: the server's first response.
 * - `unsolicited`: untagged data no command in progress asked for:
 *   EXISTS, EXPUNGE, FETCH FLAGS from another client, ALERTs, BYE.
 * - `error`: a server frame that could not be read and carried no tag of
 *   a command in progress (the session goes on at the next frame).
 * - `transport`: STARTTLS or COMPRESS completed: the transport must switch
 *   now. `rest` is what arrived after the tagged OK in the same chunk (it
 *   belongs to the new layer: for COMPRESS, compressed data to inflate;
 *   for STARTTLS it should be empty, anything else was injected before the
 *   handshake, RFC 9051 §11.1). No bytes leave the session until
 *   {@link ClientSession.transportReady} is called.
 * - `idling`: the server accepted IDLE (its `+`); events follow until DONE.
 *
 * @example
 * for (const e of session.receive(bytes)) {
 *   if (e.type === 'unsolicited' && e.response.type === 'EXISTS') console.log('new mail', e.response.count);
 * }
 */
export type ClientSessionEvent =
  | { type: 'greeting'; greeting: Greeting }
  | { type: 'unsolicited'; response: Response }
  | { type: 'error'; error: ImapParseError }
  | { type: 'transport'; layer: 'tls' | 'deflate'; rest: Uint8Array }
  | { type: 'idling'; tag: string };
