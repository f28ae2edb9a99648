import { Framer, type FramerEvent } from '../wire/framer.js';
import { ImapEncodeError, ImapParseError } from '../wire/errors.js';
import type { Fragment, WriterOptions } from '../wire/writer.js';
import type { Command } from '../model/command.js';
import type { Response, TaggedResponse, ContinueRequest, Greeting } from '../model/response.js';
import { parseResponseFrame, limitsOf, type ResponseParseOptions } from '../codec/parse-response.js';
import { encodeCommand } from '../codec/encode-command.js';
import { writerOptionsFor, utf8MailboxNames } from '../codec/capabilities.js';
import { toCommand } from '../codec/command-input.js';
import { encodeText } from '../util/text.js';
import type { ClientSessionEvent, CommandInput, Completion, ConnectionState } from './client-types.js';
import { CommandError, CommandHandle, IdleHandle } from './client-handle.js';
import { SessionTracker, type SessionView } from './tracker.js';
import type { MailboxView } from './mailbox.js';
import type { ConversationEvent } from '../capture/types.js';
import { canPipeline, claims } from './client-routing.js';
import { SaslExchange, type SaslMechanism } from './client-sasl.js';

/**
 * ClientSession options.
 *
 * @example
 * new ClientSession({ onOutput: (b) => socket.write(b), onEvent: (e) => console.log(e.type) });
 */
export interface ClientSessionOptions extends ResponseParseOptions {
  /** Tags are this prefix and a counter from 1 (default `A`: `A1`, `A2`, ...). */
  tagPrefix?: string;
  /** Or the tag of the n-th command (from 1), for tags of another shape (`T001`); they must be unique. */
  tag?: (n: number) => string;
  /** Called with bytes to send as soon as there are some; without it, call {@link ClientSession.takeOutput}. */
  onOutput?: (bytes: Uint8Array) => void;
  /** Called with each event as well as returning it from {@link ClientSession.receive}. */
  onEvent?: (event: ClientSessionEvent) => void;
  /** Several commands in progress where RFC 9051 §5.5 allows (default true); false sends one at a time. */
  pipelining?: boolean;
  /**
   * Mailbox names are given as text and written in modified UTF-7 unless
   * UTF-8 names are in effect (`utf8MailboxNames`), so `SELECT 'Entwürfe'`
   * works on IMAP4rev1 servers (default true). False writes names as given.
   */
  mailboxUtf7?: boolean;
  /** Use LITERAL+ / LITERAL- (RFC 7888) when the server offers them (default true); false makes every literal wait for `+`. */
  nonSyncLiterals?: boolean;
}

type Phase = 'queued' | 'writing' | 'sent';
type DistributiveOmit<T, K extends PropertyKey> = T extends unknown ? Omit<T, K> : never;

interface Pending {
  tag: string;
  input: CommandInput;
  /** The command as written: tag, parsed sets, encoded names (set again when it is sent). */
  command: Command;
  handle: CommandHandle;
  fragments: Fragment[];
  /** The next fragment to release. */
  next: number;
  untagged: Response[];
  phase: Phase;
  sasl?: SaslExchange;
  idle?: { accepted: boolean; doneSent: boolean };
}

const EMPTY_SET: ReadonlySet<string> = new Set();
const EMPTY = new Uint8Array(0);

/**
 * A sans-I/O IMAP client session: it owns no socket and sets no timers.
 * Give it the bytes that arrive ({@link receive}); send the bytes it
 * produces ({@link takeOutput} or the `onOutput` option). It allocates
 * tags, encodes commands with what the server announced (literal modes,
 * UTF-8), waits for `+` before synchronizing literals, pipelines where
 * RFC 9051 §5.5 allows and queues otherwise, hands each command the
 * untagged responses that answer it, and reports the rest as events.
 *
 * @example
 * const s = new ClientSession({ onOutput: (b) => socket.write(b) });
 * socket.on('data', (b) => s.receive(b));
 * await s.greeted();
 * await s.command({ type: 'LOGIN', userid: 'fred', password: 'pass word' });
 * const { untagged } = await s.command({ type: 'LIST', reference: '', patterns: ['*'] });
 */
