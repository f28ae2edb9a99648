import { encodeText } from '../util/text.js';
import { encodeBase64, decodeBase64 } from '../util/base64.js';

/**
 * A SASL mechanism for AUTHENTICATE (RFC 9051 §6.2.2, RFC 4422): its name,
 * the initial response if it has one (sent inline with SASL-IR, RFC 4959,
 * else after the first empty `+`), and the answer to each server
 * challenge. `respond` may return a Promise (e.g. for WebCrypto); `null`
 * cancels the exchange (the session writes `*`).
 *
 * @example
 * const m: SaslMechanism = { name: 'X-TOKEN', initialResponse: new TextEncoder().encode('t0k3n') };
 * await session.authenticate(m);
 */
export interface SaslMechanism {
  name: string;
  /** The client-first message; an empty array is an empty initial response (`=`). */
  initialResponse?: Uint8Array;
  /** The answer to a decoded server challenge; absent = cancel on any challenge. */
  respond?(challenge: Uint8Array): Uint8Array | null | PromiseLike<Uint8Array | null>;
}

/**
 * PLAIN (RFC 4616): `authzid NUL authcid NUL password`.
 *
 * @example
 * await session.authenticate(saslPlain('fred', 'pass word'));
 */
export function saslPlain(username: string, password: string, authzid = ''): SaslMechanism {
  return { name: 'PLAIN', initialResponse: encodeText(`${authzid}\u0000${username}\u0000${password}`) };
}

/**
 * XOAUTH2 (Google, Microsoft): `user=... ^Aauth=Bearer token ^A^A`. On
 * failure the server sends a JSON challenge, answered with an empty
 * response so the server can send its tagged NO.
 *
 * @example
 * await session.authenticate(saslXoauth2('fred@example.com', accessToken));
 */
export function saslXoauth2(username: string, accessToken: string): SaslMechanism {
  return {
    name: 'XOAUTH2',
    initialResponse: encodeText(`user=${username}\u0001auth=Bearer ${accessToken}\u0001\u0001`),
    respond: () => new Uint8Array(0),
  };
}

/**
 * OAUTHBEARER (RFC 7628 §3.1): a GS2 header naming the user, then
 * `auth=Bearer token` (and host / port when given). On failure the server
 * sends an error challenge, answered with `%x01` (RFC 7628 §3.2.3).
 *
 * @example
 * await session.authenticate(saslOauthBearer('fred@example.com', accessToken, 'imap.example.com', 993));
 */
export function saslOauthBearer(username: string, accessToken: string, host?: string, port?: number): SaslMechanism {
  const user = username.replace(/=/g, '=3D').replace(/,/g, '=2C');
  let kv = '';
  if (host !== undefined) kv += `host=${host}\u0001`;
  if (port !== undefined) kv += `port=${port}\u0001`;
  return {
    name: 'OAUTHBEARER',
    initialResponse: encodeText(`n,a=${user},\u0001${kv}auth=Bearer ${accessToken}\u0001\u0001`),
    respond: () => Uint8Array.of(1),
  };
}

/**
 * One AUTHENTICATE exchange on the client side (RFC 9051 §6.2.2): what to
 * answer each server challenge with, as the line to write.
 *
 * @example
 * const x = new SaslExchange(saslPlain('u', 'p'), false);
 * x.answer('') // the base64 initial response line (no SASL-IR)
 */
export class SaslExchange {
  readonly mechanism: SaslMechanism;
  /** The initial response went with the command (SASL-IR) or answered the first `+`. */
  initialSent: boolean;
  /** The client cancelled with `*`. */
  cancelled = false;

  constructor(mechanism: SaslMechanism, initialSent: boolean) {
    this.mechanism = mechanism;
    this.initialSent = initialSent;
  }

  /** The answer to a `+` carrying `text`: bytes, `null` to cancel, or a Promise of either. */
  answer(text: string): Uint8Array | null | PromiseLike<Uint8Array | null> {
    const m = this.mechanism;
    if (!this.initialSent && m.initialResponse !== undefined) {
      // RFC 4959 §3 without SASL-IR: the initial response answers the first, empty challenge.
      this.initialSent = true;
      return m.initialResponse;
    }
    this.initialSent = true;
    const bytes = encodeText(text);
    const challenge = decodeBase64(bytes, 0, bytes.length, true);
    if (challenge === null || m.respond === undefined) return null;
    return m.respond(challenge);
  }

  /** The line for an answer: base64 and CRLF, or `*` to cancel. */
  line(answer: Uint8Array | null): Uint8Array {
    if (answer === null) this.cancelled = true;
    return encodeText(answer === null ? '*\r\n' : `${encodeBase64(answer)}\r\n`);
  }
}
