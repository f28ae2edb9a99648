/**
 * The text forms: C:/S: and Client:/Server: transcripts, tcpflow -c
 * output, Dovecot rawlogs, raw one-direction streams; and format detection.
 */
import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import { chunk } from '../bytes.js';
import {
  CaptureReader, RawlogReader, RawStreamReader, TcpflowReader, TranscriptReader, detectCaptureFormat, readCapture, readRawlogPair, type StreamEvent,
} from '../../src/capture/index.js';
import { enc, notices, only, sessionPcap, streams } from './helpers.js';

function read(reader: { push(c: Uint8Array): StreamEvent[]; end(): StreamEvent[] }, text: string | Uint8Array): StreamEvent[] {
  return [...reader.push(typeof text === 'string' ? enc(text) : text), ...reader.end()];
}

describe('C:/S: transcripts (RFC style)', () => {
  it('reads each side with CRLF line ends, indented as in RFC 9051 §8, skipping prose', () => {
    const text = [
      'Example 1:',
      '',
      '   S: * OK IMAP4rev2 server ready',
      '   C: A001 LOGIN SMITH SESAME',
      '   S:   A001 OK LOGIN completed',
      'C: a2 NOOP\r',
    ].join('\n');
    const events = read(new TranscriptReader({ name: 'rfc' }), text);
    const s = only(events);
    expect(s.info).toEqual({ id: 'rfc', reason: 'transcript' });
    expect(s.server).toBe('* OK IMAP4rev2 server ready\r\nA001 OK LOGIN completed\r\n');
    expect(s.client).toBe('A001 LOGIN SMITH SESAME\r\na2 NOOP\r\n');
    expect(notices(events)).toEqual(['2 lines with no C:/S: prefix (prose, blank lines) skipped']);
  });

  it('keeps the spaces of literal lines after a {N} (only the one after the prefix goes)', () => {
    const text = 'S: * 1 FETCH (BODY[] {14}\nS:   indented\nS: )\nS: a1 OK\n';
    expect(only(read(new TranscriptReader(), text)).server).toBe('* 1 FETCH (BODY[] {14}\r\n  indented\r\n)\r\na1 OK\r\n');
  });
});

describe('Client:/Server: transcripts (book style)', () => {
  it('joins lines at a trailing backslash, takes indented lines as the same side, and marks the connection lossy', () => {
    const text = [
      'Server: * OK ready',
      'Client: a1 FETCH 1 (FLAGS \\',
      '        BODY[HEADER])',
      'Server: * 1 FETCH (FLAGS (\\Seen) BODY[HEADER] {20}',
      '        Subject: hi',
      '',
      '        )',
      'Server: a1 OK done',
      'Some prose the book put here.',
    ].join('\n');
    const s = only(read(new TranscriptReader({ format: 'book' }), text));
    expect(s.info.lossy).toBe(true);
    expect(s.client).toBe('a1 FETCH 1 (FLAGS BODY[HEADER])\r\n');
    expect(s.server).toBe('* OK ready\r\n* 1 FETCH (FLAGS (\\Seen) BODY[HEADER] {20}\r\nSubject: hi\r\n)\r\na1 OK done\r\n');
  });
});

