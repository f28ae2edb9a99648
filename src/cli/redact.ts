/**
 * Redaction of secrets (LOGIN passwords, AUTHENTICATE data in both
 * directions) for every output of the command line. The conversation
 * decoder marks them as {@link SecretRange}s of a frame; here they become
 * `[redacted]` in typed values, excerpts and error texts.
 */
import type { SecretRange } from '../capture/types.js';
import type { Command } from '../model/command.js';
import type { Response } from '../model/response.js';
import { printable } from '../util/text.js';

/** What a secret is replaced with. */
export const REDACTED = '[redacted]';

/**
 * A printable excerpt of `frame` from `start`, at most `max` bytes of it
 * shown, each secret range replaced by `[redacted]`. Quoted like the
 * parser's `found` texts.
 *
 * @example
 * excerpt(enc('a LOGIN fred secret\r\n'), [{ start: 13, length: 6 }]); // '"a LOGIN fred [redacted]\\r\\n"'
 */
export function excerpt(frame: Uint8Array, secrets: readonly SecretRange[] | undefined, start = 0, max = 80): string {
  if (start >= frame.length) return 'end of input';
  const ranges = [...(secrets ?? [])].sort((a, b) => a.start - b.start);
  let out = '';
  let shown = 0;
  let i = start;
  for (const r of ranges) {
    const end = r.start + r.length;
    if (end <= i) continue;
    if (r.start > i) {
      const take = Math.min(r.start - i, max - shown);
      out += unquote(printable(frame, i, i + take, take));
      shown += take;
      i += take;
      if (shown >= max) break;
    }
    out += REDACTED;
    i = end;
  }
  if (shown < max && i < frame.length) {
    const take = Math.min(frame.length - i, max - shown);
    out += unquote(printable(frame, i, i + take, take));
    i += take;
  }
  return '"' + out + (i < frame.length ? '…"' : '"');
}

function unquote(s: string): string {
  return s === 'end of input' ? '' : s.slice(1, -1);
}

/**
 * Secret ranges for a frame the decoder could not read (so it marked
 * none) that looks like LOGIN or AUTHENTICATE: everything after the
 * command name, to be safe.
 *
 * @example
 * guessSecrets(enc('a LOGIN "fred" ((\r\n')); // [{ start: 8, length: 11 }]
 */
export function guessSecrets(frame: Uint8Array): SecretRange[] | undefined {
  // tag SP command-name SP ...: find the first two spaces.
  const sp1 = frame.indexOf(0x20);
  if (sp1 < 0) return undefined;
  const sp2 = frame.indexOf(0x20, sp1 + 1);
  const nameEnd = sp2 < 0 ? frame.length : sp2;
  let name = '';
  for (let i = sp1 + 1; i < nameEnd && i - sp1 < 16; i++) name += String.fromCharCode(frame[i]! | 0x20);
  if (name !== 'login' && name !== 'authenticate') return undefined;
  if (sp2 < 0) return undefined;
  return [{ start: sp2 + 1, length: frame.length - sp2 - 1 }];
}

/**
 * The command with its secrets replaced (LOGIN password, AUTHENTICATE
 * initial response); other commands are returned as they are.
 *
 * @example
 * redactCommand({ tag: 'a', type: 'LOGIN', userid: 'fred', password: 'x' }).password; // '[redacted]'
 */
export function redactCommand(command: Command): Command | Record<string, unknown> {
  if (command.type === 'LOGIN') return { ...command, password: REDACTED };
  if (command.type === 'AUTHENTICATE' && command.initialResponse !== undefined) return { ...command, initialResponse: REDACTED } as Record<string, unknown>;
  return command;
}

/**
 * The response with its secrets replaced: a continuation request inside
 * AUTHENTICATE carries the server's SASL challenge (marked by the decoder).
 *
 * @example
 * redactResponse({ type: 'continue', text: 'c2VjcmV0' }, [{ start: 2, length: 8 }]).text; // '[redacted]'
 */
export function redactResponse(response: Response, secrets: readonly SecretRange[] | undefined): Response | Record<string, unknown> {
  if (secrets === undefined || secrets.length === 0) return response;
  if (response.type === 'continue') return { ...response, text: REDACTED, ...('code' in response && response.code !== undefined ? { code: REDACTED } : {}) };
  // A response the decoder marked secret that is not a continuation: keep the
  // shape, drop every field but its type.
  return { type: response.type, redacted: true };
}

/**
 * The secret bytes of a frame as the printable texts they would show up
 * as in a parser's `found` or a message, to scrub any text built from the
 * frame without the ranges.
 *
 * @example
 * secretTexts(enc('a LOGIN fred secret\r\n'), [{ start: 13, length: 6 }]); // ['secret']
 */
export function secretTexts(frame: Uint8Array, secrets: readonly SecretRange[] | undefined): string[] {
  const out: string[] = [];
  for (const r of secrets ?? []) {
    if (r.length <= 0) continue;
    const t = unquote(printable(frame, r.start, Math.min(frame.length, r.start + r.length), r.length));
    if (t !== '') out.push(t);
  }
  return out;
}

/**
 * `text` with each secret (and any part of one of 3 or more bytes cut
 * by an excerpt's `…`) replaced by `[redacted]`.
 *
 * @example
 * scrub('found "secr…"', ['secret']); // 'found "[redacted]…"'
 */
export function scrub(text: string, secrets: readonly string[]): string {
  let out = text;
  for (const s of secrets) {
    out = out.split(s).join(REDACTED);
    // An excerpt cut short shows a prefix of the secret before '…';
    // one that starts inside it shows a suffix.
    for (let n = s.length - 1; n >= 3; n--) {
      out = out.split(s.slice(0, n) + '…').join(REDACTED + '…');
      out = out.split('"' + s.slice(s.length - n)).join('"' + REDACTED);
    }
  }
  return out;
}
