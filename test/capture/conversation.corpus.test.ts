/**
 * The replay corpus (test/corpus) through the conversation decoder: the
 * typed values must be those the decoders alone give.
 *
 * - every server stream alone (a connection whose client says nothing);
 * - every client stream, answered by a scripted server as the corpus
 *   replay answers it (every literal accepted; AUTHENTICATE and IDLE as
 *   recorded for the Dovecot captures; STARTTLS and COMPRESS refused, so
 *   commands go on in plain text);
 * - the recorded Dovecot sessions with both directions interleaved as they
 *   happened: each command, then the server's frames up to its tagged answer.
 */
import { describe, test, expect } from 'vitest';
import { readdirSync, readFileSync } from 'node:fs';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Framer } from '../../src/wire/framer.js';
import { ConversationDecoder } from '../../src/capture/conversation.js';
import type { ConversationEvent, StreamEvent } from '../../src/capture/types.js';
import { replayServer, replayClient } from '../corpus/replay.js';
import { utf8 } from './conversation-helpers.js';

const CORPUS = join(dirname(fileURLToPath(import.meta.url)), '..', 'corpus');
const files = (dir: string, side: 'client' | 'server') =>
  readdirSync(join(CORPUS, dir))
    .filter((f) => f.endsWith(`.${side}.imap`))
    .map((f) => ({ name: `${dir}/${f}`, bytes: new Uint8Array(readFileSync(join(CORPUS, dir, f))) }));
const ALL = (side: 'client' | 'server') => [...files('rfc', side), ...files('dovecot', side)];

/** Whole frames of one direction (every synchronizing literal taken). */
function frames(bytes: Uint8Array, direction: 'client' | 'server'): Uint8Array[] {
  const f = new Framer({ side: direction === 'client' ? 'server' : 'client', maxLiteralSize: 1 << 26, maxFrameSize: 1 << 26, maxLineLength: 1 << 20 });
  const out: Uint8Array[] = [];
  const evs = f.push(bytes);
  for (let i = 0; i < evs.length; i++) {
    const e = evs[i];
    if (e.type === 'frame') out.push(e.frame.bytes.slice());
    else if (e.type === 'literal') evs.push(...f.acceptLiteral());
  }
  return out;
}

/** A driver of one connection: push bytes of either side, collect every event. */
function connection() {
  const d = new ConversationDecoder();
  const events: ConversationEvent[] = [];
  const offset = { client: 0, server: 0 };
  const push = async (direction: 'client' | 'server', bytes: Uint8Array): Promise<ConversationEvent[]> => {
    const ev: StreamEvent = { type: 'data', connection: 'c', direction, offset: offset[direction], bytes };
    offset[direction] += bytes.length;
    const got = await d.push(ev);
    events.push(...got);
    return got;
  };
  const end = async () => events.push(...(await d.end()));
  return { push, end, events };
}

const commandsOf = (evs: ConversationEvent[]) => evs.flatMap((e) => (e.type === 'command' ? [e.command] : []));
const responsesOf = (evs: ConversationEvent[]) => evs.flatMap((e) => (e.type === 'response' ? [e.response] : []));

describe('corpus: server streams alone', () => {
  test.each(ALL('server').map((f) => [f.name, f.bytes] as const))('%s', async (_, bytes) => {
    const want = replayServer([bytes]);
    const c = connection();
    await c.push('server', bytes);
    await c.end();
    expect(responsesOf(c.events)).toEqual(want.flatMap((e) => (e.type === 'response' ? [e.response] : [])));
    expect(c.events.filter((e) => e.type === 'error').map((e) => e.type === 'error' && e.error.offset)).toEqual(
      want.flatMap((e) => (e.type === 'error' ? [e.error.offset] : [])),
    );
    expect(responsesOf(c.events).length).toBeGreaterThan(0);
  });
});

