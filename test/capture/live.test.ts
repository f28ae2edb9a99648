/**
 * A fresh capture, every run: test/capture/record.sh records mbsync
 * (COMPRESS=DEFLATE) and fetchmail against the project's Dovecot with
 * tcpdump, and the readers must find exactly those sessions in it.
 *
 * Outside CI the suite is skipped (with a message) where the server or a
 * recording tool is missing; with CI=true that is an error.
 */
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { readCapture, readRawlogPair, decodeConversation, type ConversationEvent } from '../../src/capture/index.js';
import { Checker } from '../../src/session/checker.js';
import { nodeInflater } from './conversation-helpers.js';
import { cannotRunReason, startDovecot, stopDovecot, dovecotLog, type DovecotServer } from '../realserver/server.js';
import { notices, streams } from './helpers.js';

const HERE = path.dirname(fileURLToPath(import.meta.url));
const TOOLS = ['tcpdump', 'tcpflow', 'mbsync', 'fetchmail'];

function missingTools(): string[] {
  return TOOLS.filter((t) => !['/usr/bin', '/usr/sbin', '/bin', '/sbin'].some((d) => existsSync(path.join(d, t))));
}

const reason = cannotRunReason() ?? (missingTools().length > 0 ? `not installed: ${missingTools().join(', ')} (apt-get install tcpdump tcpflow isync fetchmail)` : undefined);
if (reason !== undefined) {
  if (process.env.CI === 'true') throw new Error(`live capture tests cannot run in CI: ${reason}`);
  console.warn(`[capture] live recording tests SKIPPED: ${reason}`);
}

describe.skipIf(reason !== undefined)('a capture recorded now with tcpdump against the test Dovecot', () => {
  let server: DovecotServer;
  let out: string;

  beforeAll(async () => {
    server = await startDovecot();
    out = mkdtempSync(path.join(tmpdir(), 'imapwire-capture-'));
    try {
      execFileSync('bash', [path.join(HERE, 'record.sh'), out, 'mbsync', 'fetchmail'], {
        env: { ...process.env, IMAP_PORT: String(server.port), DOVECOT_DIR: server.dir },
        stdio: ['ignore', 'pipe', 'pipe'],
        timeout: 120_000,
      });
    } catch (e) {
      throw new Error(`record.sh failed: ${(e as { stderr?: Buffer }).stderr?.toString() ?? e}\n${dovecotLog(server)}`);
    }
  }, 180_000);

  afterAll(() => {
    if (server !== undefined) stopDovecot(server);
    if (out !== undefined) rmSync(out, { recursive: true, force: true });
  });

  for (const client of ['mbsync', 'fetchmail']) {
    it(`${client}: one IMAP session on the server's port, complete, in each form`, () => {
      const pcap = readFileSync(path.join(out, `${client}.pcap`));
      const events = readCapture(pcap, { ports: [server.port] });
      expect(notices(events)).toEqual([]);
      const sessions = [...streams(events).values()].filter((s) => s.client.includes('LOGIN'));
      expect(sessions).toHaveLength(1);
      const [s] = sessions;
      expect(s.info).toMatchObject({ reason: 'port', server: { address: '127.0.0.1', port: server.port } });
      expect(s.server).toMatch(/^\* OK \[CAPABILITY [^\r]*\] Dovecot ready\.\r\n/);
      expect(s.gaps).toEqual([]);
      if (client === 'mbsync') expect(s.client).toMatch(/^\S+ COMPRESS DEFLATE\r\n/m);
      else expect(s.client).toMatch(/LOGOUT\r\n$/);

      const flow = [...streams(readCapture(readFileSync(path.join(out, `${client}.tcpflow.txt`)), { ports: [server.port] })).values()].find((t) => t.info.id === s.info.id)!;
      const printed = (x: string): string => x.replace(/[^\x20-\x7e\r\n]/g, '.');
      expect([flow.client, flow.server]).toEqual([printed(s.client), printed(s.server)]);
      const exact = [...streams(readCapture(readFileSync(path.join(out, `${client}.tcpflow-B.txt`)), { ports: [server.port] })).values()].find((t) => t.info.id === s.info.id)!;
      expect([exact.client, exact.server]).toEqual([s.client, s.server]);

      const raw = [...streams(readRawlogPair(readFileSync(path.join(out, `${client}.rawlog.in`)), readFileSync(path.join(out, `${client}.rawlog.out`)))).values()][0];
      expect(raw.client.length).toBeGreaterThan(0);
      expect(s.client.endsWith(raw.client)).toBe(true);
      expect(s.server.endsWith(raw.server)).toBe(true);
    });

    it(`${client}: the recording validates strictly and checks clean on both sides`, async () => {
      const checker = new Checker();
      const findings = [];
      const events: ConversationEvent[] = [];
      const pcap = new Uint8Array(readFileSync(path.join(out, `${client}.pcap`)));
      for await (const ev of decodeConversation(pcap, { capture: { ports: [server.port] }, inflater: nodeInflater, validate: {} })) {
        events.push(ev);
        findings.push(...checker.push(ev));
      }
      findings.push(...checker.end());
      expect(events.filter((e) => e.type === 'response').length).toBeGreaterThan(10);
      expect(events.filter((e) => e.type === 'error' || ((e.type === 'command' || e.type === 'response') && e.violation !== undefined))).toEqual([]);
      expect(findings.map((f) => `${f.side}:${f.rule} ${f.message}`)).toEqual([]);
      const session = checker.summaries().find((x) => checker.tracker(x.connection)?.greeted === true);
      expect(session?.notChecked).toEqual([]);
      expect(checker.tracker(session!.connection)!.state).toBe('logout');
    });
  }
});
