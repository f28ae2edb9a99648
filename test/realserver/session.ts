/**
 * A tiny IMAP client over node:net driven by imapwire's own encoder
 * (encodeCommand) and decoder (ResponseDecoder in strict mode), for the
 * real-server tests. It is deliberately dumb: one command at a time
 * (unless the caller pipelines), responses collected until the tagged
 * completion, every frame checked.
 *
 * Checks applied to every server frame:
 * - it parses in strict mode; otherwise it must parse in lenient mode with
 *   warnings that are all documented Dovecot quirks (KNOWN_QUIRKS, see
 *   docs/realserver.md), else it is recorded in `problems`;
 * - parse(serialize(x)) deep-equals x (strict), else recorded in `problems`.
 * And to every command written:
 * - parseCommand(serializeCommand(cmd)) deep-equals cmd, else recorded.
 */
import net from 'node:net';
import zlib from 'node:zlib';
import { isDeepStrictEqual } from 'node:util';
import {
  ResponseDecoder,
  Framer,
  parseResponseFrame,
  parseResponse,
  serializeResponse,
  encodeCommand,
  serializeCommand,
  parseCommand,
  toCommand,
  type Command,
  type Response,
  type TaggedResponse,
  type EncodeCommandOptions,
  type ImapWarning,
  type Frame,
} from '../../src/index.js';

/** A command without its tag (the session numbers them). */
export type Cmd = Command extends infer C ? (C extends Command ? Omit<C, 'tag'> : never) : never;

/**
 * Lenient-mode warnings that Dovecot 2.3 is known to need, each with why.
 * Every entry is documented in docs/realserver.md; a warning outside this
 * list fails the run.
 */
export const KNOWN_QUIRKS: Record<string, string> = {};

export interface Quirk {
  warnings: string[];
  bytes: string;
}

export interface Completion {
  tag: string;
  tagged: TaggedResponse;
  untagged: Response[];
}

interface Pending {
  tag: string;
  untagged: Response[];
  resolve: (c: Completion) => void;
  reject: (e: Error) => void;
}

/** Totals over all sessions of the test run. */
export const totals = {
  commands: 0,
  responses: 0,
  strictResponses: 0,
  quirkResponses: 0,
  /** Responses whose serializeResponse() gave back the exact server bytes. */
  canonicalResponses: 0,
  bytesIn: 0,
  bytesOut: 0,
  commandTypes: new Map<string, number>(),
};

/** Anything a check found, over all sessions; tests assert it stays empty. */
export const problems: string[] = [];
export const quirksSeen: Quirk[] = [];
/** Server frames that re-serialize to other (equivalent) bytes: informational. */
export const nonCanonical: string[] = [];

/** A printable excerpt of wire bytes (long frames cut in the middle). */
export function show(bytes: Uint8Array, max = 600): string {
  const cut = bytes.length > max ? [bytes.subarray(0, max / 2), bytes.subarray(bytes.length - max / 2)] : [bytes];
  const esc = (b: Uint8Array) =>
    Array.from(b, (c) => (c === 0x0d ? '\\r' : c === 0x0a ? '\\n' : c < 0x20 || c > 0x7e ? `\\x${c.toString(16).padStart(2, '0')}` : String.fromCharCode(c))).join('');
  return cut.length === 1 ? esc(cut[0]) : `${esc(cut[0])} …(${bytes.length} bytes)… ${esc(cut[1])}`;
}

let sessionCounter = 0;

export class ImapSession {
  readonly name: string;
  capabilities: string[] = [];
  greeting: Response | undefined;
  /** Untagged responses that arrived while no command was waiting. */
  readonly unsolicited: Response[] = [];
  /** Raw server bytes (after decompression), kept when `record` is set. */
  readonly recorded: Uint8Array[] = [];
  /** Raw client bytes (before compression), kept when `record` is set. */
  readonly recordedOut: Uint8Array[] = [];
  record = false;

  private readonly socket: net.Socket;
  private readonly decoder = new ResponseDecoder({ strict: true });
  private readonly framer = new Framer({ side: 'client' });
  private readonly pending: Pending[] = [];
  private continuationWaiters: ((r: Response) => void)[] = [];
  private untaggedWaiters: { pred: (r: Response) => boolean; resolve: (r: Response) => void }[] = [];
  private tagCounter = 0;
  private deflate: zlib.DeflateRaw | undefined;
  private inflate: zlib.InflateRaw | undefined;
  private closed = false;
  private closeWaiters: (() => void)[] = [];

