/**
 * The example captures shipped in examples/captures/ (recorded by
 * test/capture/record.sh against the project's Dovecot): each form of one
 * session gives the same bytes.
 */
import { describe, it, expect } from 'vitest';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import path from 'node:path';
import { readCapture, readRawlogPair } from '../../src/capture/index.js';
import { notices, streams, type Streams } from './helpers.js';

const DIR = path.join(path.dirname(fileURLToPath(import.meta.url)), '../../examples/captures');
const file = (name: string): Uint8Array => readFileSync(path.join(DIR, name));

/** The connections that carried data (a capture may hold the tail of an earlier one). */
function sessions(name: string): Streams[] {
  const events = readCapture(file(name), { name });
  expect(notices(events)).toEqual([]);
  return [...streams(events).values()].filter((s) => s.client.length > 0);
}

describe('examples/captures', () => {
  for (const client of ['mbsync', 'fetchmail']) {
    it(`${client}: the pcap holds one IMAP session, found by its greeting (port ${readFileSync(path.join(DIR, 'PORT'), 'utf8').trim()})`, () => {
      const [s, ...rest] = sessions(`${client}.pcap`);
      expect(rest).toEqual([]);
      expect(s.info.reason).toBe('greeting');
      expect(s.server.startsWith('* OK [CAPABILITY')).toBe(true);
      expect(s.gaps).toEqual([]);
      expect(s.closes).toEqual(expect.arrayContaining(['client', 'server']));
    });

    it(`${client}: tcpflow -c output gives the same two streams as the pcap (tcpflow prints bytes other than ASCII text, CR and LF as '.')`, () => {
      const [p] = sessions(`${client}.pcap`);
      const [t, ...rest] = sessions(`${client}.tcpflow.txt`);
      expect(rest).toEqual([]);
      expect(t.info.id).toBe(p.info.id);
      const printed = (s: string): string => s.replace(/[^\x20-\x7e\r\n]/g, '.');
      expect(t.client).toBe(printed(p.client));
      expect(t.server).toBe(printed(p.server));
      if (client === 'fetchmail') expect(t.server).toBe(p.server);
    });

    it(`${client}: Dovecot's post-login rawlog is the tail of the pcap's streams`, () => {
      const [p] = sessions(`${client}.pcap`);
      const events = readRawlogPair(file(`${client}.rawlog.in`), file(`${client}.rawlog.out`), { name: client });
      expect(notices(events)).toEqual([]);
      const [r] = [...streams(events).values()];
      expect(r.client.length).toBeGreaterThan(0);
      expect(p.client.endsWith(r.client)).toBe(true);
      expect(p.server.endsWith(r.server)).toBe(true);
      expect(r.server).toMatch(/^\S+ OK .*Logged in/);
    });
  }

  it('mbsync negotiates COMPRESS=DEFLATE: after the tagged OK, both directions are deflate bytes', () => {
    const [s] = sessions('mbsync.pcap');
    const m = /^(\S+) COMPRESS DEFLATE\r\n/m.exec(s.client);
    expect(m).not.toBeNull();
    const ok = new RegExp(`^${m![1]} OK[^\\r]*\\r\\n`, 'm').exec(s.server);
    expect(ok).not.toBeNull();
    const after = s.server.slice(ok!.index + ok![0].length);
    expect(after.length).toBeGreaterThan(0);
    expect(after).not.toMatch(/^\* /);
  });

  it('fetchmail: the C:/S: transcript has the same lines as the pcap', () => {
    const [p] = sessions('fetchmail.pcap');
    const [t] = [...streams(readCapture(file('fetchmail.transcript.txt'), { name: 'fetchmail.transcript.txt' })).values()];
    expect(t.info.reason).toBe('transcript');
    expect(t.client).toBe(p.client);
    expect(t.server).toBe(p.server);
  });
});
