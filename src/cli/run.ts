/// <reference types="node" />
/**
 * `imapwire run`: connect to a live server, drive a session (a script, or
 * the built-in tour chosen from CAPABILITY) and validate every byte both
 * ways with the grammar and the checker.
 */
import net from 'node:net';
import tls from 'node:tls';
import { readFileSync, writeFileSync } from 'node:fs';
import { ConversationDecoder } from '../capture/conversation.js';
import type { ConnectionInfo, ConversationEvent, Direction, StreamEvent } from '../capture/types.js';
import { Checker } from '../session/checker.js';
import type { Finding } from '../session/finding.js';
import { checkStep, parseScript, ScriptError, substitute, type Script, type ScriptVariables } from '../session/script.js';
import { tourLogin, tourMain } from '../session/tour.js';
import { CliError } from './errors.js';
import { createReporter, FINDING_FORMATS, type FindingFormat, type FindingReporter } from './formats/index.js';
import { oneOf } from './options.js';
import { Output } from './output.js';
import type { Subcommand } from './subcommands.js';

const CRLF = new Uint8Array([0x0d, 0x0a]);
/** How long IDLE lasts before DONE at most: the first untagged response ends it sooner (RFC 2177). */
export const IDLE_MOMENT_MS = 300;

/** One live connection: bytes both ways go through one decoder and one checker. */
class Live {
  private socket: net.Socket;
  private readonly decoder = new ConversationDecoder({ validate: {} });
  private chain: Promise<void> = Promise.resolve();
  private offsets: Record<Direction, number> = { client: 0, server: 0 };
  private waiters: (() => void)[] = [];
  /** Server responses (their text, without CRLF) of the running step. */
  responses: string[] = [];
  /** Tags sent and not answered yet. */
  readonly inFlight = new Set<string>();
  /** A `+` arrived since the last line was sent. */
  plus = false;
  greeted = false;
  closed = false;
  capabilities = new Set<string>();
  private lines: Record<Direction, string> = { client: '', server: '' };
  private transcript: string[] = [];
  private id: string;
  private generation = 0;
  lastServerOffset = 0;

  constructor(
    socket: net.Socket,
    private readonly name: string,
    private readonly checker: Checker,
    private readonly report: (f: Finding) => void,
    private readonly reporter: FindingReporter,
  ) {
    this.socket = socket;
    this.id = name;
    this.openConnection();
    this.listen();
  }

  private openConnection(): void {
    const [host, port] = splitHostPort(this.name);
    const info: ConnectionInfo = { id: this.id, reason: 'named', server: { address: host, port } };
    this.reporter.connection(this.id, this.name);
    this.feed({ type: 'open', connection: info });
  }

  private listen(): void {
    this.socket.on('data', (chunk: Buffer) => this.data('server', new Uint8Array(chunk)));
    this.socket.on('close', () => {
      this.closed = true;
      this.wake();
    });
    this.socket.on('error', () => {
      this.closed = true;
      this.wake();
    });
  }

  /** After STARTTLS: the same session over TLS, checked as a new connection (the decoder sees plain text from here). */
  async upgrade(servername: string): Promise<void> {
    this.socket.removeAllListeners('data');
    const secure = tls.connect({ socket: this.socket, ...sni(servername), rejectUnauthorized: process.env.IMAPWIRE_TLS_INSECURE !== '1' });
    await new Promise<void>((resolve, reject) => {
      secure.once('secureConnect', () => resolve());
      secure.once('error', (e) => reject(new CliError(`the TLS handshake with ${this.name} failed: ${e.message}.`)));
    });
    this.socket = secure;
    this.id = `${this.name}/tls${++this.generation}`;
    this.offsets = { client: 0, server: 0 };
    this.openConnection();
    this.listen();
  }

  send(text: string): void {
    const bytes = new Uint8Array([...new TextEncoder().encode(text), ...CRLF]);
    this.plus = false;
    this.socket.write(bytes);
    this.data('client', bytes);
  }

  private data(direction: Direction, bytes: Uint8Array): void {
    this.record(direction, bytes);
    this.feed({ type: 'data', connection: this.id, direction, offset: this.offsets[direction], bytes, time: Date.now() / 1000 });
    this.offsets[direction] += bytes.length;
  }

