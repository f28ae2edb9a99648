/**
 * Replay corpus: whole sessions as recorded byte streams per direction
 * (`<name>.server.imap`: what a server sent, read by ResponseDecoder;
 * `<name>.client.imap`: what a client sent, read by CommandDecoder).
 *
 * - rfc/: the examples of RFC 3501, RFC 9051 and every extension RFC, one
 *   session pair per RFC, plus the §8 sample connections on their own;
 *   built by ./sessions.ts from the S: / C: extractors. Rebuild with
 *   `CORPUS_REBUILD=1 npx vitest run test/corpus`.
 * - dovecot/: real captures from Dovecot: session.* (copies of
 *   examples/dovecot-session*.imap) and interop.* (the main session of the
 *   real-server test, recorded with IMAPWIRE_CAPTURE_DIR; frames over 64 KiB
 *   left out, each stream still whole frames).
 *
 * Each stream is replayed whole, one byte at a time and in 7-byte chunks
 * (the events must be the same), and its events are kept as a readable
 * snapshot in __snapshots__/ so that a grammar change shows up as a diff
 * (`npx vitest run test/corpus -u` accepts the new output).
 */
import { describe, test, expect } from 'vitest';
import { readdirSync, readFileSync, writeFileSync, existsSync } from 'node:fs';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseResponse } from '../../src/codec/parse-response.js';
import { parseCommand } from '../../src/codec/parse-command.js';
import { rfcSessions } from './sessions.js';
import { concat as cat } from '../bytes.js';
import { replayServer, replayClient, showEvents, chunks, type ReplayEvent } from './replay.js';

const HERE = dirname(fileURLToPath(import.meta.url));
const DIRS = ['rfc', 'dovecot'];
const latin1 = (s: string): Uint8Array => Uint8Array.from(s, (c) => c.charCodeAt(0));
const utf8 = (s: string): Uint8Array => new TextEncoder().encode(s);

// The server extractor reads the RFC text as latin1 and counts literal bytes that way; the client one reads UTF-8.
const sessions = rfcSessions().map((s) => ({ name: s.name, server: s.server.map(latin1), client: s.client.map(utf8) }));

describe('RFC session files', () => {
  test('are what the extractors give (CORPUS_REBUILD=1 rewrites them)', () => {
    const stale: string[] = [];
    for (const s of sessions) {
      for (const [dir, frames] of [['server', s.server], ['client', s.client]] as const) {
        const path = join(HERE, 'rfc', `${s.name}.${dir}.imap`);
        const want = cat(frames);
        if (process.env.CORPUS_REBUILD === '1') {
          if (frames.length > 0) writeFileSync(path, want);
          continue;
        }
        if (frames.length === 0) {
          if (existsSync(path)) stale.push(`${path} should not exist`);
          continue;
        }
        if (!existsSync(path) || Buffer.compare(readFileSync(path), want) !== 0) stale.push(path);
      }
    }
    expect(stale).toEqual([]);
    expect(sessions.length).toBeGreaterThan(30);
  });

  test('every frame extracted from the RFCs reads the same in the stream as alone (no frame swallows the next)', () => {
    for (const s of sessions) {
      const server = replayServer([cat(s.server)]).map((e) => (e.type === 'response' ? e.response : 'error'));
      expect(server, `${s.name}.server`).toEqual(
        s.server.map((f) => {
          try {
            return parseResponse(f);
          } catch {
            return 'error';
          }
        }),
      );
      const client = replayClient([cat(s.client)])
        .filter((e) => e.type !== 'literal')
        .map((e) => (e.type === 'command' ? e.command : 'error'));
      expect(client, `${s.name}.client`).toEqual(
        s.client.map((f) => {
          try {
            return parseCommand(f);
          } catch {
            return 'error';
          }
        }),
      );
    }
  });
});

const files = DIRS.flatMap((d) =>
  readdirSync(join(HERE, d))
    .filter((f) => f.endsWith('.imap'))
    .sort()
    .map((f) => ({ dir: d, file: f, side: f.endsWith('.server.imap') ? ('server' as const) : ('client' as const) })),
);

/** Comparable events: errors by code, offset and tag. */
const view = (evs: ReplayEvent[]): unknown[] => evs.map((e) => (e.type === 'error' ? { error: e.error.code, offset: e.error.offset, tag: e.error.tag } : e));

describe('replay', () => {
  test('the corpus holds the RFC sessions and the Dovecot captures', () => {
    expect(files.filter((f) => f.dir === 'dovecot').map((f) => f.file)).toEqual(['interop.client.imap', 'interop.server.imap', 'session.client.imap', 'session.server.imap']);
    expect(files.filter((f) => f.dir === 'rfc').length).toBeGreaterThan(50);
  });

  for (const { dir, file, side } of files) {
    test(`${dir}/${file}: same events for any chunking; snapshot`, async () => {
      const bytes = new Uint8Array(readFileSync(join(HERE, dir, file)));
      const replay = side === 'server' ? replayServer : (parts: Uint8Array[]) => replayClient(parts, dir === 'dovecot');
      const whole = replay([bytes]);
      expect(view(replay(chunks(bytes, 1)))).toEqual(view(whole));
      expect(view(replay(chunks(bytes, 7)))).toEqual(view(whole));
      expect(whole.length).toBeGreaterThan(0);
      if (dir === 'dovecot') expect(whole.filter((e) => e.type === 'error')).toEqual([]);
      await expect(`# ${dir}/${file}: ${bytes.length} bytes, ${whole.length} events\n` + showEvents(whole)).toMatchFileSnapshot(
        join(HERE, '__snapshots__', dir, file.replace(/\.imap$/, '.txt')),
      );
    });
  }
});