describe('corpus: client streams with a scripted server', () => {
  test.each(ALL('client').map((f) => [f.name, f.bytes] as const))('%s', async (name, bytes) => {
    const sessionModes = name.startsWith('dovecot/');
    const want = replayClient([bytes], sessionModes);
    const c = connection();
    let saslDue: string | undefined;
    const answer = async (evs: ConversationEvent[]): Promise<void> => {
      for (const e of evs) {
        if (e.type === 'literal') await answer(await c.push('server', utf8('+ go\r\n')));
        else if (e.type === 'sasl' && saslDue !== undefined) {
          const tag = saslDue;
          saslDue = undefined;
          await answer(await c.push('server', utf8(`${tag} OK done\r\n`)));
        } else if (e.type === 'command') {
          const { tag, type } = e.command;
          if (type === 'AUTHENTICATE' && sessionModes && e.command.initialResponse === undefined) {
            saslDue = tag;
            await answer(await c.push('server', utf8('+ \r\n')));
          } else if (type === 'IDLE' && sessionModes) {
            await answer(await c.push('server', utf8('+ idling\r\n')));
          } else if (type === 'AUTHENTICATE' || type === 'IDLE') {
            await answer(await c.push('server', utf8(`${tag} OK done\r\n`)));
          } else if (type === 'STARTTLS' || type === 'COMPRESS') {
            await answer(await c.push('server', utf8(`${tag} NO not now\r\n`)));
          }
        }
      }
    };
    for (const f of frames(bytes, 'client')) await answer(await c.push('client', f));
    await c.end();
    expect(commandsOf(c.events)).toEqual(want.flatMap((e) => (e.type === 'command' ? [e.command] : [])));
    expect(c.events.filter((e) => e.type === 'error').length).toBe(want.filter((e) => e.type === 'error').length);
    expect(commandsOf(c.events).length).toBeGreaterThan(0);
  });
});

describe('corpus: recorded Dovecot sessions, both directions interleaved', () => {
  test.each(['interop', 'session'])('%s', async (name) => {
    const client = new Uint8Array(readFileSync(join(CORPUS, 'dovecot', `${name}.client.imap`)));
    const server = new Uint8Array(readFileSync(join(CORPUS, 'dovecot', `${name}.server.imap`)));
    const serverFrames = frames(server, 'server');
    const c = connection();
    let s = 0;
    // The greeting (when recorded), then each client frame followed by the
    // server's frames up to the tagged answer of its command, or to a "+"
    // that the client answers next (AUTHENTICATE, IDLE).
    if (serverFrames[0][0] === 0x2a) await c.push('server', serverFrames[s++]);
    let tag: string | undefined;
    for (const f of frames(client, 'client')) {
      const got = await c.push('client', f);
      const cmd = got.find((e) => e.type === 'command' || e.type === 'literal' || e.type === 'sasl' || e.type === 'done');
      if (cmd === undefined) continue;
      if (cmd.type === 'command') tag = cmd.command.tag;
      if (cmd.type === 'literal') tag = cmd.tag;
      const literal = cmd.type === 'literal';
      while (s < serverFrames.length) {
        const evs = await c.push('server', serverFrames[s++]);
        const r = evs.find((e) => e.type === 'response');
        if (r === undefined || r.type !== 'response') continue;
        if (r.response.type === 'tagged' && r.response.tag === tag) break;
        if (r.response.type === 'continue' && !literal) break;
      }
    }
    while (s < serverFrames.length) await c.push('server', serverFrames[s++]);
    await c.end();
    expect(responsesOf(c.events)).toEqual(replayServer([server]).flatMap((e) => (e.type === 'response' ? [e.response] : [])));
    expect(commandsOf(c.events)).toEqual(replayClient([client], true).flatMap((e) => (e.type === 'command' ? [e.command] : [])));
    expect(c.events.filter((e) => e.type === 'error')).toEqual([]);
    if (name === 'interop') {
      expect(c.events.filter((e) => e.type === 'sasl').map((e) => e.type === 'sasl' && e.secrets)).toEqual([[{ start: 0, length: 20 }]]);
      expect(c.events.filter((e) => e.type === 'done').length).toBe(1);
    }
  });
});
