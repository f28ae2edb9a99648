import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import { Framer, type FramerEvent, type FramerOptions } from '../../src/wire/framer.js';
import { bytes, concat, latin1, framesOf, errorsOf, run } from './helpers.js';

const STREAM: FramerOptions = { side: 'client', streamLiteralsAbove: 4 };

/** Feed `input` cut at `cuts` (sorted, in range). */
function feedCut(options: FramerOptions, input: Uint8Array, cuts: number[]): FramerEvent[] {
  const f = new Framer(options);
  const out: FramerEvent[] = [];
  let prev = 0;
  for (const c of [...cuts, input.length]) {
    // Chunks are copied so a view into an earlier chunk cannot pass by aliasing the input.
    out.push(...f.push(input.slice(prev, c)));
    prev = c;
  }
  out.push(...f.end());
  return out;
}

/** Streamed data per id, concatenated from its chunk events. */
function streamedData(events: FramerEvent[]): Map<number, Uint8Array> {
  const parts = new Map<number, Uint8Array[]>();
  for (const e of events) {
    if (e.type === 'literal-start') parts.set(e.id, []);
    else if (e.type === 'literal-chunk') parts.get(e.id)!.push(e.bytes.slice());
  }
  return new Map([...parts].map(([id, p]) => [id, concat(...p)]));
}