export class ClientSession {
  private readonly options: ClientSessionOptions;
  private readonly tracked = new SessionTracker();
  private sentBytes = 0;
  private framer: Framer;
  private received = 0;
  private tagCounter = 0;
  private readonly queue: Pending[] = [];
  private readonly inProgress: Pending[] = [];
  /** The command that owns the server's `+` (a literal, SASL, IDLE). */
  private continuationOwner: Pending | undefined;
  private output: Uint8Array[] = [];
  private paused = false;
  private events: ClientSessionEvent[] = [];
  private greetingValue: Greeting | undefined;
  private greetingWaiters: { ok: (g: Greeting) => void; fail: (e: Error) => void }[] = [];
  private closed = false;

  constructor(options: ClientSessionOptions = {}) {
    this.options = options;
    this.framer = this.newFramer();
  }

  private newFramer(): Framer {
    return new Framer({ side: 'client', ...limitsOf(this.options), strict: this.options.strict });
  }

  // --- state ---

  /**
   * The connection's state as the session tracker follows it (the same
   * tracker the conversation checker uses): capabilities, ENABLE, the
   * selected mailbox with its seq <-> UID map, flags and MODSEQ.
   */
  get tracker(): SessionView {
    return this.tracked;
  }

  /** RFC 9051 §3 state: `greeting` until the server's first response. */
  get state(): ConnectionState {
    const s = this.tracked.state;
    return s === 'unknown' ? 'greeting' : s;
  }

  /**
   * The server's capabilities, upper-cased, with what they imply; undefined
   * while not known (before the greeting, or after STARTTLS or a login
   * that did not announce them, RFC 9051 §6.2).
   */
  get capabilities(): ReadonlySet<string> | undefined {
    return this.tracked.capabilities;
  }

  /** What ENABLE turned on (RFC 5161), upper-cased. */
  get enabled(): ReadonlySet<string> {
    return this.tracked.enabled;
  }

  /** The selected mailbox (undefined unless the state is `selected`). */
  get selected(): MailboxView | undefined {
    return this.tracked.state === 'selected' ? this.tracked.mailbox : undefined;
  }

  /** The server's greeting, once it came. */
  get greeting(): Greeting | undefined {
    return this.greetingValue;
  }

  /**
   * Whether the server announced a capability (case-insensitive, implications
   * included: IMAP4rev2 implies LITERAL-). When the current set is not known
   * (after a login that did not repeat it) the last one announced answers.
   */
  hasCapability(name: string): boolean {
    return this.knownCapabilities().has(name.toUpperCase());
  }

  private knownCapabilities(): ReadonlySet<string> {
    return this.tracked.capabilities ?? this.tracked.lastCapabilities ?? EMPTY_SET;
  }

  /** Commands sent and not completed, oldest first (tags). */
  get inProgressTags(): string[] {
    return this.inProgress.map((p) => p.tag);
  }

  /** Commands waiting to be sent (tags). */
  get queuedTags(): string[] {
    return this.queue.map((p) => p.tag);
  }

  /** Resolves with the greeting (rejects if the input ends first). */
  greeted(): Promise<Greeting> {
    if (this.greetingValue !== undefined) return Promise.resolve(this.greetingValue);
    if (this.closed) return Promise.reject(new Error('the connection ended before the greeting'));
    return new Promise((ok, fail) => this.greetingWaiters.push({ ok, fail }));
  }

  // --- output ---

  /** The bytes to send now (empty when there are none), in order; taking them empties the buffer. */
  takeOutput(): Uint8Array {
    const parts = this.output;
    this.output = [];
    if (parts.length === 1) return parts[0];
    let n = 0;
    for (const p of parts) n += p.length;
    const out = new Uint8Array(n);
    let o = 0;
    for (const p of parts) {
      out.set(p, o);
      o += p.length;
    }
    return out;
  }