describe('tcpflow -c output', () => {
  it('reads both directions of several connections, the line feed tcpflow adds taken off', () => {
    const text =
      '127.000.000.001.00143-127.000.000.001.50000: * OK hi\r\n\n' +
      '010.000.000.005.01143-010.000.000.009.40000: * PREAUTH other\r\n\n' +
      '127.000.000.001.50000-127.000.000.001.00143: a1 LOGIN x {3}\r\n\n' +
      '127.000.000.001.00143-127.000.000.001.50000: + go\r\n\n' +
      '127.000.000.001.50000-127.000.000.001.00143: abc\n' +
      '127.000.000.001.50000-127.000.000.001.00143: \r\n\n' +
      '127.000.000.001.00143-127.000.000.001.50000: * 1 FETCH (BODY[] {9}\r\nline\none\r\n)\r\na1 OK\r\n\n' +
      '::1.00143-::1.50001: * BYE v6\r\n\n';
    const m = streams(read(new TcpflowReader(), text));
    expect([...m.keys()]).toEqual(['127.0.0.1:50000-127.0.0.1:143', '10.0.0.9:40000-10.0.0.5:1143', '[::1]:50001-[::1]:143']);
    const a = m.get('127.0.0.1:50000-127.0.0.1:143')!;
    expect(a.server).toBe('* OK hi\r\n+ go\r\n* 1 FETCH (BODY[] {9}\r\nline\none\r\n)\r\na1 OK\r\n');
    expect(a.client).toBe('a1 LOGIN x {3}\r\nabc\r\n');
    expect(m.get('10.0.0.9:40000-10.0.0.5:1143')!.info.reason).toBe('greeting');
  });

  it('gives the same bytes as the pcap tcpflow read', () => {
    const file = sessionPcap();
    const fromPcap = [...streams(readCapture(file)).values()].map((s) => [s.client, s.server]);
    // What tcpflow -c prints for this capture, one prefix per segment.
    let text = '';
    for (const e of readCapture(file)) {
      if (e.type !== 'data') continue;
      const [src, dst] = e.direction === 'server' ? ['010.000.000.001.00143', '010.000.000.002.50123'] : ['010.000.000.002.50123', '010.000.000.001.00143'];
      text += `${src}-${dst}: ${new TextDecoder('latin1').decode(e.bytes)}\n`;
    }
    fc.assert(
      fc.property(fc.array(fc.nat(text.length), { maxLength: 10 }), (cuts) => {
        const r = new TcpflowReader();
        const events = [...chunk(enc(text), cuts).flatMap((c) => r.push(c)), ...r.end()];
        expect([...streams(events).values()].map((s) => [s.client, s.server])).toEqual(fromPcap);
      }),
      { numRuns: 40 },
    );
  });

  it('skips flows with no IMAP port and no greeting, with a notice', () => {
    const events = read(new TcpflowReader(), '010.000.000.002.40000-010.000.000.001.00080: GET / HTTP/1.1\r\n\n');
    expect(streams(events).size).toBe(0);
    expect(notices(events)).toContain('no IMAP connection found in the tcpflow output');
  });
});

describe('Dovecot rawlogs', () => {
  const IN = '1764547200.100000 a1 LOGIN alice x\r\n1764547200.300000 a2 FETCH 1 BODY[]\r\n';
  const OUT = '1764547200.000000 * OK ready\r\n1764547200.200000 a1 OK\r\n1764547200.400000 * 1 FETCH (BODY[] {7}\r\n1764547200.400000 a\r\n1764547200.400000 b\r\n1764547200.400000 )\r\n';

  it('takes the timestamps off every line and puts a pair in time order', () => {
    const events = readRawlogPair(enc(IN), enc(OUT), { name: 'x.in' });
    const s = only(events);
    expect(s.info).toEqual({ id: 'x', reason: 'transcript' });
    expect(s.client).toBe('a1 LOGIN alice x\r\na2 FETCH 1 BODY[]\r\n');
    expect(s.server).toBe('* OK ready\r\na1 OK\r\n* 1 FETCH (BODY[] {7}\r\na\r\nb\r\n)\r\n');
    const order = events.flatMap((e) => (e.type === 'data' ? [`${e.direction[0]}${e.time}`] : []));
    expect(order.slice(0, 4)).toEqual(['s1764547200', 'c1764547200.1', 's1764547200.2', 'c1764547200.3']);
  });

  it('reads one file by its name (.in = client, .out = server), or both through pushDirection', () => {
    expect(only(read(new RawlogReader({ name: 'a.out' }), OUT)).server).toContain('* OK ready\r\n');
    expect(only(read(new RawlogReader({ name: 'a.in' }), IN)).client).toBe('a1 LOGIN alice x\r\na2 FETCH 1 BODY[]\r\n');
    const r = new RawlogReader();
    const s = only([...r.pushDirection('server', enc(OUT)), ...r.pushDirection('client', enc(IN)), ...r.end()]);
    expect(s.client.length + s.server.length).toBe(IN.length + OUT.length - 8 * 18);
  });

  it('reads a file of both sides (I:/O: records), a long line cut with > joined again', () => {
    const text = '1764547200.000000 O: * OK ready\r\n1764547200.100000 I> a1 LOGIN1764547200.100001 I: "alice" x\r\n1764547200.200000 O: a1 OK\r\n';
    const s = only(read(new RawlogReader(), text));
    expect(s.client).toBe('a1 LOGIN"alice" x\r\n');
    expect(s.server).toBe('* OK ready\r\na1 OK\r\n');
  });

  it('without timestamps: each side whole, with a notice that the order is lost', () => {
    const events = readRawlogPair(enc('a1 NOOP\r\n'), enc('* OK hi\r\na1 OK\r\n'));
    expect(only(events).client).toBe('a1 NOOP\r\n');
    expect(notices(events).join()).toMatch(/no timestamps/);
  });
});