  private feed(ev: StreamEvent): void {
    this.chain = this.chain.then(async () => {
      for (const c of await this.decoder.push(ev)) this.handle(c);
    });
  }

  private handle(ev: ConversationEvent): void {
    for (const f of this.checker.push(ev)) this.report(f);
    if (ev.type !== 'response') return;
    this.lastServerOffset = ev.offset;
    this.greeted = true;
    const r = ev.response;
    this.responses.push(latin1(ev.frame).replace(/\r?\n$/, ''));
    if (r.type === 'tagged') this.inFlight.delete(r.tag);
    if (r.type === 'continue') this.plus = true;
    if (r.type === 'CAPABILITY') this.capabilities = new Set(r.capabilities.map((c) => c.toUpperCase()));
    if ((r.type === 'OK' || r.type === 'PREAUTH' || r.type === 'tagged') && r.code?.type === 'CAPABILITY') {
      this.capabilities = new Set(r.code.capabilities.map((c: string) => c.toUpperCase()));
    }
    this.wake();
  }

  private wake(): void {
    const w = this.waiters;
    this.waiters = [];
    for (const f of w) f();
  }

  /** Resolves when `done()` holds (checked after every response), or rejects on timeout / close. */
  async until(done: () => boolean, timeoutMs: number, what: string): Promise<boolean> {
    await this.chain;
    const deadline = Date.now() + timeoutMs;
    while (!done()) {
      if (this.closed) return false;
      const left = deadline - Date.now();
      if (left <= 0) throw new Timeout(what);
      await new Promise<void>((resolve) => {
        const t = setTimeout(resolve, left);
        this.waiters.push(() => {
          clearTimeout(t);
          resolve();
        });
      });
      await this.chain;
    }
    return true;
  }

  async end(): Promise<void> {
    this.socket.end();
    await this.until(() => this.closed, 2000, 'the close').catch(() => undefined);
    this.socket.destroy();
    this.feed({ type: 'close', connection: this.id });
    await this.chain;
    for (const c of await this.decoder.end()) this.handle(c);
    for (const f of this.checker.end()) this.report(f);
  }

  private record(direction: Direction, bytes: Uint8Array): void {
    const text = this.lines[direction] + latin1(bytes);
    const parts = text.split('\n');
    this.lines[direction] = parts.pop()!;
    for (const p of parts) this.transcript.push(`${direction === 'client' ? 'C' : 'S'}: ${p.replace(/\r$/, '')}`);
  }

  /** The session as an RFC style C: / S: transcript. */
  transcriptText(): string {
    return this.transcript.join('\n') + '\n';
  }
}

class Timeout extends Error {}

function latin1(b: Uint8Array): string {
  let s = '';
  for (let i = 0; i < b.length; i += 4096) s += String.fromCharCode(...b.subarray(i, i + 4096));
  return s;
}

function splitHostPort(s: string): [string, number] {
  const m = /^(\[[^\]]+\]|[^:]+):(\d+)$/.exec(s);
  if (m === null) throw new CliError(`--connect needs HOST:PORT, found "${s}".`);
  return [m[1].replace(/^\[|\]$/g, ''), Number(m[2])];
}

