/**
 * The client session driven by the project's recorded Dovecot sessions
 * (test/corpus/dovecot, examples/dovecot-session.imap): the recorded
 * commands are submitted, the recorded server bytes are fed back in
 * chunks, and the session must (1) write the same commands, (2) complete
 * each with the status the server gave it, (3) hand each command the
 * untagged responses that answer it, and (4) do so for any chunking.
 */
import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import path from 'node:path';
import {
  ClientSession,
  ResponseDecoder,
  type ClientSessionEvent,
  type Command,
  type CommandHandle,
  type Response,
} from '../../src/index.js';
import { replayClient } from '../corpus/replay.js';
import { chunk, concat } from '../bytes.js';

const ROOT = path.join(path.dirname(fileURLToPath(import.meta.url)), '../..');
const read = (p: string) => new Uint8Array(readFileSync(path.join(ROOT, p)));
const enc = new TextEncoder();

interface Recording {
  name: string;
  client: Uint8Array;
  server: Uint8Array;
  /** Prepended when the capture starts after the greeting. */
  greeting?: string;
}

const RECORDINGS: Recording[] = [
  { name: 'dovecot session', client: read('test/corpus/dovecot/session.client.imap'), server: read('test/corpus/dovecot/session.server.imap') },
  { name: 'examples/dovecot-session', client: read('examples/dovecot-session.client.imap'), server: read('examples/dovecot-session.imap') },
  {
    name: 'dovecot interop',
    client: read('test/corpus/dovecot/interop.client.imap'),
    server: read('test/corpus/dovecot/interop.server.imap'),
    // The interop capture starts after the greeting; this one offers what that client used (no SASL-IR).
    greeting: '* OK [CAPABILITY IMAP4rev1 LITERAL+ AUTH=PLAIN IDLE] Dovecot ready.\r\n',
  },
];

interface Recorded {
  commands: Command[];
  /** SASL lines after an AUTHENTICATE without initial response, by tag. */
  sasl: Map<string, Uint8Array>;
}

function recordedCommands(client: Uint8Array): Recorded {
  const commands: Command[] = [];
  const sasl = new Map<string, Uint8Array>();
  for (const e of replayClient([client], true)) {
    if (e.type === 'command') commands.push(e.command);
    else if (e.type === 'sasl') sasl.set(commands[commands.length - 1].tag, e.data);
    else if (e.type === 'error') throw new Error(`recorded client stream: ${e.error.message}`);
  }
  return { commands, sasl };
}

/** The server stream as responses, and per tag the status and the untagged responses since the previous completion. */
function recordedResponses(server: Uint8Array): Response[] {
  const d = new ResponseDecoder();
  const out: Response[] = [];
  for (const e of [...d.push(server), ...d.end()]) {
    if (e.type === 'response') out.push(e.response);
    else if (e.type === 'error') throw new Error(`recorded server stream: ${e.error.message}`);
  }
  return out;
}

interface Run {
  output: Uint8Array;
  handles: CommandHandle[];
  events: ClientSessionEvent[];
  /** Tags in the order their handles settled. */
  settledOrder: string[];
}

async function run(rec: Recording, parts: Uint8Array[]): Promise<Run> {
  const { commands, sasl } = recordedCommands(rec.client);
  const out: Uint8Array[] = [];
  const events: ClientSessionEvent[] = [];
  const handles: CommandHandle[] = [];
  const settledOrder: string[] = [];
  const s = new ClientSession({
    tag: (n) => commands[n - 1].tag,
    // The recorded names are already in modified UTF-7.
    mailboxUtf7: false,
    onOutput: (b) => out.push(Uint8Array.from(b)),
    onEvent: (e) => {
      events.push(e);
      // End IDLE as soon as the server accepted it, as the recording did.
      if (e.type === 'idling') for (const h of handles) if (h.tag === e.tag && 'done' in h) (h as { done(): void }).done();
    },
  });
  for (const c of commands) {
    const { tag: _tag, ...input } = c;
    let h: CommandHandle;
    if (c.type === 'AUTHENTICATE') {
      const ir = c.initialResponse ?? sasl.get(c.tag);
      h = s.authenticate({ name: c.mechanism, initialResponse: ir });
    } else {
      h = s.command(input as Parameters<ClientSession['command']>[0]);
    }
    handles.push(h);
  }
  // Settled in wire order: a handle's listeners run in the order the handles settle.
  for (const h of handles) h.then(() => settledOrder.push(h.tag), () => settledOrder.push(h.tag));
  if (rec.greeting !== undefined) s.receive(enc.encode(rec.greeting));
  for (const p of parts) {
    s.receive(p);
  }
  s.end();
  await Promise.allSettled(handles);
  return { output: concat(out), handles, events, settledOrder };
}