  /** True when {@link takeOutput} has bytes to give. */
  get hasOutput(): boolean {
    return this.output.length > 0;
  }

  /** Feed the tracker one event of this connection (commands carry no frame bytes: the tracker reads only values). */
  private track(ev: DistributiveOmit<Extract<ConversationEvent, { direction: 'client' | 'server' }>, 'connection' | 'direction' | 'offset' | 'length'>, direction: 'client' | 'server' = 'client', offset = this.sentBytes, length = 0): void {
    this.tracked.apply({ ...ev, connection: 'session', direction, offset, length } as ConversationEvent);
  }

  private write(bytes: Uint8Array): void {
    if (bytes.length === 0) return;
    this.sentBytes += bytes.length;
    if (this.options.onOutput !== undefined) this.options.onOutput(bytes);
    else this.output.push(bytes);
  }

  /**
   * The transport switched after a `transport` event (TLS is up, or the
   * deflate layer is in place): bytes may flow again.
   */
  transportReady(): void {
    this.paused = false;
    this.pump();
  }

  // --- commands ---

  /**
   * Submit a command. It is sent now if RFC 9051 §5.5 allows it next to the
   * commands in progress, else when they complete.
   */
  command(input: CommandInput): CommandHandle {
    if (input.type === 'IDLE') return this.idle();
    return this.submit(input, new CommandHandle(this.nextTag(), input));
  }

  /** LOGIN (RFC 9051 §6.2.3); the password may hold any character (quoted or sent as a literal). */
  login(userid: string, password: string): CommandHandle {
    return this.command({ type: 'LOGIN', userid, password });
  }

  /** SELECT a mailbox; the completion's untagged responses describe it, and {@link selected} holds it after. */
  select(mailbox: string, readOnly = false): CommandHandle {
    return this.command({ type: readOnly ? 'EXAMINE' : 'SELECT', mailbox });
  }

  /** LOGOUT; the server's BYE is part of its completion. */
  logout(): CommandHandle {
    return this.command({ type: 'LOGOUT' });
  }

  /** STARTTLS: on OK a `transport` event says the TLS handshake must happen now. */
  starttls(): CommandHandle {
    return this.command({ type: 'STARTTLS' });
  }

  /** COMPRESS DEFLATE (RFC 4978): on OK a `transport` event says both directions are compressed from now on. */
  compress(): CommandHandle {
    return this.command({ type: 'COMPRESS', mechanism: 'DEFLATE' });
  }

  /**
   * AUTHENTICATE (RFC 9051 §6.2.2): the initial response goes inline when
   * the server has SASL-IR (RFC 4959), else after the first `+`; each
   * further challenge goes to `mechanism.respond`.
   */
  authenticate(mechanism: SaslMechanism): CommandHandle {
    const input: CommandInput = { type: 'AUTHENTICATE', mechanism: mechanism.name };
    const handle = new CommandHandle(this.nextTag(), input);
    return this.submit(input, handle, new SaslExchange(mechanism, false));
  }

  /** IDLE (RFC 2177): an `idling` event when the server accepts; `handle.done()` ends it. */
  idle(): IdleHandle {
    const input: CommandInput = { type: 'IDLE' };
    const handle = new IdleHandle(this.nextTag(), input);
    const p = this.enqueue(input, handle);
    p.idle = { accepted: false, doneSent: false };
    handle.onDone = () => this.sendDone(p);
    this.pump();
    return handle;
  }

  private nextTag(): string {
    const n = ++this.tagCounter;
    return this.options.tag !== undefined ? this.options.tag(n) : `${this.options.tagPrefix ?? 'A'}${n}`;
  }