  private constructor(socket: net.Socket, name: string) {
    this.socket = socket;
    this.name = name;
    socket.on('data', (chunk: Buffer) => {
      if (this.inflate !== undefined) this.inflate.write(chunk);
      else this.onBytes(chunk);
    });
    socket.on('close', () => {
      const finish = () => {
        this.closed = true;
        for (const p of this.pending.splice(0)) p.reject(new Error(`${this.name}: connection closed before ${p.tag} completed`));
        for (const w of this.closeWaiters.splice(0)) w();
      };
      // zlib hands out data asynchronously: under COMPRESS the last responses
      // (BYE, the tagged OK) may still be in the inflater when the socket closes.
      if (this.inflate !== undefined) {
        this.inflate.once('end', finish);
        this.inflate.end();
      } else {
        finish();
      }
    });
    socket.on('error', (e) => {
      for (const p of this.pending.splice(0)) p.reject(new Error(`${this.name}: socket error ${e.message}`));
    });
  }

  /** Connect and read the greeting (its CAPABILITY code, if any, becomes `capabilities`). */
  static async connect(port: number, name = `s${++sessionCounter}`): Promise<ImapSession> {
    const socket = net.connect({ host: '127.0.0.1', port });
    await new Promise<void>((resolve, reject) => {
      socket.once('connect', resolve);
      socket.once('error', reject);
    });
    socket.setNoDelay(true);
    const s = new ImapSession(socket, name);
    const g = await s.waitUntagged(() => true, 5000);
    s.greeting = g;
    if (g.type === 'OK' && g.code?.type === 'CAPABILITY') s.capabilities = g.code.capabilities;
    return s;
  }

  get isClosed(): boolean {
    return this.closed;
  }

  private onBytes(chunk: Uint8Array): void {
    totals.bytesIn += chunk.length;
    if (this.record) this.recorded.push(Uint8Array.from(chunk));
    const events = this.decoder.push(chunk);
    const frames = this.framer.push(chunk);
    if (events.length !== frames.length) {
      problems.push(`${this.name}: strict decoder gave ${events.length} events, lenient framer ${frames.length} for one chunk`);
    }
    for (let i = 0; i < events.length; i++) {
      const ev = events[i];
      // This decoder does not stream literals.
      if (ev.type !== 'response' && ev.type !== 'error') continue;
      const fe = frames[i];
      const frame: Frame | undefined = fe?.type === 'frame' ? fe.frame : undefined;
      let response: Response | undefined;
      if (ev.type === 'response') {
        response = ev.response;
        totals.strictResponses++;
        if (ev.warnings !== undefined && ev.warnings.length > 0) {
          problems.push(`${this.name}: strict parse reported warnings ${ev.warnings.map((w) => w.name).join(',')}`);
        }
        if (frame !== undefined) this.checkRoundTrip(response, frame.bytes);
      } else {
        // Not strict RFC grammar: is it a documented Dovecot quirk?
        if (frame === undefined) {
          problems.push(`${this.name}: strict error with no lenient frame: ${ev.error.message}`);
          continue;
        }
        try {
          const { response: r, warnings } = parseResponseFrame(frame, {});
          const names = [...(warnings ?? []).map((w: ImapWarning) => w.name), ...(frame.warnings ?? [])];
          const unknown = names.filter((n) => !(n in KNOWN_QUIRKS));
          if (names.length === 0 || unknown.length > 0) {
            problems.push(
              `${this.name}: not strict (${ev.error.message}); lenient warnings [${names.join(',')}] ` +
                `${unknown.length > 0 ? `undocumented: ${unknown.join(',')}` : 'none'}; bytes: ${show(frame.bytes)}`,
            );
          } else {
            totals.quirkResponses++;
            quirksSeen.push({ warnings: names, bytes: show(frame.bytes, 300) });
          }
          response = r;
        } catch (e) {
          problems.push(`${this.name}: refused even in lenient mode: ${(e as Error).message}; bytes: ${show(frame.bytes)}`);
          continue;
        }
      }
      totals.responses++;
      this.dispatch(response);
    }
  }

  private checkRoundTrip(response: Response, bytes: Uint8Array): void {
    let out: Uint8Array;
    try {
      out = serializeResponse(response);
    } catch (e) {
      problems.push(`${this.name}: serializeResponse threw ${(e as Error).message} for ${show(bytes)}`);
      return;
    }
    if (Buffer.from(out).equals(Buffer.from(bytes))) {
      totals.canonicalResponses++;
      return;
    }
    if (nonCanonical.length < 20) {
      let i = 0;
      while (i < bytes.length && bytes[i] === out[i]) i++;
      const from = Math.max(0, i - 40);
      nonCanonical.push(`at byte ${i}: ${show(bytes.subarray(from, i + 60))}  →  ${show(out.subarray(from, i + 60))}`);
    }
    try {
      const again = parseResponse(out, { strict: true });
      if (!isDeepStrictEqual(again, response)) {
        problems.push(`${this.name}: parse(serialize(x)) differs from x for ${show(bytes)} → ${show(out)}`);
      }
    } catch (e) {
      problems.push(`${this.name}: serialized response does not parse strictly (${(e as Error).message}): ${show(out)} from ${show(bytes)}`);
    }
  }

