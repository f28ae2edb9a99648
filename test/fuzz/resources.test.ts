/**
 * Property 6: resource bounds. Inputs built to be expensive finish in
 * linear work and bounded memory, through the decoders:
 *
 * - work is COUNTED, never timed: the Framer's `stats.scanned` /
 *   `stats.copied` (reached through the decoder's private `framer` field,
 *   checked to be a Framer) and the number of Reader method calls (every
 *   method of Reader.prototype wrapped with a counter), compared between
 *   size n and 2n;
 * - memory is `process.memoryUsage().arrayBuffers` above a baseline,
 *   sampled while feeding, and the decoder's buffered bytes.
 */
import { describe, test, expect } from 'vitest';
import { ResponseDecoder, type ResponseDecoderEvent } from '../../src/codec/response-decoder.js';
import { CommandDecoder, type CommandDecoderEvent, type CommandDecoderOptions } from '../../src/codec/command-decoder.js';
import { Framer, type FramerStats } from '../../src/wire/framer.js';
import { Reader } from '../../src/wire/reader.js';
import { te } from './helpers.js';

const MiB = 1024 * 1024;

function framerOf(d: ResponseDecoder | CommandDecoder): Framer<unknown> {
  const f = (d as unknown as { framer: unknown }).framer;
  if (!(f instanceof Framer)) throw new Error('decoder.framer is no longer a Framer: update resources.test.ts');
  return f;
}

/** Run `fn` with every Reader method counting its calls. */
function countReaderCalls<T>(fn: () => T): { result: T; calls: number } {
  const proto = Reader.prototype as unknown as Record<string, (...a: unknown[]) => unknown>;
  const saved: [string, (...a: unknown[]) => unknown][] = [];
  let calls = 0;
  for (const name of Object.getOwnPropertyNames(Reader.prototype)) {
    const d = Object.getOwnPropertyDescriptor(Reader.prototype, name);
    if (name === 'constructor' || d === undefined || typeof d.value !== 'function') continue;
    const orig = d.value as (...a: unknown[]) => unknown;
    saved.push([name, orig]);
    proto[name] = function (this: unknown, ...a: unknown[]) {
      calls++;
      return orig.apply(this, a);
    };
  }
  expect(saved.length).toBeGreaterThan(20);
  try {
    return { result: fn(), calls };
  } finally {
    for (const [name, orig] of saved) proto[name] = orig;
  }
}

const arrayBuffers = (): number => process.memoryUsage().arrayBuffers;

/** Feed `input` in chunks of `size` (1 = one byte at a time through one reused buffer), sampling memory. */
function feed<E>(push: (c: Uint8Array) => E[], input: Uint8Array, size: number): { events: E[]; peak: number } {
  const base = arrayBuffers();
  let peak = 0;
  const events: E[] = [];
  const one = new Uint8Array(1);
  const sampleEvery = Math.max(1, Math.floor((256 * 1024) / size));
  let k = 0;
  for (let i = 0; i < input.length; i += size) {
    let c: Uint8Array;
    if (size === 1) {
      one[0] = input[i];
      c = one;
    } else c = input.subarray(i, i + size);
    for (const e of push(c)) events.push(e);
    if (++k % sampleEvery === 0) peak = Math.max(peak, arrayBuffers() - base);
  }
  peak = Math.max(peak, arrayBuffers() - base);
  return { events, peak };
}

const kinds = (evs: (ResponseDecoderEvent | CommandDecoderEvent)[]): string[] =>
  evs.map((e) => (e.type === 'error' ? `error:${e.error.code}` : e.type === 'response' ? `response:${e.response.type}` : e.type === 'command' ? `command:${e.command.type}` : e.type));