describe('Framer: literal streaming', () => {
  it('streams a literal over the threshold: start, chunks, end, then the frame without the data', () => {
    const ev = run(STREAM, ['* 1 FETCH (BODY[] {10}\r\n0123', '456789)\r\n']);
    expect(ev.map((e) => e.type)).toEqual(['literal-start', 'literal-chunk', 'literal-chunk', 'literal-end', 'frame']);
    expect(ev[0]).toEqual({ type: 'literal-start', id: 1, length: 10, binary: false, offset: 24 });
    expect(latin1(streamedData(ev).get(1)!)).toBe('0123456789');
    const [f] = framesOf(ev);
    expect(latin1(f.bytes)).toBe('* 1 FETCH (BODY[] {10}\r\n)\r\n');
    expect(f.literals).toEqual([{ start: 24, length: 0, mode: 'sync', binary: false, streamed: { id: 1, length: 10 } }]);
  });

  it('chunk events are views of the pushed chunk, not copies', () => {
    const chunk = bytes('* 1 FETCH (BODY[] {6}\r\nabcdef)\r\n');
    const ev = new Framer(STREAM).push(chunk);
    const c = ev.find((e) => e.type === 'literal-chunk');
    expect(c?.type === 'literal-chunk' && c.bytes.buffer).toBe(chunk.buffer);
  });

  it('a literal at or below the threshold is buffered as usual', () => {
    const ev = run(STREAM, ['* 1 FETCH (BODY[] {4}\r\nabcd)\r\n']);
    expect(ev.map((e) => e.type)).toEqual(['frame']);
    expect(framesOf(ev)[0].literals).toEqual([{ start: 23, length: 4, mode: 'sync', binary: false }]);
  });

  it('two streamed literals in one frame, and a buffered one between them', () => {
    const input = '* 1 FETCH (BODY[1] {5}\r\nhello BODY[2] {2}\r\nhi BINARY[3] ~{6}\r\nwor\0ld)\r\n';
    const ev = run(STREAM, [input]);
    expect(ev.map((e) => e.type)).toEqual([
      'literal-start', 'literal-chunk', 'literal-end', 'literal-start', 'literal-chunk', 'literal-end', 'frame',
    ]);
    const data = streamedData(ev);
    expect(latin1(data.get(1)!)).toBe('hello');
    expect(latin1(data.get(2)!)).toBe('wor\0ld');
    const [f] = framesOf(ev);
    expect(latin1(f.bytes)).toBe('* 1 FETCH (BODY[1] {5}\r\n BODY[2] {2}\r\nhi BINARY[3] ~{6}\r\n)\r\n');
    expect(f.literals.map((l) => l.streamed?.id ?? l.length)).toEqual([1, 2, 2]);
    expect(f.literals[2].binary).toBe(true);
  });

  it('ids go on increasing over frames', () => {
    const ev = run(STREAM, ['* 1 FETCH (RFC822 {5}\r\nhello)\r\n* 2 FETCH (RFC822 {5}\r\nworld)\r\n']);
    expect(ev.filter((e) => e.type === 'literal-start').map((e) => e.type === 'literal-start' && e.id)).toEqual([1, 2]);
  });

  it('for any chunking, chunk events concatenate to the literal bytes and the frames are the same', () => {
    const arb = fc.record({
      lits: fc.array(fc.uint8Array({ minLength: 0, maxLength: 40 }), { minLength: 1, maxLength: 4 }),
      threshold: fc.integer({ min: 0, max: 20 }),
      seed: fc.array(fc.nat(), { maxLength: 12 }),
    });
    fc.assert(
      fc.property(arb, ({ lits, threshold, seed }) => {
        const parts: (string | Uint8Array)[] = ['* 7 FETCH ('];
        lits.forEach((l, k) => parts.push(`${k > 0 ? ' ' : ''}BODY[${k + 1}] {${l.length}}\r\n`, l));
        parts.push(')\r\n* 8 EXISTS\r\n');
        const input = concat(...parts);
        const cuts = [...new Set(seed.map((s) => s % (input.length + 1)))].sort((a, b) => a - b);
        const options: FramerOptions = { side: 'client', streamLiteralsAbove: threshold };
        const whole = feedCut(options, input, []);
        const cut = feedCut(options, input, cuts);
        const expected = lits.filter((l) => l.length > threshold);
        const data = streamedData(cut);
        expect([...data.values()].map((d) => [...d])).toEqual(expected.map((l) => [...l]));
        for (const e of cut) if (e.type === 'literal-chunk') expect(e.bytes.length).toBeGreaterThan(0);
        const view = (evs: FramerEvent[]) => framesOf(evs).map((f) => ({ bytes: latin1(f.bytes), literals: f.literals }));
        expect(view(cut)).toEqual(view(whole));
        expect(errorsOf(cut)).toEqual([]);
        // Nothing of a streamed literal is held by the framer.
        const held = framesOf(cut)[0].bytes.length;
        expect(held).toBe(input.length - expected.reduce((n, l) => n + l.length, 0) - '* 8 EXISTS\r\n'.length);
      }),
      { numRuns: 300 },
    );
  });

  it('a streamed literal does not count toward maxFrameSize or maxLiteralSize', () => {
    const ev = run({ ...STREAM, maxFrameSize: 64, maxLiteralSize: 8 }, ['* 1 FETCH (BODY[] {100}\r\n', 'x'.repeat(100), ')\r\n']);
    expect(errorsOf(ev)).toEqual([]);
    expect(framesOf(ev)).toHaveLength(1);
  });

  it('a streamed literal over maxStreamedLiteralSize is an error; the framer resyncs at the next frame', () => {
    const ev = run({ ...STREAM, maxStreamedLiteralSize: 50 }, ['* 1 FETCH (BODY[] {60}\r\n', 'y'.repeat(60), ')\r\n* 2 EXISTS\r\n']);
    expect(ev.map((e) => e.type)).toEqual(['error', 'frame']);
    expect(errorsOf(ev)[0].code).toBe('literal-too-large');
    expect(latin1(framesOf(ev)[0].bytes)).toBe('* 2 EXISTS\r\n');
  });

  it('buffered literals keep maxLiteralSize while streaming is on', () => {
    const ev = run({ side: 'client', streamLiteralsAbove: 100, maxLiteralSize: 10 }, ['* 1 FETCH (BODY[] {20}\r\n', 'z'.repeat(20), ')\r\n* 2 EXISTS\r\n']);
    expect(ev.map((e) => e.type)).toEqual(['error', 'frame']);
  });

  it('input ending inside a streamed literal is an incomplete error, with no literal-end', () => {
    const ev = run(STREAM, ['* 1 FETCH (BODY[] {10}\r\nabc']);
    expect(ev.map((e) => e.type)).toEqual(['literal-start', 'literal-chunk', 'error']);
    expect(errorsOf(ev)[0].code).toBe('incomplete');
  });

  it('an error later in the frame comes after the literal events, and the next frame is fine', () => {
    const ev = run({ ...STREAM, maxLineLength: 30 }, ['* 1 FETCH (BODY[] {6}\r\nabcdef', ' X'.repeat(20), ')\r\n* 3 EXISTS\r\n']);
    expect(ev.map((e) => e.type)).toEqual(['literal-start', 'literal-chunk', 'literal-end', 'error', 'frame']);
  });

  it('status lines and the server side are not affected', () => {
    expect(run(STREAM, ['* OK [ALERT] text {99}\r\n']).map((e) => e.type)).toEqual(['frame']);
    const f = new Framer({ side: 'server', streamLiteralsAbove: 0 });
    expect(f.streamLiteralsAbove).toBe(Infinity);
    const ev = f.push(bytes('A1 APPEND INBOX {5+}\r\nhello\r\n'));
    expect(ev.map((e) => e.type)).toEqual(['frame']);
  });

  it('rejects a negative threshold', () => {
    expect(() => new Framer({ side: 'client', streamLiteralsAbove: -1 })).toThrow(RangeError);
  });
});