describe('raw one-direction streams', () => {
  it('takes * or + at the start for the server, anything else for the client; or the direction given', () => {
    expect(only(read(new RawStreamReader(), '* OK hi\r\n* 1 EXISTS\r\n')).server).toBe('* OK hi\r\n* 1 EXISTS\r\n');
    expect(only(read(new RawStreamReader(), '+ go ahead\r\n')).server).toBe('+ go ahead\r\n');
    expect(only(read(new RawStreamReader(), 'a1 LOGIN x y\r\n')).client).toBe('a1 LOGIN x y\r\n');
    const named = only(read(new RawStreamReader({ direction: 'server', name: 'log' }), 'a1 OK\r\n'));
    expect([named.server, named.info]).toEqual(['a1 OK\r\n', { id: 'log', reason: 'named' }]);
  });

  it('holds only the first line until the direction is known', () => {
    const r = new RawStreamReader();
    expect(r.push(enc('* OK'))).toEqual([]);
    expect(r.heldBytes()).toBe(4);
    const s = only([...r.push(enc(' hi\r\nmore')), ...r.end()]);
    expect(s.server).toBe('* OK hi\r\nmore');
    expect(r.heldBytes()).toBe(0);
  });
});

describe('detectCaptureFormat and CaptureReader', () => {
  const cases: [string, string | number[], string?][] = [
    ['pcap', [0xd4, 0xc3, 0xb2, 0xa1]],
    ['pcap', [0xa1, 0xb2, 0x3c, 0x4d]],
    ['pcapng', [0x0a, 0x0d, 0x0d, 0x0a]],
    ['transcript', '\n   C: a1 NOOP\n'],
    ['book', 'Server: * OK hi\n'],
    ['tcpflow', '127.000.000.001.00143-127.000.000.001.50000: * OK\r\n'],
    ['tcpflow', '::1.00143-::1.50001: * OK\r\n'],
    ['rawlog', '1764547200.000000 * OK\r\n'],
    ['rawlog', 'binary\x00\x01', 'x.in'],
    ['raw', '* OK hi\r\n'],
  ];
  for (const [format, head, name] of cases) {
    it(`${JSON.stringify(head).slice(0, 40)} is ${format}`, () => {
      const bytes = typeof head === 'string' ? enc(head) : Uint8Array.from(head);
      expect(detectCaptureFormat(bytes, name)).toBe(format);
    });
  }

  it('is undefined for binary noise and empty input', () => {
    expect(detectCaptureFormat(Uint8Array.from([1, 2, 0, 0, 5, 6]))).toBeUndefined();
    expect(detectCaptureFormat(new Uint8Array(0))).toBeUndefined();
  });

  it('CaptureReader dispatches text forms pushed in small chunks', () => {
    const text = 'S: * OK hi\nC: a1 LOGOUT\nS: * BYE\nS: a1 OK\n';
    const r = new CaptureReader({ name: 'session.txt' });
    const events = [...chunk(enc(text), [3, 9, 20]).flatMap((c) => r.push(c)), ...r.end()];
    expect(r.format).toBe('transcript');
    expect(only(events).client).toBe('a1 LOGOUT\r\n');
  });

  it('a line longer than limits.maxLineBytes comes in pieces, nothing lost, memory bounded', () => {
    const long = 'x'.repeat(10_000);
    const r = new CaptureReader({ format: 'transcript', limits: { maxLineBytes: 1000 } });
    let peak = 0;
    const events: StreamEvent[] = [];
    for (const c of chunk(enc(`C: a1 APPEND ${long}\nS: a1 OK\n`), Array.from({ length: 30 }, (_, i) => i * 400))) {
      events.push(...r.push(c));
      peak = Math.max(peak, r.heldBytes());
    }
    events.push(...r.end());
    expect(peak).toBeLessThanOrEqual(1000);
    expect(only(events).client).toBe(`a1 APPEND ${long}\r\n`);
  });
});