  private enqueue(input: CommandInput, handle: CommandHandle): Pending {
    const p: Pending = { tag: handle.tag, input, command: { tag: handle.tag, type: 'NOOP' }, handle, fragments: [], next: 0, untagged: [], phase: 'queued' };
    if (this.closed) {
      this.fail(p, new CommandError('closed', p.tag, 'the connection has ended'));
      return p;
    }
    try {
      // Sets and FETCH items parsed now, for the pipelining rules; names are encoded when it is sent.
      p.command = toCommand(input, { tag: p.tag });
    } catch (e) {
      if (!(e instanceof ImapEncodeError)) throw e;
      this.fail(p, new CommandError('encode', p.tag, e.message, undefined, e));
      return p;
    }
    this.queue.push(p);
    return p;
  }

  private submit(input: CommandInput, handle: CommandHandle, sasl?: Pending['sasl']): CommandHandle {
    const p = this.enqueue(input, handle);
    if (sasl !== undefined) p.sasl = sasl;
    this.pump();
    return handle;
  }

  private writerOptions(): Omit<WriterOptions, 'side'> {
    const caps = this.knownCapabilities();
    const o = writerOptionsFor(caps);
    // RFC 6855 §3: UTF-8 in quoted strings only after ENABLE UTF8=ACCEPT (or IMAP4rev2, RFC 9051 §6.3.1).
    const en = this.tracked.enabled;
    const utf8 = en.has('IMAP4REV2') || utf8MailboxNames({ capabilities: caps, enabled: en });
    const nonSync = this.options.nonSyncLiterals !== false;
    return { literalPlus: nonSync && o.literalPlus, literalMinus: nonSync && o.literalMinus, binary: o.binary, utf8 };
  }

  /** Send what may be sent: the head of the queue while it may join the commands in progress. */
  private pump(): void {
    // Nothing is sent before the greeting: its capabilities decide how commands are written.
    // Nor after BYE: the server is closing the connection (RFC 9051 §7.1.5).
    while (!this.paused && this.greetingValue !== undefined && !this.tracked.bye && this.continuationOwner === undefined && this.queue.length > 0 && !this.closed) {
      const head = this.queue[0];
      const busy = this.inProgress.map((p) => p.command);
      if (this.options.pipelining === false ? busy.length > 0 : !canPipeline(head.command, busy)) return;
      this.queue.shift();
      this.start(head);
    }
  }

  private start(p: Pending): void {
    const writer = this.writerOptions();
    try {
      let command = toCommand(p.input, { tag: p.tag, mailboxUtf7: this.options.mailboxUtf7 !== false, utf8: writer.utf8 });
      if (p.sasl !== undefined && p.sasl.mechanism.initialResponse !== undefined && this.hasCapability('SASL-IR')) {
        command = { tag: p.tag, type: 'AUTHENTICATE', mechanism: p.sasl.mechanism.name, initialResponse: p.sasl.mechanism.initialResponse };
        p.sasl.initialSent = true;
      }
      p.command = command;
      p.fragments = encodeCommand(command, writer);
    } catch (e) {
      if (!(e instanceof ImapEncodeError)) throw e;
      this.fail(p, new CommandError('encode', p.tag, e.message, undefined, e));
      return;
    }
    this.track({ type: 'command', command: p.command, frame: EMPTY });
    p.phase = 'writing';
    this.inProgress.push(p);
    this.release(p);
  }

  /** Write fragments up to the next synchronizing literal (RFC 9051 §7.5: it waits for `+`). */
  private release(p: Pending): void {
    while (p.next < p.fragments.length) {
      const f = p.fragments[p.next];
      if (f.type === 'literal' && f.mode === 'sync' && this.continuationOwner !== p) {
        this.continuationOwner = p;
        return;
      }
      if (this.continuationOwner === p) this.continuationOwner = undefined;
      this.write(f.bytes);
      p.next++;
    }
    p.phase = 'sent';
    // AUTHENTICATE and IDLE go on in continuation rounds.
    if (p.sasl !== undefined || p.idle !== undefined) this.continuationOwner = p;
  }

