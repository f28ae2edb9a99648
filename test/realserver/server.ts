/**
 * Start and stop the throw-away Dovecot of the real-server tests through
 * the project's own scripts (dovecot-install.sh / -up.sh / -down.sh).
 *
 * Each run gets its own state dir and port: 21143 and
 * /tmp/imapwire-test-dovecot when that port is free, else the next free
 * port up to 21199 with `/tmp/imapwire-test-dovecot-<port>`, so two test
 * runs on one machine never share (or stop) each other's server.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import net from 'node:net';
import { fileURLToPath } from 'node:url';
import path from 'node:path';

const HERE = path.dirname(fileURLToPath(import.meta.url));
const BASE_PORT = 21143;

export interface DovecotServer {
  port: number;
  dir: string;
  pid: number;
  version: string;
  /** The implicit-TLS port, when started with `ssl` (STARTTLS is offered on `port` then too). */
  imapsPort?: number;
}

/** A port the system says is free on 127.0.0.1 now. */
async function anyFreePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = net.createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const p = (s.address() as net.AddressInfo).port;
      s.close(() => resolve(p));
    });
  });
}

/** Why the server cannot run here, or undefined when it can (root, and Dovecot installed or installable with apt). */
export function cannotRunReason(): string | undefined {
  if (process.platform !== 'linux') return `platform ${process.platform} (Debian's Dovecot needs Linux)`;
  // dovecot-up.sh creates the vmail user and chowns the mail store: root only.
  const root = typeof process.getuid === 'function' && process.getuid() === 0;
  if (!root) return 'not running as root (dovecot-up.sh needs root for the vmail user and the mail store)';
  const installed = existsSync('/usr/sbin/dovecot') && existsSync('/usr/lib/dovecot/imap');
  if (installed) return undefined;
  const apt = ['/usr/bin/apt-get', '/bin/apt-get'].some((p) => existsSync(p));
  if (!apt) return 'Dovecot is not installed and apt-get is missing';
  return undefined;
}

function portFree(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const s = net.createServer();
    s.once('error', () => resolve(false));
    s.listen(port, '127.0.0.1', () => s.close(() => resolve(true)));
  });
}

async function pickPort(): Promise<number> {
  if (process.env.IMAP_PORT !== undefined) return Number(process.env.IMAP_PORT);
  for (let p = BASE_PORT; p < BASE_PORT + 57; p++) if (await portFree(p)) return p;
  throw new Error(`no free port in ${BASE_PORT}..${BASE_PORT + 56}`);
}

function script(name: string, env: NodeJS.ProcessEnv, args: string[] = []): string {
  return execFileSync('bash', [path.join(HERE, name), ...args], {
    env: { ...process.env, ...env },
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'pipe'],
    timeout: 300_000,
  });
}

/**
 * Install if needed, write a fresh config and mail store, start, wait for
 * the port. `ssl`: a self-signed certificate (CN=localhost), STARTTLS on
 * the port and implicit TLS on `imapsPort`.
 */
export async function startDovecot(options: { ssl?: boolean } = {}): Promise<DovecotServer> {
  const port = await pickPort();
  const dir = port === BASE_PORT ? '/tmp/imapwire-test-dovecot' : `/tmp/imapwire-test-dovecot-${port}`;
  const imapsPort = options.ssl === true ? await anyFreePort() : undefined;
  const env = { DOVECOT_DIR: dir, IMAP_PORT: String(port), DOVECOT_SSL: imapsPort !== undefined ? '1' : '0', ...(imapsPort !== undefined ? { IMAPS_PORT: String(imapsPort) } : {}) };
  // A left-over dir from a crashed run: stop its server (by its pid) and start clean.
  script('dovecot-down.sh', env, ['--wipe']);
  const out = script('dovecot-up.sh', env).trim();
  if (out !== String(port)) throw new Error(`dovecot-up.sh printed ${JSON.stringify(out)}, expected ${port}`);
  const pid = Number(readFileSync(path.join(dir, 'run/master.pid'), 'utf8').trim());
  const version = execFileSync('dovecot', ['--version'], { encoding: 'utf8' }).trim();
  return { port, dir, pid, version, ...(imapsPort !== undefined ? { imapsPort } : {}) };
}

/** Stop the server by its own master pid and delete its state dir. */
export function stopDovecot(server: DovecotServer): void {
  script('dovecot-down.sh', { DOVECOT_DIR: server.dir }, ['--wipe']);
}

/** The tail of the server log, for failure messages. */
export function dovecotLog(server: DovecotServer, lines = 30): string {
  try {
    return readFileSync(path.join(server.dir, 'log/dovecot.log'), 'utf8').split('\n').slice(-lines).join('\n');
  } catch {
    return '(no log)';
  }
}
