/**
 * `imapwire run` against the project's Dovecot (test/realserver): the
 * built-in tour passes clean, a script with a wrong expectation fails with
 * status 1 and says what differed, a script's captured variables are
 * reused, --starttls and --tls work against its self-signed certificate,
 * IDLE lasts a moment before DONE, and a broken fake server's faults are
 * blamed on the server.
 */
import { describe, test, expect, beforeAll, afterAll } from 'vitest';
import net from 'node:net';
import { writeFileSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { startDovecot, stopDovecot, cannotRunReason, dovecotLog, type DovecotServer } from '../realserver/server.js';
import { imapwire, tempDir, oneSentence } from './run.js';

const reason = cannotRunReason();
if (reason !== undefined) {
  if (process.env.CI === 'true') throw new Error(`imapwire run tests cannot run in CI: ${reason}`);
  console.warn(`[run] imapwire run tests against Dovecot SKIPPED: ${reason}`);
}
const T = 120_000;
const dir = tempDir('run');

describe.skipIf(reason !== undefined)('imapwire run against Dovecot', () => {
  let server: DovecotServer;
  beforeAll(async () => {
    server = await startDovecot();
  }, T);
  afterAll(() => {
    if (server !== undefined) stopDovecot(server);
  });
  const connect = () => `127.0.0.1:${server.port}`;
  const env = { ALICE_PW: 'alicepw' };

  test('the built-in tour passes clean', async () => {
    const save = join(dir, 'tour.transcript');
    const r = await imapwire(['run', '--connect', connect(), '--user', 'alice', '--password-env', 'ALICE_PW', '--format', 'json', '--save', save], { env });
    const findings = r.stdout.toString('utf8').split('\n').filter((l) => l !== '').map((l) => JSON.parse(l) as { rule?: string; message?: string });
    expect(findings.filter((f) => f.rule !== undefined), `${r.stderr}\n${dovecotLog(server)}`).toEqual([]);
    expect(r.code).toBe(0);
    const transcript = readFileSync(save, 'utf8');
    for (const c of ['AUTHENTICATE PLAIN', 'SELECT INBOX', 'APPEND', 'IDLE', 'DONE', 'EXPUNGE', 'DELETE', 'LOGOUT']) expect(transcript).toContain(c);
    // The password is not in the report.
    expect(r.stdout.toString('utf8')).not.toContain('alicepw');
  }, T);

  test('a script with captured variables; a wrong expectation fails with status 1 and says what differed', async () => {
    const good = join(dir, 'good.script');
    writeFileSync(good, [
      'S: * OK ...',
      'C: a1 LOGIN $user $password',
      'S: a1 OK',
      'C: a2 SELECT INBOX',
      'S: * $n EXISTS',
      'S: * FLAGS $',
      'S: ! * NO ...',
      'S: a2 OK [READ-WRITE]',
      'C: a3 STATUS INBOX (MESSAGES)',
      'S: * STATUS INBOX (MESSAGES $n)',
      'S: a3 OK',
      'C: a4 LOGOUT',
      'S: * BYE ...',
      'S: a4 OK',
      '',
    ].join('\n'));
    const ok = await imapwire(['run', '--connect', connect(), '--user', 'alice', '--password-env', 'ALICE_PW', good], { env });
    expect(ok.stdout.toString('utf8') + ok.stderr).not.toContain('script/expectation');
    expect(ok.code).toBe(0);

    const bad = join(dir, 'bad.script');
    writeFileSync(bad, ['C: a1 LOGIN $user $password', 'S: a1 OK', 'C: a2 SELECT INBOX', 'S: * 999999 EXISTS', 'S: a2 OK [READ-ONLY]', 'C: a3 LOGOUT', 'S: a3 OK', ''].join('\n'));
    const r = await imapwire(['run', '--connect', connect(), '--user', 'alice', '--password-env', 'ALICE_PW', '--format', 'json', bad], { env });
    expect(r.code).toBe(1);
    const diffs = r.stdout.toString('utf8').split('\n').filter((l) => l.includes('script/expectation')).map((l) => JSON.parse(l) as { message: string; rfc: string });
    expect(diffs.map((d) => d.rfc)).toEqual([`${bad}:4`, `${bad}:5`]);
    expect(diffs[0].message).toMatch(/expected "S: \* 999999 EXISTS", got "\* \d+ EXISTS"/);
    expect(diffs[1].message).toMatch(/got "a2 OK \[READ-WRITE\]/);
  }, T);
});

describe.skipIf(reason !== undefined)('imapwire run over TLS against Dovecot (self-signed certificate)', () => {
  let server: DovecotServer;
  beforeAll(async () => {
    server = await startDovecot({ ssl: true });
  }, T);
  afterAll(() => {
    if (server !== undefined) stopDovecot(server);
  });
  const env = { ALICE_PW: 'alicepw', IMAPWIRE_TLS_INSECURE: '1' };
  const rules = (stdout: Buffer): unknown[] => stdout.toString('utf8').split('\n').filter((l) => l.includes('"rule"'));

  test('--starttls: STARTTLS first, then the tour over TLS checks clean', async () => {
    const save = join(dir, 'starttls.transcript');
    const r = await imapwire(['run', '--connect', `127.0.0.1:${server.port}`, '--starttls', '--user', 'alice', '--password-env', 'ALICE_PW', '--format', 'json', '--save', save], { env });
    expect(rules(r.stdout), `${r.stderr}\n${dovecotLog(server)}`).toEqual([]);
    expect(r.code).toBe(0);
    const transcript = readFileSync(save, 'utf8');
    // STARTTLS in the clear, then the tour (its LOGIN / AUTHENTICATE after the upgrade).
    expect(transcript.indexOf('STARTTLS')).toBeGreaterThanOrEqual(0);
    expect(transcript.indexOf('SELECT INBOX')).toBeGreaterThan(transcript.indexOf('STARTTLS'));
  }, T);

  test('--tls: implicit TLS, the tour checks clean', async () => {
    const r = await imapwire(['run', '--connect', `127.0.0.1:${server.imapsPort}`, '--tls', '--user', 'alice', '--password-env', 'ALICE_PW', '--format', 'json'], { env });
    expect(rules(r.stdout), `${r.stderr}\n${dovecotLog(server)}`).toEqual([]);
    expect(r.code).toBe(0);
  }, T);

  test('a certificate nobody vouches for: status 2 and one sentence, unless IMAPWIRE_TLS_INSECURE=1', async () => {
    const r = await imapwire(['run', '--connect', `127.0.0.1:${server.imapsPort}`, '--tls', '--user', 'alice', '--password-env', 'ALICE_PW'], { env: { ALICE_PW: 'alicepw' } });
    expect(r.code).toBe(2);
    expect(oneSentence(r.stderr)).toMatch(/certificate|connect/i);
  }, T);
});

describe('imapwire run: IDLE lasts a moment before DONE', () => {
  test('DONE waits for the first untagged response; with none it still comes', async () => {
    // The server sends "* OK still here" 20 ms after "+ idling" (RFC 2177), unless DONE came first.
    let doneFirst: boolean | undefined;
    const dones: string[] = [];
    const srv = net.createServer((sock) => {
      sock.write('* PREAUTH [CAPABILITY IMAP4rev1 IDLE] ready\r\n');
      let buf = '';
      let idleTag = '';
      let timer: NodeJS.Timeout | undefined;
      let told = false;
      sock.on('data', (d) => {
        buf += d.toString('latin1');
        let i;
        while ((i = buf.indexOf('\r\n')) >= 0) {
          const line = buf.slice(0, i);
          buf = buf.slice(i + 2);
          const [tag, cmd, arg] = line.split(' ');
          if (/^DONE$/i.test(line)) {
            clearTimeout(timer);
            dones.push(idleTag);
            if (idleTag === 'i1') doneFirst = !told;
            sock.write(`${idleTag} OK idle done\r\n`);
          } else if (/^IDLE$/i.test(cmd ?? '')) {
            idleTag = tag;
            told = false;
            sock.write('+ idling\r\n');
            if (tag === 'i1') {
              timer = setTimeout(() => {
                told = true;
                sock.write('* OK still here\r\n');
              }, 20);
            }
          } else if (/^LOGOUT$/i.test(cmd ?? '')) {
            sock.end(`* BYE bye\r\n${tag} OK done\r\n`);
          } else {
            sock.write(`${tag} OK ${arg ?? ''}\r\n`);
          }
        }
      });
    });
    await new Promise<void>((resolve) => srv.listen(0, '127.0.0.1', resolve));
    const port = (srv.address() as net.AddressInfo).port;
    const script = join(dir, 'idle.script');
    writeFileSync(script, ['C: i1 IDLE', 'S: + ...', 'C: DONE', 'S: * OK still here', 'S: i1 OK', 'C: i2 IDLE', 'S: + ...', 'C: DONE', 'S: i2 OK', 'C: z LOGOUT', 'S: * BYE ...', 'S: z OK', ''].join('\n'));
    try {
      const r = await imapwire(['run', '--connect', `127.0.0.1:${port}`, '--format', 'json', script]);
      expect(r.stdout.toString('utf8') + r.stderr).not.toContain('"rule"');
      expect(r.code).toBe(0);
      expect(doneFirst).toBe(false);
      expect(dones).toEqual(['i1', 'i2']);
    } finally {
      srv.close();
    }
  }, T);
});

describe('imapwire run against a broken fake server', () => {
  test('each fault is blamed on the server', async () => {
    // A few lines of server: a greeting, then for each command a tagged reply with
    // a fault: an answer to a tag never sent, a "+" nobody asked for, a SELECT without UIDVALIDITY.
    const srv = net.createServer((sock) => {
      sock.write('* OK fake ready\r\n');
      let buf = '';
      sock.on('data', (d) => {
        buf += d.toString('latin1');
        let i;
        while ((i = buf.indexOf('\r\n')) >= 0) {
          const line = buf.slice(0, i);
          buf = buf.slice(i + 2);
          const [tag, cmd] = line.split(' ');
          if (/^LOGOUT$/i.test(cmd ?? '')) {
            sock.end(`* BYE bye\r\n${tag} OK done\r\n`);
            return;
          }
          if (/^SELECT$/i.test(cmd ?? '')) sock.write(`* 5 EXISTS\r\n* 3 EXISTS\r\n* FLAGS (\\Seen)\r\n${tag} OK [READ-WRITE] done\r\n`);
          else sock.write(`zz9 OK who asked\r\n+ nobody asked\r\n${tag} OK done\r\n`);
        }
      });
    });
    await new Promise<void>((resolve) => srv.listen(0, '127.0.0.1', resolve));
    const port = (srv.address() as net.AddressInfo).port;
    const script = join(dir, 'fake.script');
    // LOGIN first: a SELECT in the not-authenticated state would be the client's fault (RFC 9051 §6.3.2).
    writeFileSync(script, ['C: a0 LOGIN alice pw', 'S: a0 OK', 'C: a1 NOOP', 'S: a1 OK', 'C: a2 SELECT INBOX', 'S: a2 OK', 'C: a3 LOGOUT', 'S: a3 OK', ''].join('\n'));
    try {
      const r = await imapwire(['run', '--connect', `127.0.0.1:${port}`, '--format', 'json', script]);
      expect(r.code).toBe(1);
      const findings = r.stdout.toString('utf8').split('\n').filter((l) => l !== '').map((l) => JSON.parse(l) as { rule?: string; side?: string });
      const rules = findings.filter((f) => f.rule !== undefined);
      expect(rules.map((f) => f.rule)).toEqual(expect.arrayContaining(['tag-unknown', 'continuation-unexpected', 'select-missing-response']));
      expect(new Set(rules.map((f) => f.side))).toEqual(new Set(['server']));
    } finally {
      srv.close();
    }
  }, T);

  test('a server that cannot be reached: status 2 and one sentence', async () => {
    const srv = net.createServer();
    await new Promise<void>((resolve) => srv.listen(0, '127.0.0.1', resolve));
    const port = (srv.address() as net.AddressInfo).port;
    await new Promise<void>((resolve) => srv.close(() => resolve()));
    const r = await imapwire(['run', '--connect', `127.0.0.1:${port}`]);
    expect(r.code).toBe(2);
    expect(oneSentence(r.stderr)).toMatch(/cannot connect/);
  }, T);
});
