import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import { ResponseDecoder, type ResponseDecoderEvent } from '../../src/codec/response-decoder.js';
import { parseResponse, serializeResponse } from '../../src/codec/parse-response.js';
import { ImapEncodeError } from '../../src/wire/errors.js';
import type { Response } from '../../src/model/response.js';
import type { FetchItem } from '../../src/model/fetch.js';

const te = new TextEncoder();
const latin1 = (b: Uint8Array) => Buffer.from(b.buffer, b.byteOffset, b.length).toString('latin1');

function feed(d: ResponseDecoder, chunks: (string | Uint8Array)[]): ResponseDecoderEvent[] {
  const out: ResponseDecoderEvent[] = [];
  for (const c of chunks) out.push(...d.push(typeof c === 'string' ? te.encode(c) : c.slice()));
  out.push(...d.end());
  return out;
}

function itemsOf(r: Response): FetchItem[] {
  if (r.type !== 'FETCH') throw new Error(`expected FETCH, got ${r.type}`);
  return r.items;
}

function responses(evs: ResponseDecoderEvent[]): Response[] {
  return evs.flatMap((e) => (e.type === 'response' ? [e.response] : []));
}

describe('ResponseDecoder: literal streaming', () => {
  it('BODY[] over the threshold: events in wire order, then a response carrying the handle', () => {
    const d = new ResponseDecoder({ streamLiteralsAbove: 8 });
    const evs = feed(d, ['* 12 FETCH (UID 7 BODY[] {20}\r\n0123456789', 'abcdefghij FLAGS (\\Seen))\r\nA1 OK done\r\n']);
    expect(evs.map((e) => e.type)).toEqual(['literal-start', 'literal-chunk', 'literal-chunk', 'literal-end', 'response', 'response']);
    expect(evs[0]).toMatchObject({ type: 'literal-start', id: 1, length: 20 });
    const data = evs.flatMap((e) => (e.type === 'literal-chunk' ? [latin1(e.bytes)] : [])).join('');
    expect(data).toBe('0123456789abcdefghij');
    const items = itemsOf(responses(evs)[0]);
    expect(items).toEqual([
      { type: 'UID', value: 7 },
      { type: 'BODY[]', section: { part: [] }, value: new Uint8Array(0), streamed: { type: 'streamed', id: 1, length: 20 } },
      { type: 'FLAGS', value: ['\\Seen'] },
    ]);
  });

  it('RFC822, BODY[]<origin>, BINARY[] and literal8 carry handles; small literals stay bytes', () => {
    const d = new ResponseDecoder({ streamLiteralsAbove: 4 });
    const wire =
      '* 1 FETCH (RFC822 {5}\r\nhello BODY[TEXT]<0> {6}\r\nworld! BINARY[1] ~{5}\r\na\0b\0c BINARY[2] {7}\r\nabcdefg RFC822.HEADER {3}\r\nabc)\r\n';
    const evs = feed(d, [wire]);
    const starts = evs.filter((e) => e.type === 'literal-start');
    expect(starts.map((e) => e.type === 'literal-start' && [e.id, e.length])).toEqual([[1, 5], [2, 6], [3, 5], [4, 7]]);
    const items = itemsOf(responses(evs)[0]);
    expect(items).toEqual([
      { type: 'RFC822', value: new Uint8Array(0), streamed: { type: 'streamed', id: 1, length: 5 } },
      { type: 'BODY[]', section: { part: [], text: { type: 'TEXT' } }, origin: 0, value: new Uint8Array(0), streamed: { type: 'streamed', id: 2, length: 6 } },
      { type: 'BINARY[]', part: [1], value: new Uint8Array(0), literal8: true, streamed: { type: 'streamed', id: 3, length: 5 } },
      { type: 'BINARY[]', part: [2], value: new Uint8Array(0), streamed: { type: 'streamed', id: 4, length: 7 } },
      { type: 'RFC822.HEADER', value: te.encode('abc') },
    ]);
  });

  it('without the option, and below the threshold, values equal parseResponse', () => {
    const wire = '* 3 FETCH (BODY[] {12}\r\nhello world!)\r\n';
    for (const options of [{}, { streamLiteralsAbove: 12 }]) {
      const evs = feed(new ResponseDecoder(options), [wire]);
      expect(evs.map((e) => e.type)).toEqual(['response']);
      expect(responses(evs)[0]).toEqual(parseResponse(wire));
    }
  });

  it('for any chunking, chunks concatenate to the literal and the other items equal parseResponse', () => {
    fc.assert(
      fc.property(
        fc.uint8Array({ minLength: 0, maxLength: 300 }),
        fc.integer({ min: 0, max: 200 }),
        fc.array(fc.nat(), { maxLength: 10 }),
        (body, threshold, seed) => {
          const input = Buffer.concat([te.encode(`* 9 FETCH (UID 4 BODY[] {${body.length}}\r\n`), body, te.encode(' FLAGS (\\Seen))\r\n* 2 EXISTS\r\n')]);
          const cuts = [...new Set(seed.map((s) => s % (input.length + 1)))].sort((a, b) => a - b);
          const chunks: Uint8Array[] = [];
          let prev = 0;
          for (const c of [...cuts, input.length]) chunks.push(input.subarray(prev, c)), (prev = c);
          const evs = feed(new ResponseDecoder({ streamLiteralsAbove: threshold }), chunks);
          const [fetch, exists] = responses(evs);
          expect(exists).toEqual({ type: 'EXISTS', count: 2 });
          const expected = itemsOf(parseResponse(input.subarray(0, input.length - 12)));
          if (body.length > threshold) {
            const got = Buffer.concat(evs.flatMap((e) => (e.type === 'literal-chunk' ? [e.bytes] : [])));
            expect([...got]).toEqual([...body]);
            const items = itemsOf(fetch);
            expect(items[1]).toMatchObject({ type: 'BODY[]', streamed: { type: 'streamed', length: body.length } });
            expect([items[0], items[2]]).toEqual([expected[0], expected[2]]);
          } else {
            expect(evs.some((e) => e.type.startsWith('literal'))).toBe(false);
            expect(fetch).toEqual(parseResponse(input.subarray(0, input.length - 12)));
          }
        },
      ),
      { numRuns: 200 },
    );
  });

  it('a streamed item cannot be serialized; other values round-trip', () => {
    const evs = feed(new ResponseDecoder({ streamLiteralsAbove: 2 }), ['* 1 FETCH (BODY[] {3}\r\nabc)\r\n']);
    expect(() => serializeResponse(responses(evs)[0])).toThrow(ImapEncodeError);
    const plain = parseResponse('* 1 FETCH (BODY[] {3}\r\nabc)\r\n');
    expect(latin1(serializeResponse(plain))).toBe('* 1 FETCH (BODY[] {3}\r\nabc)\r\n');
  });

  it('a streamed literal outside message data makes that response an error; the next one is fine', () => {
    const d = new ResponseDecoder({ streamLiteralsAbove: 2 });
    const evs = feed(d, ['* LIST () "/" {30}\r\n', 'x'.repeat(30), '\r\n* 5 EXISTS\r\n']);
    expect(evs.map((e) => e.type)).toEqual(['literal-start', 'literal-chunk', 'literal-end', 'error', 'response']);
    const err = evs.find((e) => e.type === 'error');
    expect(err?.type === 'error' && err.error.expected).toMatch(/streamed literals only as message data/);
  });

  it('even when the bytes after a streamed literal could pass for its data', () => {
    const d = new ResponseDecoder({ streamLiteralsAbove: 2 });
    const evs = feed(d, ['* 1 FETCH (X-ITEM {3}\r\nabc FLAGS (\\Seen \\Answered \\Deleted))\r\n']);
    expect(evs.map((e) => e.type)).toEqual(['literal-start', 'literal-chunk', 'literal-end', 'error']);
  });

  it('a streamed literal over maxStreamedLiteralSize is skipped with an error, and decoding resumes', () => {
    const d = new ResponseDecoder({ streamLiteralsAbove: 10, maxStreamedLiteralSize: 100 });
    const evs = feed(d, ['* 1 FETCH (BODY[] {200}\r\n', 'q'.repeat(200), ')\r\n* 2 FETCH (BODY[] {50}\r\n', 'r'.repeat(50), ')\r\n']);
    expect(evs.map((e) => e.type)).toEqual(['error', 'literal-start', 'literal-chunk', 'literal-end', 'response']);
    const err = evs[0];
    expect(err.type === 'error' && err.error.code).toBe('literal-too-large');
    expect(itemsOf(responses(evs)[0])[0]).toMatchObject({ streamed: { id: 1, length: 50 } });
  });

  it('memory: 1 GiB of 1 MiB BODY[] literals in 64 KiB chunks stays under 64 MB of growth', () => {
    const MiB = 1 << 20;
    const CHUNK = 64 * 1024;
    const MESSAGES = 1024;
    const buf = new Uint8Array(CHUNK);
    for (let i = 0; i < CHUNK; i++) buf[i] = 0x41 + (i % 26);
    const tail = te.encode(' FLAGS (\\Seen))\r\n');
    const d = new ResponseDecoder({ streamLiteralsAbove: 64 * 1024 });
    const m0 = process.memoryUsage();
    let peakRss = m0.rss;
    let peakAb = m0.arrayBuffers;
    let delivered = 0;
    let ended = 0;
    let handles = 0;
    let maxBuffered = 0;
    const take = (evs: ResponseDecoderEvent[]) => {
      for (const e of evs) {
        if (e.type === 'literal-chunk') delivered += e.bytes.length;
        else if (e.type === 'literal-end') ended++;
        else if (e.type === 'response') {
          const body = itemsOf(e.response).find((x) => x.type === 'BODY[]');
          if (body?.type === 'BODY[]' && body.streamed?.length === MiB) handles++;
        } else if (e.type === 'error') throw e.error;
      }
      maxBuffered = Math.max(maxBuffered, d.bufferedBytes);
    };
    for (let n = 1; n <= MESSAGES; n++) {
      // The header shares its chunk with the first data bytes, as on a socket.
      const head = te.encode(`* ${n} FETCH (UID ${n} BODY[] {${MiB}}\r\n`);
      const first = new Uint8Array(head.length + 100);
      first.set(head);
      first.set(buf.subarray(0, 100), head.length);
      take(d.push(first));
      let left = MiB - 100;
      while (left > 0) {
        const k = Math.min(left, CHUNK);
        take(d.push(k === CHUNK ? buf : buf.subarray(0, k)));
        left -= k;
      }
      take(d.push(tail));
      if (n % 32 === 0) {
        const m = process.memoryUsage();
        peakRss = Math.max(peakRss, m.rss);
        peakAb = Math.max(peakAb, m.arrayBuffers);
      }
    }
    take(d.end());
    expect(delivered).toBe(MESSAGES * MiB);
    expect(ended).toBe(MESSAGES);
    expect(handles).toBe(MESSAGES);
    expect(maxBuffered).toBeLessThan(1024);
    expect(peakRss - m0.rss).toBeLessThan(64 * MiB);
    expect(peakAb - m0.arrayBuffers).toBeLessThan(64 * MiB);
  });
});