describe('a 10 MB line one byte at a time', () => {
  test('CommandDecoder (maxLineLength raised to 32 MiB): scanned ≤ 1.01n, copied ≤ 3n, memory ≤ 5n, one command', () => {
    const n = 10 * MiB;
    const input = new Uint8Array(n);
    input.set(te.encode('A1 SEARCH TEXT "'));
    input.fill(0x61, 16, n - 3);
    input.set(te.encode('"\r\n'), n - 3);
    const d = new CommandDecoder({ authenticated: true, maxLineLength: 32 * MiB });
    const { events, peak } = feed((c) => d.push(c), input, 1);
    events.push(...d.end());
    expect(kinds(events)).toEqual(['command:SEARCH']);
    const s: FramerStats = framerOf(d).stats;
    expect(s.scanned).toBeGreaterThanOrEqual(n);
    expect(s.scanned).toBeLessThanOrEqual(1.01 * n);
    expect(s.copied).toBeLessThanOrEqual(3 * n);
    expect(peak).toBeLessThan(5 * n);
  }, 120_000);

  test('ResponseDecoder, 4 MB and 8 MB quoted FETCH lines: work doubles with the size, memory stays under 5n', () => {
    const run = (n: number) => {
      const head = te.encode('* 1 FETCH (RFC822.TEXT "');
      const input = new Uint8Array(n);
      input.set(head);
      input.fill(0x62, head.length, n - 4);
      input.set(te.encode('")\r\n'), n - 4);
      const d = new ResponseDecoder();
      const { events, peak } = feed((c) => d.push(c), input, 1);
      expect(kinds(events)).toEqual(['response:FETCH']);
      expect(peak).toBeLessThan(5 * n);
      return { ...framerOf(d).stats };
    };
    const a = run(4 * MiB);
    const b = run(8 * MiB);
    expect(b.scanned / a.scanned).toBeGreaterThan(1.98);
    expect(b.scanned / a.scanned).toBeLessThan(2.02);
    expect(b.copied / a.copied).toBeLessThan(2.3);
  }, 120_000);
});

describe('deep nesting costs the same at depth n and 2n (the parser stops at maxDepth)', () => {
  const responseCase = (n: number) => te.encode(`* 1 FETCH (BODYSTRUCTURE ${'('.repeat(n)}\r\n* 2 EXISTS\r\n`);
  test('ResponseDecoder: 100k / 200k "(" → too-deep error, then the next response; Reader calls equal', () => {
    const run = (n: number) =>
      countReaderCalls(() => {
        const d = new ResponseDecoder();
        return kinds([...d.push(responseCase(n)), ...d.end()]);
      });
    const a = run(100_000);
    const b = run(200_000);
    expect(a.result).toEqual(['error:too-deep', 'response:EXISTS']);
    expect(b.result).toEqual(a.result);
    expect(b.calls).toBe(a.calls);
    expect(a.calls).toBeLessThan(10_000);
  });

  for (const [name, unit, tail] of [['NOT', 'NOT ', 'ALL'], ['(', '(', 'ALL'], ['OR', 'OR ALL ', 'ALL']] as const) {
    test(`CommandDecoder: SEARCH with 100k / 200k "${name}" → too-deep error, then the next command; Reader calls equal`, () => {
      const run = (n: number) =>
        countReaderCalls(() => {
          const d = new CommandDecoder({ authenticated: true, maxLineLength: 64 * MiB });
          return kinds([...d.push(te.encode(`A1 SEARCH ${unit.repeat(n)}${tail}\r\nA2 NOOP\r\n`)), ...d.end()]);
        });
      const a = run(100_000);
      const b = run(200_000);
      expect(a.result).toEqual(['error:too-deep', 'command:NOOP']);
      expect(b.result).toEqual(a.result);
      expect(b.calls).toBe(a.calls);
      expect(a.calls).toBeLessThan(10_000);
    });
  }
});