  private sendDone(p: Pending): void {
    const idle = p.idle;
    if (idle === undefined || idle.doneSent || !idle.accepted || !this.inProgress.includes(p)) return;
    idle.doneSent = true;
    this.track({ type: 'done', tag: p.tag });
    this.write(encodeText('DONE\r\n'));
  }

  // --- input ---

  /**
   * Feed bytes from the server (any chunking). Returns the events they
   * caused, in wire order; completions settle their handles.
   */
  receive(bytes: Uint8Array): ClientSessionEvent[] {
    const start = this.received;
    this.received += bytes.length;
    this.handleFramerEvents(this.framer.push(bytes), bytes, start);
    return this.flushEvents();
  }

  /**
   * The server's bytes are over (the connection closed): an unfinished frame
   * is an error event; every command still waiting fails with `closed`.
   */
  end(): ClientSessionEvent[] {
    if (!this.closed) {
      this.handleFramerEvents(this.framer.end(), new Uint8Array(0), this.received);
      this.close('the connection ended');
    }
    return this.flushEvents();
  }

  private flushEvents(): ClientSessionEvent[] {
    const out = this.events;
    this.events = [];
    return out;
  }

  private emit(e: ClientSessionEvent): void {
    this.events.push(e);
    this.options.onEvent?.(e);
  }

  private handleFramerEvents(events: FramerEvent[], chunk: Uint8Array, chunkStart: number): void {
    for (const e of events) {
      if (e.type === 'error') {
        this.parseError(e.error);
      } else if (e.type === 'frame') {
        let response: Response;
        try {
          response = parseResponseFrame(e.frame, this.options).response;
        } catch (err) {
          this.parseError(err as ImapParseError);
          continue;
        }
        const end = e.frame.offset + e.frame.bytes.length;
        this.track({ type: 'response', response, frame: e.frame.bytes }, 'server', e.frame.offset, e.frame.bytes.length);
        if (this.onResponse(response)) {
          // The transport changes after this frame: what follows belongs to the new layer.
          const rest = chunk.subarray(Math.max(0, end - chunkStart));
          this.framer = this.newFramer();
          this.received = 0;
          const layer = this.lastSwitch!;
          this.emit({ type: 'transport', layer, rest });
          return;
        }
      }
    }
  }

  private lastSwitch: 'tls' | 'deflate' | undefined;

  private parseError(error: ImapParseError): void {
    this.track({ type: 'error', error, frame: EMPTY, tag: error.tag }, 'server', error.offset);
    const p = error.tag === undefined ? undefined : this.inProgress.find((q) => q.tag === error.tag);
    if (p === undefined) {
      this.emit({ type: 'error', error });
      return;
    }
    this.finish(p);
    this.fail(p, new CommandError('parse', p.tag, `the server's completion could not be read: ${error.message}`, undefined, error));
    this.pump();
  }

  /** Handle one response; true when the transport must switch after it. */
  private onResponse(r: Response): boolean {
    if (this.greetingValue === undefined && (r.type === 'OK' || r.type === 'PREAUTH' || r.type === 'BYE')) {
      this.greetingValue = r as Greeting;
      this.emit({ type: 'greeting', greeting: r as Greeting });
      for (const w of this.greetingWaiters.splice(0)) w.ok(r as Greeting);
      this.pump();
      return false;
    }
    if (r.type === 'tagged') return this.onTagged(r);
    if (r.type === 'continue') {
      this.onContinue(r);
      return false;
    }
    if (r.type === 'ESEARCH' && r.tag !== undefined) {
      const p = this.inProgress.find((q) => q.tag === r.tag);
      if (p !== undefined) {
        p.untagged.push(r);
        return false;
      }
    }
    const exists = this.tracked.mailbox?.count ?? 0;
    const owner = this.ownerOf(r, exists);
    if (owner !== undefined) owner.untagged.push(r);
    else this.emit({ type: 'unsolicited', response: r });
    return false;
  }