  private dispatch(r: Response): void {
    if (r.type === 'continue') {
      const w = this.continuationWaiters.shift();
      if (w !== undefined) w(r);
      else this.unsolicited.push(r);
      return;
    }
    if ((r.type === 'tagged' || r.type === 'OK') && r.code?.type === 'CAPABILITY') this.capabilities = r.code.capabilities;
    if (r.type === 'tagged') {
      const i = this.pending.findIndex((p) => p.tag === r.tag);
      if (i < 0) {
        problems.push(`${this.name}: tagged response for unknown tag ${r.tag}`);
        return;
      }
      const [p] = this.pending.splice(i, 1);
      // A command rejected before its literal never gets its `+`: release the writer.
      for (const w of this.continuationWaiters.splice(0)) w(r);
      p.resolve({ tag: p.tag, tagged: r, untagged: p.untagged });
      return;
    }
    if (r.type === 'CAPABILITY') this.capabilities = r.capabilities;
    const waiter = this.untaggedWaiters.findIndex((w) => w.pred(r));
    if (waiter >= 0) {
      const [w] = this.untaggedWaiters.splice(waiter, 1);
      w.resolve(r);
    }
    // Untagged data belongs to the oldest command still running.
    if (this.pending.length > 0) this.pending[0].untagged.push(r);
    else if (waiter < 0) this.unsolicited.push(r);
  }

  /** Wait for an untagged response matching `pred` (one already in `unsolicited` counts). */
  waitUntagged(pred: (r: Response) => boolean, timeoutMs = 10_000): Promise<Response> {
    const i = this.unsolicited.findIndex(pred);
    if (i >= 0) return Promise.resolve(this.unsolicited.splice(i, 1)[0]);
    return new Promise((resolve, reject) => {
      const entry = {
        pred,
        resolve: (r: Response) => {
          clearTimeout(t);
          resolve(r);
        },
      };
      const t = setTimeout(() => {
        this.untaggedWaiters = this.untaggedWaiters.filter((w) => w !== entry);
        reject(new Error(`${this.name}: no matching untagged response within ${timeoutMs} ms`));
      }, timeoutMs);
      this.untaggedWaiters.push(entry);
    });
  }

  private nextContinuation(timeoutMs = 10_000): Promise<Response> {
    return new Promise((resolve, reject) => {
      const t = setTimeout(() => reject(new Error(`${this.name}: no continuation within ${timeoutMs} ms`)), timeoutMs);
      this.continuationWaiters.push((r) => {
        clearTimeout(t);
        resolve(r);
      });
    });
  }

  /** Write bytes as they are (DONE, a SASL response line), through COMPRESS if active. */
  writeRaw(bytes: Uint8Array): void {
    totals.bytesOut += bytes.length;
    if (this.record) this.recordedOut.push(Uint8Array.from(bytes));
    if (this.deflate !== undefined) {
      this.deflate.write(bytes);
      this.deflate.flush(zlib.constants.Z_SYNC_FLUSH);
    } else {
      this.socket.write(bytes);
    }
  }

  /** The encoder options this session uses by default: what the server announced. */
  encodeOptions(): EncodeCommandOptions {
    return { capabilities: this.capabilities };
  }

  /**
   * Send a command without waiting for its completion. Fragments are
   * written in order; before a synchronizing literal the session waits for
   * the server's `+` (or stops if the command completed instead).
   * `continuation` is for IDLE / AUTHENTICATE: a promise of the first `+`.
   */
  start(cmd: Cmd, encode?: EncodeCommandOptions): { tag: string; done: Promise<Completion>; continuation: () => Promise<Response> } {
    if (this.closed) throw new Error(`${this.name}: closed`);
    const tag = `T${String(++this.tagCounter).padStart(3, '0')}`;
    const full = { ...cmd, tag } as Command;
    const opts = encode ?? this.encodeOptions();
    this.checkCommandRoundTrip(full, opts);
    const fragments = encodeCommand(full, opts);
    let resolveDone!: (c: Completion) => void;
    let rejectDone!: (e: Error) => void;
    const done = new Promise<Completion>((res, rej) => {
      resolveDone = res;
      rejectDone = rej;
    });
    let finished = false;
    void done.then(
      () => (finished = true),
      () => (finished = true),
    );
    this.pending.push({ tag, untagged: [], resolve: resolveDone, reject: rejectDone });
    totals.commands++;
    totals.commandTypes.set(full.type, (totals.commandTypes.get(full.type) ?? 0) + 1);
    const writer = (async () => {
      for (const f of fragments) {
        if (f.type === 'literal' && f.mode === 'sync') {
          const r = await this.nextContinuation();
          if (r.type !== 'continue' || finished) return;
        }
        this.writeRaw(f.bytes);
      }
    })();
    writer.catch((e: Error) => rejectDone(e));
    // Asked for right after start(): the `+` cannot arrive before this macrotask ends.
    const continuation = (): Promise<Response> => this.nextContinuation();
    return { tag, done: withTimeout(done, 30_000, `${this.name}: ${tag} ${full.type} did not complete`), continuation };
  }

