/**
 * The web-stream faces (src/codec/streams.ts) in Node 20's WHATWG streams:
 * the same values as the push decoders and the encoders, the literal and
 * IDLE handshakes through the stream's methods, and the pause before a
 * synchronizing literal (RFC 9051 §4.3).
 */
import { describe, it, expect } from 'vitest';
import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import {
  ResponseDecoderStream,
  CommandDecoderStream,
  CommandEncoderStream,
  ResponseEncoderStream,
  ResponseDecoder,
  ImapEncodeError,
  serializeResponse,
  serializeCommand,
  type Command,
  type Response,
  type CommandDecoderEvent,
} from '../../src/index.js';
import { chunk, concat } from '../bytes.js';

const SESSION = new Uint8Array(readFileSync(new URL('../../examples/dovecot-session.imap', import.meta.url)));
const enc = new TextEncoder();

function source<T>(items: readonly T[]): ReadableStream<T> {
  return new ReadableStream<T>({
    start(c) {
      for (const x of items) c.enqueue(x);
      c.close();
    },
  });
}

async function collect<T>(s: ReadableStream<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const x of s as unknown as AsyncIterable<T>) out.push(x);
  return out;
}

describe('ResponseDecoderStream', () => {
  const whole = new ResponseDecoder().push(SESSION);

  it('gives what ResponseDecoder gives for the recorded session, chunks split anywhere', async () => {
    expect(whole.length).toBeGreaterThan(20);
    await fc.assert(
      fc.asyncProperty(fc.array(fc.nat(), { maxLength: 30 }), async (cuts) => {
        const events = await collect(source(chunk(SESSION, cuts)).pipeThrough(new ResponseDecoderStream()));
        expect(events).toEqual(whole);
      }),
      { numRuns: 30 },
    );
  });

  it('an unfinished frame at the end is an incomplete error event, after the values before it', async () => {
    const events = await collect(source([enc.encode('* 3 EXISTS\r\n* 4 EXI')]).pipeThrough(new ResponseDecoderStream()));
    expect(events[0]).toEqual({ type: 'response', response: { type: 'EXISTS', count: 3 } });
    expect(events).toHaveLength(2);
    expect(events[1].type).toBe('error');
    if (events[1].type === 'error') expect(events[1].error.code).toBe('incomplete');
  });

  it('a bad frame is an error event and decoding goes on', async () => {
    const events = await collect(source([enc.encode('* 3 EXISTS junk(\r\n* 4 EXISTS\r\n')]).pipeThrough(new ResponseDecoderStream()));
    expect(events.map((e) => e.type)).toEqual(['error', 'response']);
  });
});

describe('CommandDecoderStream', () => {
  it('a synchronizing literal waits for acceptLiteral(); the command it completes comes out of the stream', async () => {
    const s = new CommandDecoderStream();
    const w = s.writable.getWriter();
    const r = s.readable.getReader();
    void w.write(enc.encode('A1 LOGIN {4}\r\n'));
    const first = await r.read();
    expect(first.value).toEqual({ type: 'literal', tag: 'A1', length: 4, mode: 'sync', binary: false });
    expect(s.decoder.awaitingLiteral).toBe(true);
    s.acceptLiteral();
    void w.write(enc.encode('fred "pw"\r\nA2 NOOP\r\n'));
    const second = (await r.read()).value as CommandDecoderEvent;
    expect(second).toEqual({ type: 'command', command: { tag: 'A1', type: 'LOGIN', userid: 'fred', password: 'pw' } });
    expect((await r.read()).value).toEqual({ type: 'command', command: { tag: 'A2', type: 'NOOP' } });
    void w.close();
    expect((await r.read()).done).toBe(true);
  });

  it('IDLE: DONE is held until startIdle(), then released into the stream', async () => {
    const s = new CommandDecoderStream({ authenticated: true });
    const w = s.writable.getWriter();
    const r = s.readable.getReader();
    void w.write(enc.encode('A1 IDLE\r\nDONE\r\n'));
    expect((await r.read()).value).toEqual({ type: 'command', command: { tag: 'A1', type: 'IDLE' } });
    expect(s.decoder.paused).toBe(true);
    s.startIdle();
    expect((await r.read()).value).toEqual({ type: 'done' });
  });
});

describe('CommandEncoderStream', () => {
  const append: Command = {
    tag: 'A3',
    type: 'APPEND',
    mailbox: 'INBOX',
    messages: [{ data: { type: 'literal', data: enc.encode('Subject: hi\r\n\r\nhello\r\n'), binary: false } }],
  };

  it('pauses before each synchronizing literal until continuation() settles', async () => {
    const log: string[] = [];
    const s = new CommandEncoderStream({
      continuation: async () => {
        log.push('wait');
      },
    });
    const out = s.readable.pipeTo(
      new WritableStream<Uint8Array>({
        write(b) {
          log.push(new TextDecoder().decode(b));
        },
      }),
    );
    const w = s.writable.getWriter();
    await w.write({ tag: 'A1', type: 'LOGIN', userid: 'fred', password: 'a"b\r\nc' });
    await w.write({ tag: 'A2', type: 'NOOP' });
    await w.close();
    await out;
    expect(log).toEqual(['A1 LOGIN fred {6}\r\n', 'wait', 'a"b\r\nc', '\r\n', 'A2 NOOP\r\n']);
  });

  it('without continuation, a synchronizing literal errors the stream with ImapEncodeError', async () => {
    const s = new CommandEncoderStream();
    const w = s.writable.getWriter();
    const done = collect(s.readable).catch((e: unknown) => e);
    await w.write({ tag: 'A1', type: 'LOGIN', userid: 'fred', password: 'a\r\nb' }).catch(() => undefined);
    const err = await done;
    expect(err).toBeInstanceOf(ImapEncodeError);
    expect(String((err as Error).message)).toMatch(/continuation/);
  });

  it('with LITERAL+ nothing waits; the bytes are serializeCommand()’s', async () => {
    const bytes = await collect(source([append]).pipeThrough(new CommandEncoderStream({ capabilities: ['IMAP4rev1', 'LITERAL+'] })));
    const options = { capabilities: ['IMAP4rev1', 'LITERAL+'] };
    expect(concat(bytes)).toEqual(serializeCommand(append, options));
    expect(new TextDecoder().decode(concat(bytes))).toBe('A3 APPEND INBOX {22+}\r\nSubject: hi\r\n\r\nhello\r\n\r\n');
  });
});

describe('ResponseEncoderStream', () => {
  it('responses -> bytes -> ResponseDecoderStream gives the same responses back', async () => {
    const responses = new ResponseDecoder()
      .push(SESSION)
      .flatMap((e) => (e.type === 'response' ? [e.response] : []));
    const events = await collect(source<Response>(responses).pipeThrough(new ResponseEncoderStream()).pipeThrough(new ResponseDecoderStream()));
    expect(events.map((e) => (e.type === 'response' ? e.response : e))).toEqual(responses);
  });

  it('writes exactly what serializeResponse writes', async () => {
    const r: Response = { type: 'EXISTS', count: 7 };
    const bytes = await collect(source([r]).pipeThrough(new ResponseEncoderStream()));
    expect(bytes).toEqual([serializeResponse(r)]);
  });
});