  /**
   * The oldest command in progress that claims `r`; except that a FETCH
   * command already answered for that message leaves a second FETCH
   * response to a later command that claims it too (a pipelined STORE's
   * new flags).
   */
  private ownerOf(r: Response, exists: number): Pending | undefined {
    const all = this.inProgress.filter((p) => claims(p.command, r, exists));
    if (r.type !== 'FETCH' || all.length < 2) return all[0];
    const fresh = all.find((p) => !(p.command.type === 'FETCH' && p.untagged.some((u) => u.type === 'FETCH' && u.seq === r.seq)));
    return fresh ?? all[0];
  }

  private onTagged(r: TaggedResponse): boolean {
    const p = this.inProgress.find((q) => q.tag === r.tag);
    if (p === undefined) {
      this.emit({ type: 'unsolicited', response: r });
      return false;
    }
    this.finish(p);
    const completion: Completion = { tag: p.tag, command: p.input, tagged: r, untagged: p.untagged };
    let switching = false;
    if (r.status === 'OK') {
      if (p.command.type === 'STARTTLS' || p.command.type === 'COMPRESS') {
        this.paused = true;
        this.lastSwitch = p.command.type === 'STARTTLS' ? 'tls' : 'deflate';
        switching = true;
      }
      p.handle.resolve(completion);
    } else {
      const failure = p.sasl?.cancelled === true ? 'cancelled' : r.status === 'NO' ? 'no' : 'bad';
      this.fail(p, new CommandError(failure, p.tag, `${r.status} ${r.text}`, completion));
    }
    this.pump();
    return switching;
  }

  /** Remove a command from the ones in progress. */
  private finish(p: Pending): void {
    const i = this.inProgress.indexOf(p);
    if (i >= 0) this.inProgress.splice(i, 1);
    if (this.continuationOwner === p) this.continuationOwner = undefined;
  }

  private fail(p: Pending, e: CommandError): void {
    p.handle.reject(e);
  }

  private onContinue(r: ContinueRequest): void {
    const p = this.continuationOwner;
    if (p === undefined) {
      this.emit({ type: 'unsolicited', response: r });
      return;
    }
    if (p.phase === 'writing') {
      // The `+` for a synchronizing literal: release it and what follows.
      this.write(p.fragments[p.next].bytes);
      p.next++;
      this.continuationOwner = undefined;
      this.release(p);
      this.pump();
    } else if (p.idle !== undefined) {
      if (p.idle.accepted) return;
      p.idle.accepted = true;
      (p.handle as IdleHandle).accept(true);
      this.emit({ type: 'idling', tag: p.tag });
      if ((p.handle as IdleHandle).ending) this.sendDone(p);
    } else if (p.sasl !== undefined) {
      this.saslStep(p, r);
    }
  }

  private saslStep(p: Pending, r: ContinueRequest): void {
    const answer = p.sasl!.answer(r.text);
    if (answer !== null && typeof (answer as PromiseLike<unknown>).then === 'function') {
      (answer as PromiseLike<Uint8Array | null>).then(
        (a) => this.saslAnswer(p, a),
        () => this.saslAnswer(p, null),
      );
    } else {
      this.saslAnswer(p, answer as Uint8Array | null);
    }
  }

  private saslAnswer(p: Pending, answer: Uint8Array | null): void {
    if (!this.inProgress.includes(p) || this.closed) return;
    this.track({ type: 'sasl', tag: p.tag, line: EMPTY, cancel: answer === null });
    this.write(p.sasl!.line(answer));
  }

  private close(reason: string): void {
    this.closed = true;
    for (const w of this.greetingWaiters.splice(0)) w.fail(new Error(`${reason} before the greeting`));
    const all = [...this.inProgress.splice(0), ...this.queue.splice(0)];
    this.continuationOwner = undefined;
    for (const p of all) this.fail(p, new CommandError('closed', p.tag, reason));
  }
}