describe('millions of tiny tokens: Reader calls and scanned bytes double when the input doubles', () => {
  const responseCases: [string, (n: number) => string, number][] = [
    ['* SEARCH 1 1 1 ...', (n) => `* SEARCH${' 1'.repeat(n)}\r\n`, 1],
    ['FLAGS (\\A \\A ...)', (n) => `* 1 FETCH (FLAGS (${'\\A '.repeat(n)}\\A))\r\n`, 1],
    ['THREAD (1)(1)...', (n) => `* THREAD ${'(1)'.repeat(n)}\r\n`, 1],
    ['VANISHED 1,1,...', (n) => `* VANISHED ${'1,'.repeat(n)}1\r\n`, 1],
    ['n × "* 1 EXISTS"', (n) => '* 1 EXISTS\r\n'.repeat(n), 0],
  ];
  for (const [name, make, frames] of responseCases) {
    test(`ResponseDecoder: ${name}`, () => {
      linearIn(make, frames, 'response', () => {
        const d = new ResponseDecoder({ maxLineLength: 64 * MiB });
        return { push: (c) => d.push(c), end: () => d.end(), stats: () => framerOf(d).stats };
      });
    }, 60_000);
  }

  const commandCases: [string, (n: number) => string, number][] = [
    ['FETCH 1,1,1,... FLAGS', (n) => `A1 FETCH ${'1,'.repeat(n)}1 FLAGS\r\n`, 1],
    ['STORE 1 +FLAGS (a a ...)', (n) => `A1 STORE 1 +FLAGS (${'a '.repeat(n)}a)\r\n`, 1],
    ['SEARCH ALL ALL ...', (n) => `A1 SEARCH${' ALL'.repeat(n)}\r\n`, 1],
    ['n × "A1 NOOP"', (n) => 'A1 NOOP\r\n'.repeat(n), 0],
  ];
  for (const [name, make, frames] of commandCases) {
    test(`CommandDecoder: ${name}`, () => {
      linearIn(make, frames, 'command', () => {
        const d = new CommandDecoder({ authenticated: true, maxLineLength: 64 * MiB });
        return { push: (c) => d.push(c), end: () => d.end(), stats: () => framerOf(d).stats };
      });
    }, 60_000);
  }
});

