/**
 * Captures the command-line tests run on, written with the project's pcap
 * writer: one session with every kind of secret (LOGIN password,
 * AUTHENTICATE with a server challenge and a client response, SASL-IR),
 * a literal, and grammar violations on both sides.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { PcapWriter } from '../../src/capture/pcap-writer.js';
import { concat } from '../bytes.js';

const enc = (s: string): Uint8Array => new TextEncoder().encode(s);

/** The secrets the session holds; none may appear in any output without --show-secrets. */
export const PASSWORD = 'Hunter2Secret';
/** base64 of "\0alice\0Hunter2Secret" (the AUTHENTICATE PLAIN response) and its raw bytes. */
export const SASL_RESPONSE = Buffer.from(`\0alice\0${PASSWORD}`).toString('base64');
/** A server challenge inside AUTHENTICATE (RFC 9051 §6.2.2: also secret). */
export const SASL_CHALLENGE = Buffer.from('server-nonce-Xy7Qz').toString('base64');
/** SASL-IR initial response (RFC 4959). */
export const SASL_IR = Buffer.from(`\0bob\0${PASSWORD}IR`).toString('base64');

/** Every text that must not show up, in the forms it could show up in. */
export const SECRET_TEXTS = [PASSWORD, SASL_RESPONSE, SASL_CHALLENGE, SASL_IR, Buffer.from(PASSWORD).toString('base64')];

export const CLIENT = { address: '192.0.2.10', port: 50312 };
export const SERVER = { address: '192.0.2.1', port: 143 };
export const CONNECTION = '192.0.2.10:50312-192.0.2.1:143';

/**
 * The session, as [direction, text] steps. Violations: the server's
 * `UIDNEXT 0` (nz-number, RFC 9051 §9) twice and a `* BYE` with no text;
 * the client's LOGIN with a trailing space (a frame that carries the
 * password) and one command no mode can read.
 */
export const STEPS: ['client' | 'server', string][] = [
  ['server', '* OK [CAPABILITY IMAP4rev1 SASL-IR AUTH=PLAIN] ready\r\n'],
  ['client', `a1 LOGIN alice ${PASSWORD} \r\n`],
  ['server', 'a1 NO [AUTHENTICATIONFAILED] try again\r\n'],
  ['client', 'a2 AUTHENTICATE PLAIN\r\n'],
  ['server', `+ ${SASL_CHALLENGE}\r\n`],
  ['client', `${SASL_RESPONSE}\r\n`],
  ['server', 'a2 OK [UIDNEXT 0] logged in\r\n'],
  ['client', `a3 AUTHENTICATE PLAIN ${SASL_IR}\r\n`],
  ['server', 'a3 OK done\r\n'],
  ['client', 'a4 SELECT INBOX\r\n'],
  ['server', '* 1 EXISTS\r\n* OK [UIDNEXT 0] predicted\r\na4 OK [READ-WRITE] selected\r\n'],
  ['client', 'a5 FETCH 1 (BODY[])\r\n'],
  ['server', '* 1 FETCH (BODY[] {11}\r\nhello world)\r\na5 OK done\r\n'],
  ['client', `a6 LOGIN alice ${PASSWORD} ((\r\n`],
  ['server', 'a6 BAD syntax\r\n'],
  ['client', 'a7 LOGOUT\r\n'],
  ['server', '* BYE\r\na7 OK bye\r\n'],
];

/** The session as a pcap file. */
export function sessionPcap(steps = STEPS, t0 = 1764600000): Uint8Array {
  const w = new PcapWriter();
  const c = w.connect(CLIENT, SERVER, { time: t0 });
  const parts = [w.header(), c.bytes];
  let t = t0;
  for (const [dir, text] of steps) parts.push(w.send(c.id, dir, enc(text), (t += 0.01)));
  parts.push(w.close(c.id, t + 0.01));
  return concat(parts);
}

/** A clean session (nothing strict mode refuses). */
export const CLEAN_STEPS: ['client' | 'server', string][] = [
  ['server', '* OK [CAPABILITY IMAP4rev1] ready\r\n'],
  ['client', 'a1 LOGIN alice alicepw\r\n'],
  ['server', 'a1 OK logged in\r\n'],
  ['client', 'a2 SELECT INBOX\r\n'],
  ['server', '* 2 EXISTS\r\n* OK [UIDNEXT 3] predicted\r\na2 OK [READ-WRITE] selected\r\n'],
  ['client', 'a3 LOGOUT\r\n'],
  ['server', '* BYE logging out\r\na3 OK bye\r\n'],
];

/** Writes a file into `dir` and gives its path. */
export function put(dir: string, name: string, bytes: Uint8Array | string): string {
  const p = join(dir, name);
  writeFileSync(p, bytes);
  return p;
}

/**
 * A session that turns on COMPRESS=DEFLATE (RFC 4978): after the tagged OK
 * both directions are raw DEFLATE with a sync flush after each message,
 * as mbsync and Dovecot send them.
 */
export async function compressedPcap(): Promise<Uint8Array> {
  const zlib = await import('node:zlib');
  const deflaters = { client: zlib.createDeflateRaw(), server: zlib.createDeflateRaw() };
  const deflate = (d: 'client' | 'server', text: string): Promise<Uint8Array> =>
    new Promise((resolve) => {
      const z = deflaters[d];
      const out: Buffer[] = [];
      const onData = (c: Buffer): number => out.push(c);
      z.on('data', onData);
      z.write(text);
      z.flush(zlib.constants.Z_SYNC_FLUSH, () => {
        z.off('data', onData);
        resolve(new Uint8Array(Buffer.concat(out)));
      });
    });
  const plain: ['client' | 'server', string][] = [
    ['server', '* OK [CAPABILITY IMAP4rev1 COMPRESS=DEFLATE] ready\r\n'],
    ['client', 'a1 LOGIN alice alicepw\r\n'],
    ['server', 'a1 OK logged in\r\n'],
    ['client', 'a2 COMPRESS DEFLATE\r\n'],
    ['server', 'a2 OK DEFLATE active\r\n'],
  ];
  const after: ['client' | 'server', string][] = [
    ['client', 'a3 LIST "" "*"\r\n'],
    ['server', '* LIST (\\HasNoChildren) "/" INBOX\r\n* LIST (\\HasNoChildren) "/" Sent\r\na3 OK listed\r\n'],
    ['client', 'a4 SELECT INBOX\r\n'],
    ['server', '* 3 EXISTS\r\n* OK [UIDNEXT 0] predicted\r\na4 OK selected\r\n'],
    ['client', 'a5 LOGOUT\r\n'],
    ['server', '* BYE bye\r\na5 OK done\r\n'],
  ];
  const w = new PcapWriter();
  const c = w.connect(CLIENT, SERVER, { time: 1764600000 });
  const parts = [w.header(), c.bytes];
  let t = 1764600000;
  for (const [d, text] of plain) parts.push(w.send(c.id, d, enc(text), (t += 0.01)));
  for (const [d, text] of after) parts.push(w.send(c.id, d, await deflate(d, text), (t += 0.01)));
  parts.push(w.close(c.id, t + 0.01));
  return concat(parts);
}