/** What a run completed, in a comparable form. */
function summary(r: Run) {
  return {
    settledOrder: r.settledOrder,
    completions: r.handles.map((h) => ({ tag: h.tag, failure: h.error?.failure, status: h.completion?.tagged.status, untagged: h.completion?.untagged })),
    events: r.events,
  };
}

describe.each(RECORDINGS)('ClientSession replays $name', async (rec) => {
  const whole = await run(rec, [rec.server]);
  const { commands } = recordedCommands(rec.client);
  const responses = recordedResponses(rec.server);

  it('writes the recorded commands, in order', () => {
    const written = recordedCommands(whole.output).commands;
    expect(written).toEqual(commands);
  });

  it('completes every command with the status the server gave it', () => {
    const tagged = new Map(responses.flatMap((r) => (r.type === 'tagged' ? [[r.tag, r.status] as const] : [])));
    expect(whole.handles.length).toBe(commands.length);
    for (const h of whole.handles) {
      expect(h.settled, h.tag).toBe(true);
      expect(h.completion?.tagged.status, h.tag).toBe(tagged.get(h.tag));
      expect(h.error?.failure, h.tag).toBe(tagged.get(h.tag) === 'OK' ? undefined : tagged.get(h.tag)?.toLowerCase());
    }
  });

  it('gives every untagged response to exactly one command or one event', () => {
    const untagged = responses.filter((r) => r.type !== 'tagged' && r.type !== 'continue');
    const claimed = whole.handles.flatMap((h) => h.completion?.untagged ?? []);
    const unsolicited = whole.events.flatMap((e) => (e.type === 'unsolicited' && e.response.type !== 'continue' && e.response.type !== 'tagged' ? [e.response] : []));
    expect(whole.events.filter((e) => e.type === 'greeting').length).toBe(1);
    expect(claimed.length + unsolicited.length + (rec.greeting === undefined ? 1 : 0)).toBe(untagged.length);
    expect(whole.events.filter((e) => e.type === 'error')).toEqual([]);
    // A tagged response goes unmatched only where the recording lacks its command.
    const sent = new Set(commands.map((c) => c.tag));
    const missing = responses.flatMap((r) => (r.type === 'tagged' && !sent.has(r.tag) ? [r.tag] : []));
    const unmatched = whole.events.flatMap((e) => (e.type === 'unsolicited' && e.response.type === 'tagged' ? [e.response.tag] : []));
    expect(unmatched).toEqual(missing);
  });

  it('hands each command the responses that answer it', () => {
    for (const h of whole.handles) {
      const types = new Set((h.completion?.untagged ?? []).map((r) => r.type));
      const c = h.command;
      if (c.type === 'LIST' && h.completion?.tagged.status === 'OK') expect(types.has('LIST'), h.tag).toBe(true);
      if (c.type === 'SELECT' || c.type === 'EXAMINE') {
        if (h.completion?.tagged.status === 'OK') expect(types.has('EXISTS') && types.has('FLAGS'), h.tag).toBe(true);
      }
      if (c.type === 'FETCH' && h.completion?.tagged.status === 'OK' && types.size > 0) expect([...types], h.tag).toEqual(['FETCH']);
      if (c.type === 'NOOP' || c.type === 'IDLE') expect([...types], h.tag).toEqual([]);
      if (c.type === 'LOGOUT') expect([...types], h.tag).toEqual(['BYE']);
      for (const t of types) {
        if (t === 'LIST') expect(c.type, h.tag).toBe('LIST');
        if (t === 'STATUS') expect(['STATUS', 'LIST'], h.tag).toContain(c.type);
        if (t === 'SEARCH') expect(c.type, h.tag).toBe('SEARCH');
        if (t === 'EXISTS') expect(['SELECT', 'EXAMINE'], h.tag).toContain(c.type);
      }
    }
  });

  it('gives the same completions one byte at a time and in 7-byte chunks', async () => {
    const want = summary(whole);
    expect(summary(await run(rec, chunk(rec.server, [-1])))).toEqual(want);
    const sevens: number[] = [];
    for (let i = 7; i < rec.server.length; i += 7) sevens.push(i);
    expect(summary(await run(rec, chunk(rec.server, sevens)))).toEqual(want);
  }, 30_000);

  it('property: any chunk boundaries give the same completions', async () => {
    const want = summary(whole);
    await fc.assert(
      fc.asyncProperty(fc.array(fc.nat(), { maxLength: 60 }), async (cuts) => {
        expect(summary(await run(rec, chunk(rec.server, cuts)))).toEqual(want);
      }),
      { numRuns: rec.server.length > 20_000 ? 8 : 40 },
    );
  }, 60_000);
});