  /**
   * Send a command and wait for its completion. `expect` is the tagged
   * status wanted (default OK); a BAD always fails: imapwire wrote it.
   */
  async run(cmd: Cmd, expect: 'OK' | 'NO' | 'OK|NO' = 'OK', encode?: EncodeCommandOptions): Promise<Completion> {
    const c = await this.start(cmd, encode).done;
    const st = c.tagged.status;
    if (st === 'BAD' || (expect !== 'OK|NO' && st !== expect)) {
      throw new Error(`${this.name}: ${c.tag} ${cmd.type} → ${st} [${c.tagged.code?.type ?? ''}] ${c.tagged.text} (wanted ${expect})`);
    }
    return c;
  }

  private checkCommandRoundTrip(cmd: Command, opts: EncodeCommandOptions): void {
    try {
      const bytes = serializeCommand(cmd, opts);
      const back = parseCommand(bytes, { strict: true });
      // What the options make of the value (e.g. mailbox names in modified UTF-7).
      if (!isDeepStrictEqual(normalizeCommand(back), normalizeCommand(toCommand(cmd, opts)))) {
        problems.push(`parseCommand(serializeCommand(cmd)) differs for ${cmd.type}: ${show(bytes)}`);
      }
    } catch (e) {
      problems.push(`command ${cmd.type} does not round-trip: ${(e as Error).message}`);
    }
  }

  /** After a tagged OK to COMPRESS DEFLATE: both directions go through raw deflate from here on. */
  startCompression(): void {
    const deflate = zlib.createDeflateRaw();
    const inflate = zlib.createInflateRaw();
    deflate.on('data', (b: Buffer) => this.socket.write(b));
    inflate.on('data', (b: Buffer) => this.onBytes(b));
    inflate.on('error', (e) => problems.push(`${this.name}: inflate error ${e.message}`));
    this.deflate = deflate;
    this.inflate = inflate;
  }

  get compressed(): boolean {
    return this.deflate !== undefined;
  }

  /** LOGOUT and wait for the server to close. */
  async logout(): Promise<Completion> {
    const c = await this.run({ type: 'LOGOUT' });
    await this.waitClosed();
    return c;
  }

  waitClosed(timeoutMs = 5000): Promise<void> {
    if (this.closed) return Promise.resolve();
    return withTimeout(new Promise<void>((r) => this.closeWaiters.push(r)), timeoutMs, `${this.name}: not closed`);
  }

  /** Drop the connection (no LOGOUT). */
  destroy(): void {
    this.socket.destroy();
  }

  /** Decoder end(): a clean stream leaves no unfinished frame. */
  end(): string[] {
    return this.decoder.end().map((e) => (e.type === 'error' ? e.error.message : e.type === 'response' ? `leftover ${e.response.type}` : `leftover ${e.type}`));
  }
}

function withTimeout<T>(p: Promise<T>, ms: number, what: string): Promise<T> {
  return new Promise((resolve, reject) => {
    const t = setTimeout(() => reject(new Error(`${what} within ${ms} ms`)), ms);
    p.then(
      (v) => {
        clearTimeout(t);
        resolve(v);
      },
      (e: unknown) => {
        clearTimeout(t);
        reject(e instanceof Error ? e : new Error(String(e)));
      },
    );
  });
}

/** Uint8Array views vs copies compare equal by content; nothing else is normalized. */
function normalizeCommand(c: Command): unknown {
  return JSON.parse(JSON.stringify(c, (_k, v: unknown) => (v instanceof Uint8Array ? `bytes:${Buffer.from(v).toString('base64')}` : typeof v === 'bigint' ? `big:${v}` : v)));
}

/** Collect untagged responses of one type. */
export type ResponseOf<T extends Response['type']> = Response extends infer R ? (R extends { type: infer U } ? (T extends U ? R : never) : never) : never;
export function ofType<T extends Response['type']>(rs: readonly Response[], type: T): ResponseOf<T>[] {
  return rs.filter((r): r is ResponseOf<T> => r.type === type);
}