describe('huge announced literals cost what is sent, not what is announced', () => {
  test('ResponseDecoder: {200000000} then 1 MB → buffered ≈ 1 MB, memory < 8 MB; end() is an incomplete error', () => {
    const d = new ResponseDecoder();
    const data = new Uint8Array(MiB).fill(0x41);
    const { events, peak } = feed((c) => d.push(c), te.encode('* 1 FETCH (BODY[] {200000000}\r\n'), 64);
    const more = feed((c) => d.push(c), data, 4096);
    expect([...events, ...more.events]).toEqual([]);
    expect(d.bufferedBytes).toBeLessThan(2.1 * MiB);
    expect(Math.max(peak, more.peak)).toBeLessThan(8 * MiB);
    // The frame's one error was already given: end() adds at most an incomplete error.
    expect(kinds(d.end()).filter((k) => k !== 'error:incomplete')).toEqual([]);
  });

  test('ResponseDecoder: {4000000000} → literal-too-large at once; 32 MB of it skipped with no copy or growth; a 40 MB literal over a 16 MiB limit is skipped and the next response decodes', () => {
    const d = new ResponseDecoder();
    const first = d.push(te.encode('* 1 FETCH (BODY[] {4000000000}\r\n'));
    expect(kinds(first)).toEqual(['error:literal-too-large']);
    const junk = te.encode('A1 NOOP\r\n* 9 EXISTS\r\n{5}\r\n'.repeat(2000));
    const base = arrayBuffers();
    let peak = 0;
    const evs: ResponseDecoderEvent[] = [];
    for (let sent = 0; sent < 32 * MiB; sent += junk.length) {
      evs.push(...d.push(junk));
      if ((sent / junk.length) % 64 === 0) peak = Math.max(peak, arrayBuffers() - base);
    }
    expect(evs).toEqual([]);
    expect(peak).toBeLessThan(4 * MiB);
    expect(framerOf(d).stats.copied).toBeLessThan(1024);
    // The frame's one error was already given: end() adds at most an incomplete error.
    expect(kinds(d.end()).filter((k) => k !== 'error:incomplete')).toEqual([]);

    // The same over a lower limit, sent in full: the response after it decodes.
    const e = new ResponseDecoder({ maxLiteralSize: 16 * MiB });
    const size = 40 * MiB;
    const out = [...e.push(te.encode(`* 1 FETCH (BODY[] {${size}}\r\n`))];
    const body = new Uint8Array(size);
    for (let o = 0; o < size; o += junk.length) body.set(junk.subarray(0, Math.min(junk.length, size - o)), o);
    const fed = feed((c) => e.push(c), body, 65536);
    out.push(...fed.events, ...e.push(te.encode(')\r\n* 2 EXISTS\r\n')), ...e.end());
    expect(kinds(out)).toEqual(['error:literal-too-large', 'response:EXISTS']);
    expect(fed.peak).toBeLessThan(4 * MiB);
    expect(framerOf(e).stats.copied).toBeLessThan(1024);
  }, 60_000);

  test('CommandDecoder: {60000000} accepted, then 1 MB → buffered ≈ 1 MB; {5000000+} over maxLiteralSize → skipped unread, the next command decodes', () => {
    const d = new CommandDecoder({ authenticated: true, capabilities: ['LITERAL+'], maxLiteralSize: 64 * MiB });
    expect(kinds(d.push(te.encode('A1 APPEND INBOX {60000000}\r\n')))).toEqual(['literal']);
    expect(d.acceptLiteral()).toEqual([]);
    const { events, peak } = feed((c) => d.push(c), new Uint8Array(MiB).fill(0x41), 4096);
    expect(events).toEqual([]);
    expect(framerOf(d).bufferedBytes).toBeLessThan(2.1 * MiB);
    expect(peak).toBeLessThan(8 * MiB);

    const e = new CommandDecoder({ authenticated: true, capabilities: ['LITERAL+'], maxLiteralSize: MiB });
    const n = 5_000_000;
    const body = new Uint8Array(n).fill(0x0a);
    const out = [
      ...e.push(te.encode(`A1 APPEND INBOX {${n}+}\r\n`)),
      ...feed((c) => e.push(c), body, 65536).events,
      ...e.push(te.encode('\r\nA2 NOOP\r\n')),
      ...e.end(),
    ];
    expect(kinds(out)).toEqual(['error:literal-too-large', 'command:NOOP']);
    expect(framerOf(e).stats.copied).toBeLessThan(1024);
  }, 60_000);
});

/**
 * Decode `make(n)` for n = 250k and 500k in 64 KiB chunks: every event is
 * a value of `kind` (`frames` of them, or n when 0), and the work — Reader
 * calls, bytes scanned and copied — grows linearly.
 */
function linearIn(
  make: (n: number) => string,
  frames: number,
  kind: 'response' | 'command',
  decoder: () => { push: (c: Uint8Array) => { type: string }[]; end: () => { type: string }[]; stats: () => { scanned: number; copied: number } },
): void {
  const run = (n: number) =>
    countReaderCalls(() => {
      const d = decoder();
      const input = te.encode(make(n));
      const evs = feed(d.push, input, 64 * 1024).events;
      evs.push(...d.end());
      expect(evs.every((e) => e.type === kind)).toBe(true);
      expect(evs.length).toBe(frames === 0 ? n : frames);
      return { ...d.stats(), length: input.length };
    });
  const a = run(250_000);
  const b = run(500_000);
  expect(b.calls / a.calls).toBeGreaterThan(1.9);
  expect(b.calls / a.calls).toBeLessThan(2.1);
  expect(a.result.scanned).toBeLessThanOrEqual(1.01 * a.result.length);
  expect(b.result.scanned / a.result.scanned).toBeLessThan(2.02);
  expect(b.result.copied).toBeLessThanOrEqual(3 * b.result.length);
}