/** Runs a script's steps on the connection; script differences become findings. */
async function runScript(live: Live, script: Script, vars: ScriptVariables, credentials: { user?: string; password?: string }, timeoutMs: number, report: (f: Finding) => void, id: () => string): Promise<void> {
  let continued = false;
  for (const step of script.steps) {
    // What arrived since the last step (the greeting, before the first) belongs to this one.
    if (step.send.length === 0) {
      await live.until(() => live.greeted, timeoutMs, 'the greeting');
    }
    // Bytes of literal data still to send, and whether the next line goes on a command line.
    let literalLeft = 0;
    let goesOn = false;
    let refused = false;
    for (const { text } of step.send) {
      if (refused) break;
      const line = substitute(text, vars, credentials);
      const inLiteral = literalLeft > 0;
      const isCommand = !inLiteral && !goesOn && !continued;
      if (continued && /^DONE$/i.test(line)) {
        // IDLE for a moment: until an untagged response comes, or IDLE_MOMENT_MS.
        await live.until(() => live.responses.some((r) => r.startsWith('* ')), IDLE_MOMENT_MS, 'IDLE').catch((e: unknown) => {
          if (!(e instanceof Timeout)) throw e;
        });
      }
      continued = false;
      if (inLiteral) {
        literalLeft -= new TextEncoder().encode(line).length + 2;
        goesOn = literalLeft <= 0;
        live.send(line);
        continue;
      }
      goesOn = false;
      let tag: string | undefined;
      if (isCommand) {
        tag = line.split(' ')[0];
        if (tag !== undefined && tag !== '') live.inFlight.add(tag);
      }
      live.send(line);
      if (isCommand && /^STARTTLS$/i.test(line.split(' ')[1] ?? '')) {
        await live.until(() => !live.inFlight.has(tag!), timeoutMs, `the answer to ${tag}`);
        if (live.responses.some((r) => new RegExp(`^${tag} OK`, 'i').test(r))) await live.upgrade(splitHostPort(idHost(id()))[0]);
      }
      const lit = /\{(\d+)(\+|-)?\}$/.exec(line);
      if (lit !== null) {
        literalLeft = Number(lit[1]);
        goesOn = literalLeft === 0;
      }
      if (lit !== null && lit[2] === undefined) {
        // A synchronizing literal: wait for "+" (or the refusal).
        const owner = [...live.inFlight].pop();
        await live.until(() => live.plus || (owner !== undefined && !live.inFlight.has(owner)), timeoutMs, 'the "+" for a literal');
        if (!live.plus) refused = true;
      }
    }
    const waitPlus = step.expect.some((e) => e.kind === 'continue');
    try {
      await live.until(() => live.inFlight.size === 0 || (waitPlus && live.plus), timeoutMs, 'the answers');
    } catch (e) {
      if (!(e instanceof Timeout)) throw e;
      report(scriptFinding(script, step.send[0]?.line ?? 0, `${script.name}:${step.send[0]?.line ?? 0}: no answer within ${timeoutMs} ms (waiting for ${[...live.inFlight].join(', ') || '"+"'}).`, id(), live.lastServerOffset));
      return;
    }
    continued = waitPlus && live.plus && live.inFlight.size > 0;
    for (const d of checkStep(step, live.responses, vars)) {
      report(scriptFinding(script, d.expectation.line, `${script.name}:${d.expectation.line}: ${d.message}`, id(), live.lastServerOffset, d.expectation.text));
    }
    live.responses = [];
    if (live.closed) return;
  }
}

/** The TLS server name for a host: none for an IP address (RFC 6066 §3 names hosts only). */
function sni(host: string): { servername?: string } {
  return net.isIP(host) === 0 ? { servername: host } : {};
}

function idHost(id: string): string {
  return id.replace(/\/tls\d+$/, '');
}

function scriptFinding(script: Script, line: number, message: string, connection: string, offset: number, expected?: string): Finding {
  const f: Finding = {
    rule: 'script/expectation',
    side: 'server',
    level: 'MUST',
    rfc: `${script.name}:${line}`,
    message,
    connection,
    direction: 'server',
    offset,
  };
  if (expected !== undefined) f.expected = expected;
  return f;
}

