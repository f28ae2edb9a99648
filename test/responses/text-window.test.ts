import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import { ResponseDecoder } from '../../src/codec/response-decoder.js';
import { parseResponse } from '../../src/codec/parse-response.js';
import type { Response } from '../../src/model/response.js';
import { concat } from '../bytes.js';

// While a ResponseDecoder is inside push(), long status texts are cut out
// of decoded windows of the chunk (wire/text-line.ts). These tests hold
// the values to what parseResponse gives for each line alone, whatever
// lies around the text in the chunk and however the stream is cut.

const te = new TextEncoder();

function decodeAll(d: ResponseDecoder, stream: Uint8Array, cuts: number[]): Response[] {
  const out: Response[] = [];
  let at = 0;
  for (const c of [...cuts, stream.length]) {
    for (const ev of d.push(stream.subarray(at, c))) {
      if (ev.type !== 'response') throw new Error(`unexpected ${ev.type} event`);
      out.push(ev.response);
    }
    at = c;
  }
  for (const ev of d.end()) throw new Error(`unexpected ${ev.type} event at the end`);
  return out;
}

/** Lines with long ASCII texts, next to 8-bit bytes (UTF-8 text, Latin-1 text, a literal) and short texts. */
const LINES: Uint8Array[] = [
  te.encode('A1 OK [READ-WRITE] Select completed (0.001 + 0.000 + 0.001 secs).\r\n'),
  te.encode('* BYE Logging out\r\n'),
  te.encode('A2 NO [TRYCREATE] Mailbox doesn\'t exist: Archive/2001 (0.002 + 0.000 secs).\r\n'),
  te.encode('* OK Grüße aus dem Server, dieser Text ist länger als zweiunddreißig Bytes\r\n'),
  concat([te.encode('* 1 FETCH (UID 5 BODY[] {8}\r\n'), Uint8Array.of(0xe9, 0xff, 0x80, 0x41, 0x42, 0xc3, 0xa9, 0x43), te.encode(')\r\n')]),
  te.encode('A3 BAD Error in IMAP command UID FETCH: Invalid uidset (0.004 + 0.000 secs).\r\n'),
  concat([te.encode('* NO Latin-1 text that runs past thirty-two bytes: caf'), Uint8Array.of(0xe9), te.encode('\r\n')]),
  te.encode('+ Ready for additional command text, which is long enough for a window\r\n'),
  te.encode('A4 OK Fetch completed (0.001 + 0.000 secs).\r\n'),
];

const expected = (line: Uint8Array): Response => parseResponse(line);

describe('ResponseDecoder: texts cut out of decoded windows', () => {
  it('every value equals what parseResponse gives for its line, however the stream is cut', () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 0, max: LINES.length - 1 }), { minLength: 1, maxLength: 60 }),
        fc.array(fc.nat(), { maxLength: 6 }),
        (picks, rawCuts) => {
          const lines = picks.map((k) => LINES[k]);
          const stream = concat(lines);
          const cuts = [...new Set(rawCuts.map((c) => c % (stream.length + 1)))].sort((a, b) => a - b);
          expect(decodeAll(new ResponseDecoder(), stream, cuts)).toEqual(lines.map(expected));
        },
      ),
      { numRuns: 200 },
    );
  });

  it('a stream longer than a window: texts far into a chunk are read right', () => {
    const lines: Uint8Array[] = [];
    for (let i = 0; i < 3000; i++) lines.push(te.encode(`A${i} OK Store completed (0.00${i % 10} + 0.000 secs) for message ${i * 7}.\r\n`));
    const got = decodeAll(new ResponseDecoder(), concat(lines), []);
    expect(got.length).toBe(3000);
    expect(got).toEqual(lines.map(expected));
  });

  it('a chunk buffer the caller refills between pushes gives the new texts, not the old ones', () => {
    const a = te.encode('A1 OK This text is the first one and longer than thirty-two bytes\r\n');
    const b = te.encode('A2 NO That text is another one, also longer than thirty-two bytes\r\n');
    expect(a.length).toBe(b.length);
    const buf = new Uint8Array(a.length);
    const d = new ResponseDecoder();
    buf.set(a);
    const first = d.push(buf);
    buf.set(b);
    const second = d.push(buf);
    expect(first).toEqual([{ type: 'response', response: expected(a) }]);
    expect(second).toEqual([{ type: 'response', response: expected(b) }]);
  });

  it('a text ending where the chunk ends (its CRLF in the next push) is read whole', () => {
    const line = te.encode('A7 OK [APPENDUID 1795652196 4711] Append completed (0.009 + 0.000 + 0.006 secs).\r\n');
    for (let cut = 1; cut < line.length; cut++) {
      expect(decodeAll(new ResponseDecoder(), line, [cut])).toEqual([expected(line)]);
    }
  });
});
