import { test, expect } from 'vitest';
import { ResponseDecoder, type ResponseDecoderEvent } from '../../src/codec/response-decoder.js';
import { parseResponse } from '../../src/codec/parse-response.js';
import { ImapParseError } from '../../src/wire/errors.js';

const te = new TextEncoder();

function feed(d: ResponseDecoder, ...chunks: string[]): ResponseDecoderEvent[] {
  const out: ResponseDecoderEvent[] = [];
  for (const c of chunks) out.push(...d.push(te.encode(c)));
  return out;
}

test('events come in wire order, split anywhere', () => {
  const d = new ResponseDecoder();
  expect(feed(d, '* 3 EXI')).toEqual([]);
  const ev = feed(d, 'STS\r\n* LIST () "/" {3}\r\nf', 'oo\r\nA1 OK done\r\n');
  expect(ev).toEqual([
    { type: 'response', response: { type: 'EXISTS', count: 3 } },
    { type: 'response', response: { type: 'LIST', attributes: [], delimiter: '/', mailbox: 'foo' } },
    { type: 'response', response: { type: 'tagged', tag: 'A1', status: 'OK', text: 'done' } },
  ]);
  expect(d.end()).toEqual([]);
});

test('a bad frame is an error event and decoding goes on', () => {
  const d = new ResponseDecoder();
  const ev = feed(d, '* 1 EXISTS\r\n* 1 FETCH (UID x)\r\n* 2 EXISTS\r\n');
  expect(ev.map((e) => e.type)).toEqual(['response', 'error', 'response']);
  const err = (ev[1] as { error: ImapParseError }).error;
  expect(err).toBeInstanceOf(ImapParseError);
  expect(err.offset).toBe(12 + 15);
  expect(err.tag).toBe('*');
});

test('warnings ride on the response event and reach onWarning', () => {
  const seen: string[] = [];
  const d = new ResponseDecoder({ onWarning: (w) => seen.push(w.name) });
  const ev = feed(d, 'A1 OK [READ-WRITE]\r\n+\r\n');
  expect(ev).toEqual([
    { type: 'response', response: { type: 'tagged', tag: 'A1', status: 'OK', code: { type: 'READ-WRITE' }, text: '' }, warnings: [{ name: 'missing-text', offset: 18 }] },
    { type: 'response', response: { type: 'continue', text: '' }, warnings: [{ name: 'bare-continuation', offset: 21 }] },
  ]);
  expect(seen).toEqual(['missing-text', 'bare-continuation']);
});

test('strict decoder refuses quirks as error events', () => {
  const d = new ResponseDecoder({ strict: true });
  const ev = feed(d, '+\r\n* 1 EXISTS\n* 2 EXISTS\r\n');
  expect(ev.map((e) => e.type)).toEqual(['error', 'error', 'response']);
});

test('end() with an unfinished frame gives an incomplete error', () => {
  const d = new ResponseDecoder();
  feed(d, '* LIST () "/" {10}\r\nabc');
  const ev = d.end();
  expect(ev).toHaveLength(1);
  expect(ev[0].type).toBe('error');
  expect((ev[0] as { error: ImapParseError }).error.code).toBe('incomplete');
});

test('limits apply to the stream', () => {
  const d = new ResponseDecoder({ maxLineLength: 20 });
  const ev = feed(d, '* SEARCH 1 2 3 4 5 6 7 8 9 10 11\r\n* 1 EXISTS\r\n');
  expect(ev.map((e) => e.type)).toEqual(['error', 'response']);
  expect((ev[0] as { error: ImapParseError }).error.code).toBe('line-too-long');
});

test('the same values as parseResponse, one byte at a time', () => {
  const frames = ['* OK [CAPABILITY IMAP4rev2 IDLE] hi\r\n', '* 12 FETCH (UID 5 FLAGS (\\Seen))\r\n', '* XUNKNOWN {2}\r\nab 7\r\n', 'A9 NO [TRYCREATE] no\r\n'];
  const all = te.encode(frames.join(''));
  const d = new ResponseDecoder();
  const ev: ResponseDecoderEvent[] = [];
  for (let i = 0; i < all.length; i++) ev.push(...d.push(all.subarray(i, i + 1)));
  ev.push(...d.end());
  expect(ev.map((e) => (e.type === 'response' ? e.response : e.type === 'error' ? e.error : e))).toEqual(frames.map((f) => parseResponse(f)));
});