/** `imapwire run`: validate a live server. */
export const runCommand: Subcommand = {
  name: 'run',
  summary: 'drive a session against a live server and validate it both ways',
  usage: 'imapwire run --connect HOST:PORT [--tls | --starttls] [--user U --password-env VAR] [options] [SCRIPT…]',
  help: `Connects to HOST:PORT, runs each SCRIPT (RFC style C: / S: lines, S: lines being
expectations; see docs/cli.md) or, with no SCRIPT, the built-in tour chosen from the
server's CAPABILITY (it writes only to a scratch mailbox it creates and deletes), and
checks every byte both ways with the strict grammar and the session checker.

Options:
  --connect HOST:PORT    the server
  --tls                  implicit TLS (port 993 style)
  --starttls             send STARTTLS first and go on over TLS
  --user U               log in as U
  --password-env VAR     the password is in environment variable VAR
  --format F             text (default), json, junit, sarif or github
  --save FILE            also write the session as a C: / S: transcript (it holds
                         the credentials as sent: keep it private)
  --timeout MS           how long to wait for each answer (default 10000)

Exit status: 0 clean, 1 findings or unmet expectations, 2 the run could not be done.`,
  options: {
    connect: { type: 'string' },
    tls: { type: 'boolean' },
    starttls: { type: 'boolean' },
    user: { type: 'string' },
    'password-env': { type: 'string' },
    format: { type: 'string' },
    save: { type: 'string' },
    timeout: { type: 'string' },
  },
  async run(inv) {
    const format = oneOf<FindingFormat>('--format', (inv.values.format as string | undefined) ?? 'text', FINDING_FORMATS);
    const target = inv.values.connect as string | undefined;
    if (target === undefined) throw new CliError('run needs --connect HOST:PORT.');
    const [host, port] = splitHostPort(target);
    const user = inv.values.user as string | undefined;
    const passwordEnv = inv.values['password-env'] as string | undefined;
    const password = passwordEnv === undefined ? undefined : process.env[passwordEnv];
    if (passwordEnv !== undefined && password === undefined) throw new CliError(`the environment variable ${passwordEnv} named by --password-env is not set.`);
    if (user !== undefined && password === undefined) throw new CliError('--user needs --password-env VAR.');
    const timeoutMs = inv.values.timeout === undefined ? 10_000 : Number(inv.values.timeout);
    if (!(timeoutMs > 0)) throw new CliError('--timeout needs a number of milliseconds.');
    const scripts: Script[] = inv.positionals.map((p) => {
      let text: string;
      try {
        text = readFileSync(p, 'utf8');
      } catch (e) {
        throw new CliError(`cannot read the script ${p}: ${(e as Error).message}.`);
      }
      try {
        return parseScript(text, p);
      } catch (e) {
        if (e instanceof ScriptError) throw new CliError(e.message.replace(/\.?$/, '.'));
        throw e;
      }
    });

    const out = new Output(process.stdout);
    const reporter = createReporter(format, out, { command: 'run', sides: ['client', 'server'], version: inv.version });
    let must = 0;
    const report = (finding: Finding): void => {
      if (finding.level === 'MUST') must++;
      reporter.finding({ finding, file: target });
    };
    const socket = await new Promise<net.Socket>((resolve, reject) => {
      const s = inv.values.tls === true ? tls.connect({ host, port, ...sni(host), rejectUnauthorized: process.env.IMAPWIRE_TLS_INSECURE !== '1' }) : net.connect({ host, port });
      s.once(inv.values.tls === true ? 'secureConnect' : 'connect', () => resolve(s));
      s.once('error', (e) => reject(new CliError(`cannot connect to ${target}: ${e.message}.`)));
    });
    const live = new Live(socket, target, new Checker(), report, reporter);
    const vars: ScriptVariables = new Map();
    const credentials = { user, password };
    let id = target;
    try {
      await live.until(() => live.greeted, timeoutMs, 'the greeting');
      if (inv.values.starttls === true) {
        await runScript(live, parseScript('C: s0 STARTTLS\nS: s0 OK\n', 'starttls'), vars, credentials, timeoutMs, report, () => id);
        id = `${target}/tls1`;
      }
      if (scripts.length > 0) {
        for (const s of scripts) await runScript(live, s, vars, credentials, timeoutMs, report, () => id);
      } else {
        await runScript(live, parseScript(tourLogin(live.capabilities, credentials), 'tour'), vars, credentials, timeoutMs, report, () => id);
        const scratch = `imapwire-tour-${process.pid}`;
        await runScript(live, parseScript(tourMain(live.capabilities, { ...credentials, scratch }), 'tour'), vars, credentials, timeoutMs, report, () => id);
      }
    } catch (e) {
      if (e instanceof Timeout) throw new CliError(`${target} did not answer (${e.message}) within ${timeoutMs} ms.`);
      throw e;
    } finally {
      await live.end();
    }
    reporter.end();
    await out.flush();
    const save = inv.values.save as string | undefined;
    if (save !== undefined) {
      try {
        writeFileSync(save, live.transcriptText());
      } catch (e) {
        throw new CliError(`cannot write ${save}: ${(e as Error).message}.`);
      }
    }
    return must > 0 ? 1 : 0;
  },
};