test('push() takes a string as its UTF-8 bytes; anything else is a TypeError', () => {
  const d = new ResponseDecoder();
  expect(d.push('* LIST () "/" "Entw')).toEqual([]);
  expect(d.push('ürfe"\r\n')).toEqual([{ type: 'response', response: { type: 'LIST', attributes: [], delimiter: '/', mailbox: 'Entwürfe' } }]);
  for (const bad of [7, null, undefined, { length: 3 }, ['* 1 EXISTS\r\n']]) {
    expect(() => d.push(bad as unknown as Uint8Array)).toThrow(TypeError);
  }
  expect(d.push(te.encode('* 1 EXISTS\r\n'))).toEqual([{ type: 'response', response: { type: 'EXISTS', count: 1 } }]);
});

test('a capability list read again gives the same atoms in a new array, and its quirks again', () => {
  const d = new ResponseDecoder();
  const line = '* CAPABILITY IMAP4rev1 IDLE SORT AUTH=PLAIN\r\n';
  const [a, b] = feed(d, line, line);
  expect(a).toEqual(b);
  if (a.type !== 'response' || b.type !== 'response' || a.response.type !== 'CAPABILITY' || b.response.type !== 'CAPABILITY') throw new Error('not CAPABILITY');
  expect(a.response.capabilities).toEqual(['IMAP4rev1', 'IDLE', 'SORT', 'AUTH=PLAIN']);
  expect(a.response.capabilities).not.toBe(b.response.capabilities);
  a.response.capabilities.push('X');
  const [c] = feed(d, line);
  expect(c).toEqual(b);
  // The same atoms before a trailing space, in a response code, then with an 8-bit byte: each read as such.
  const evs = feed(d, '* CAPABILITY IMAP4rev1 IDLE SORT AUTH=PLAIN \r\n', '* OK [CAPABILITY IMAP4rev1 IDLE SORT AUTH=PLAIN] hi\r\n', '* CAPABILITY IMAP4rev1 IDLE SORT AUTH=PLAIN\xe9\r\n');
  expect(evs.map((e) => (e.type === 'response' ? e.warnings?.map((w) => w.name) : e.type))).toEqual([['trailing-space'], undefined, ['8bit-atom']]);
  expect(evs[1]).toEqual({ type: 'response', response: { type: 'OK', code: { type: 'CAPABILITY', capabilities: ['IMAP4rev1', 'IDLE', 'SORT', 'AUTH=PLAIN'] }, text: 'hi' } });
  const strict = new ResponseDecoder({ strict: true });
  expect(feed(strict, line)[0]).toEqual(b);
  expect(feed(strict, '* CAPABILITY IMAP4rev1 IDLE SORT AUTH=PLAIN \r\n')[0].type).toBe('error');
});

test('one reader serves every frame: no tag, warning or nesting carries over from a refused frame', () => {
  const d = new ResponseDecoder();
  const evs = feed(d, 'A1 OK [x\r\n', '* 1 FETCH (FLAGS ((((\r\n', '* 2 EXISTS \r\n', '* THREAD (1 (2 (3\r\n', '* THREAD (4)(5 6)\r\n', '* 3 EXISTS\r\n');
  expect(evs[0]).toMatchObject({ type: 'response', response: { type: 'tagged', tag: 'A1', text: '[x' } });
  expect(evs[1].type).toBe('error');
  expect(evs[2]).toEqual({ type: 'response', response: { type: 'EXISTS', count: 2 }, warnings: [{ name: 'trailing-space', offset: expect.any(Number) }] });
  expect(evs[3].type).toBe('error');
  expect(evs[4]).toEqual({ type: 'response', response: { type: 'THREAD', threads: [{ ids: [4], children: [] }, { ids: [5, 6], children: [] }] } });
  expect(evs[5]).toEqual({ type: 'response', response: { type: 'EXISTS', count: 3 } });
});
