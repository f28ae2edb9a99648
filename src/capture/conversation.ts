/**
 * StreamEvents in, ConversationEvents out: both directions of each
 * connection decoded in wire order, the session modes followed across
 * directions as a passive observer would (RFC 9051 §5.5, §6.2.2, §7.5;
 * RFC 2177; RFC 4978; RFC 7888).
 */
import type { Frame, FramerEvent } from '../wire/framer.js';
import { Reader } from '../wire/reader.js';
import { ImapParseError } from '../wire/errors.js';
import { SERVER_LIMITS, CLIENT_LIMITS, type WireLimits } from '../wire/limits.js';
import type { ImapWarning } from '../wire/reader.js';
import { readCommandAt } from '../codec/parse-command.js';
import { readerFor, readResponseAt } from '../codec/parse-response.js';
import type { Response } from '../model/response.js';
import type { ConnectionInfo, ConversationEvent, ConversationPosition, InflaterFactory, SecretRange, SourceSpan, StreamEvent } from './types.js';
import { authenticateSecrets, contentEnd, lineSecrets, loginSecrets } from './secrets.js';
import { looksLikeFrameStart, PROBE_LENGTH } from './resync.js';
import { strictOptions, strictViolation, type ConversationValidateOptions } from './validate.js';
import { LF } from '../wire/chars.js';
import { ClientMode, Conn, EMPTY, Mode, NO_HELD, type Side, type SunkFrame, type Work } from './conversation-state.js';
import { concatBytes } from '../util/bytes.js';

export type { ConversationValidateOptions } from './validate.js';

/**
 * ConversationDecoder options.
 *
 * @example
 * new ConversationDecoder({ inflater: () => myRawInflater(), validate: { grammar: 'imap4rev2' } });
 */
export interface ConversationOptions {
  /**
   * Makes the raw-DEFLATE inflater for each direction of a COMPRESS=DEFLATE
   * session (RFC 4978). Without one, a compressed session is reported
   * (`compressed`, then a `notice`) and not decoded further.
   */
  inflater?: InflaterFactory;
  /** Check every frame in strict mode too: each frame event carries `violation` when strict mode refuses it. */
  validate?: ConversationValidateOptions;
  /** Limits of the framers (defaults: the larger of the client and server defaults). */
  limits?: WireLimits;
}

/**
 * Decodes the streams a capture reader yields into commands and
 * responses, following each connection's session modes across both
 * directions:
 *
 * - synchronizing literals: the client's literal data is read after the
 *   server's `+`; a tagged NO/BAD instead means it never comes. LITERAL+ /
 *   LITERAL- literals follow at once. On lossy connections (printed
 *   transcripts) every literal follows at once;
 * - AUTHENTICATE: client lines are `sasl` events until the tagged answer
 *   (`*` cancels); SASL-IR initial responses and SASL lines are marked secret;
 * - IDLE: the client's `DONE` is a `done` event;
 * - STARTTLS: after the tagged OK answering THAT command both directions are
 *   `encrypted` and no longer parsed; implicit TLS (`ConnectionInfo.tls`)
 *   is encrypted from the start;
 * - COMPRESS=DEFLATE: after the tagged OK answering it, each direction is
 *   inflated from its exact next byte (one inflater per direction).
 *   **Offsets after that point count in the inflated stream**, starting
 *   at the raw offset where compression began (the `compressed` event's
 *   `offsets`); events there carry no `source`;
 * - gaps: the partial frame is dropped and decoding resumes at the next
 *   line that looks like the start of a frame; errors of the first frames
 *   after it are not reported (they may be data read as a line).
 *
 * Memory per connection is the framers' partial frames and a few fields.
 * `push` is async only because inflation is: await each call before the
 * next.
 *
 * @example
 * const conv = new ConversationDecoder({ inflater: makeInflater });
 * for (const sev of streamEvents) {
 *   for (const ev of await conv.push(sev)) if (ev.type === 'command') console.log(ev.command.type);
 * }
 * for (const ev of await conv.end()) console.log(ev.type);
 */
export class ConversationDecoder {
  private readonly conns = new Map<string, Conn>();
  private readonly inflaterFactory: InflaterFactory | undefined;
  private readonly limits: WireLimits;
  private readonly maxDepth: number;
  private readonly maxHeld: number;
  private readonly strict: ReturnType<typeof strictOptions> | undefined;
  /** Re-parse every frame strictly (a grammar version narrows what strict accepts). */
  private readonly strictAll: boolean;
  private out: ConversationEvent[] = [];
  private work: Work[] = [];
  /**
   * One Reader for every client frame and one for every server frame (see
   * `Reader.reset`): nothing of a Reader outlives the frame it reads.
   */
  private readonly commandReader: Reader;
  private readonly responseReader: Reader = readerFor({});

  constructor(options: ConversationOptions = {}) {
    this.inflaterFactory = options.inflater;
    const l = options.limits ?? {};
    this.limits = {
      maxLineLength: l.maxLineLength ?? Math.max(SERVER_LIMITS.maxLineLength, CLIENT_LIMITS.maxLineLength),
      maxLiteralSize: l.maxLiteralSize ?? Math.max(SERVER_LIMITS.maxLiteralSize, CLIENT_LIMITS.maxLiteralSize),
      maxFrameSize: l.maxFrameSize ?? Math.max(SERVER_LIMITS.maxFrameSize, CLIENT_LIMITS.maxFrameSize),
      maxDepth: l.maxDepth ?? Math.max(SERVER_LIMITS.maxDepth, CLIENT_LIMITS.maxDepth),
    };
    this.maxDepth = this.limits.maxDepth!;
    this.maxHeld = this.limits.maxFrameSize!;
    this.commandReader = new Reader(EMPTY, { maxDepth: this.maxDepth });
    if (options.validate !== undefined) {
      this.strict = strictOptions(options.validate, this.maxDepth);
      this.strictAll = options.validate.grammar !== undefined;
    } else {
      this.strictAll = false;
    }
  }

  /**
   * Bytes held across all open connections: unfinished frames, client
   * bytes waiting for the answer to STARTTLS / COMPRESS, line starts kept
   * while resynchronising. Bounded by the largest frame per connection.
   */
  get bufferedBytes(): number {
    let n = 0;
    for (const c of this.conns.values()) {
      for (const s of [c.client, c.server]) n += s.framer.bufferedBytes + s.heldBytes + s.carry.length;
    }
    return n;
  }

  /** Feed one stream event; get the conversation events it completes, in wire order. */
  async push(ev: StreamEvent): Promise<ConversationEvent[]> {
    if (ev.type === 'close') await this.drain();
    this.accept(ev);
    await this.drain();
    return this.take();
  }

  /**
   * Feed several stream events (a chunk's worth); get the conversation
   * events they complete, in wire order. Synchronous, with no promise and
   * no await per event, unless a COMPRESS=DEFLATE stream has to be
   * inflated: then a promise, which must be awaited before the next call.
   * The same events as {@link push} called on each in turn.
   *
   * @example
   * const r = conv.pushMany(reader.push(chunk));
   * for (const ev of r instanceof Promise ? await r : r) console.log(ev.type);
   */
  pushMany(events: readonly StreamEvent[]): ConversationEvent[] | Promise<ConversationEvent[]> {
    for (let i = 0; i < events.length; i++) {
      const ev = events[i]!;
      if (ev.type === 'close' && !this.drainSync()) return this.pushRest(events, i);
      this.accept(ev);
      if (!this.drainSync()) return this.pushRest(events, i + 1);
    }
    return this.take();
  }

  /** {@link pushMany} from `from` on, once an inflater has to be waited for. */
  private async pushRest(events: readonly StreamEvent[], from: number): Promise<ConversationEvent[]> {
    await this.drain();
    for (let i = from; i < events.length; i++) {
      const ev = events[i]!;
      if (ev.type === 'close') await this.drain();
      this.accept(ev);
      await this.drain();
    }
    return this.take();
  }

  /** The events completed so far, handed over. */
  private take(): ConversationEvent[] {
    const out = this.out;
    this.out = [];
    return out;
  }

  /** One stream event, without waiting: what needs an inflater is queued as work (a close expects the queue drained). */
  private accept(ev: StreamEvent): void {
    switch (ev.type) {
      case 'open':
        this.open(ev.connection, ev.time);
        break;
      case 'data': {
        const conn = this.conn(ev.connection);
        const side = conn[ev.direction];
        side.time = ev.time;
        let bytes = ev.bytes;
        if (side.rawNext < 0) {
          // After a gap of unknown length, the stream goes on where this chunk says.
          side.rawNext = ev.offset;
          if (side.inflater === undefined && side.mode === Mode.Resync) side.next = side.carryAt = ev.offset;
        } else if (ev.offset !== side.rawNext) {
          if (ev.offset > side.rawNext) {
            this.gap(conn, side, side.rawNext, ev.offset - side.rawNext, ev.time, true);
          } else {
            // Bytes seen already (a retransmission the reader let through).
            const skip = side.rawNext - ev.offset;
            if (skip >= bytes.length) break;
            bytes = bytes.subarray(skip);
          }
        }
        side.rawNext += bytes.length;
        side.chunkSource = ev.source !== undefined && side.inflater === undefined ? shift(ev.source, ev.bytes.length - bytes.length) : undefined;
        if (side.inflater === undefined && side.mode === Mode.Plain && this.work.length === 0) {
          // The common case, kept free of the work queue.
          this.frame(conn, side, bytes);
        } else {
          this.work.push({ conn, side, bytes });
        }
        break;
      }
      case 'gap': {
        const conn = this.conn(ev.connection);
        const side = conn[ev.direction];
        this.gap(conn, side, ev.offset, ev.length, ev.time, false);
        side.rawNext = ev.length !== undefined ? ev.offset + ev.length : -1;
        break;
      }
      case 'close': {
        const conn = this.conns.get(ev.connection);
        if (conn !== undefined) {
          // The caller drained the work queue before a close.
          if (ev.direction === undefined || ev.direction === 'client') this.finish(conn, conn.client);
          if (ev.direction === undefined || ev.direction === 'server') this.finish(conn, conn.server);
          if (ev.direction === undefined) conn.closed.client = conn.closed.server = true;
          else conn.closed[ev.direction] = true;
          if (conn.closed.client && conn.closed.server) this.conns.delete(ev.connection);
        }
        this.out.push(ev);
        break;
      }
      case 'notice':
        this.out.push(ev);
        break;
    }
  }

  /** The input is over: unfinished frames become `incomplete` error events. */
  async end(): Promise<ConversationEvent[]> {
    await this.drain();
    for (const conn of this.conns.values()) {
      this.finish(conn, conn.client);
      this.finish(conn, conn.server);
    }
    this.conns.clear();
    await this.drain();
    const out = this.out;
    this.out = [];
    return out;
  }

  // ---- connections and stream-level events ------------------------------

  private open(info: ConnectionInfo, time: number | undefined): Conn {
    const conn = new Conn(info, this.limits);
    this.conns.set(info.id, conn);
    this.out.push(time === undefined ? { type: 'open', connection: info } : { type: 'open', connection: info, time });
    if (info.tls === true) {
      conn.client.mode = conn.server.mode = Mode.Encrypted;
      this.out.push(withTime({ type: 'encrypted', connection: info.id, offset: 0, reason: 'port' }, time));
    }
    return conn;
  }

  private conn(id: string): Conn {
    return this.conns.get(id) ?? this.open({ id, reason: 'named' }, undefined);
  }

  private gap(conn: Conn, side: Side, offset: number, length: number | undefined, time: number | undefined, inferred: boolean): void {
    this.out.push(withTime({ type: 'gap', connection: conn.info.id, direction: side.direction, offset, ...(length !== undefined ? { length } : {}) }, time));
    if (inferred) side.rawNext = offset + (length ?? 0);
    if (side.mode === Mode.Encrypted || side.mode === Mode.Lost) return;
    if (side.inflater !== undefined) {
      side.mode = Mode.Lost;
      this.out.push({ type: 'notice', connection: conn.info.id, message: `${side.direction} stream: a gap in a compressed stream; the rest of it cannot be inflated` });
      return;
    }
    if (side.mode === Mode.Hold) {
      // The STARTTLS / COMPRESS decision is still due; what the client sent meanwhile is lost anyway.
      side.held = NO_HELD;
      side.heldBytes = 0;
    }
    const at = length !== undefined ? offset + length : side.next;
    side.restart(at);
    side.mode = Mode.Resync;
    // Where the gap ends may be where a frame starts (captures often start at one).
    side.atLineStart = true;
    side.carry = EMPTY;
    side.carryAt = at;
    if (side.direction === 'client') conn.clientMode = ClientMode.Command;
  }

  /** The direction ended: an unfinished frame is an error (unless the position is unsure). */
  private finish(conn: Conn, side: Side): void {
    if (side.mode !== Mode.Plain) return;
    this.framerEvents(conn, side, side.framer.end(), null);
  }

  /** Works through the queue, waiting for each inflation. */
  private async drain(): Promise<void> {
    while (!this.drainSync()) {
      const w = this.work.shift()!;
      const side = w.side;
      let bytes: Uint8Array;
      try {
        bytes = await side.inflater!.inflate(w.bytes);
      } catch (e) {
        side.mode = Mode.Lost;
        this.out.push({ type: 'notice', connection: w.conn.info.id, message: `${side.direction} stream: inflating failed (${e instanceof Error ? e.message : String(e)}); the rest of it is not decoded` });
        continue;
      }
      if (side.mode === Mode.Resync) this.resync(w.conn, side, bytes);
      else if (side.mode === Mode.Plain) this.frame(w.conn, side, bytes);
    }
  }

  /**
   * Works through the queue as far as it can without waiting; false when
   * the next item has to be inflated first (it stays at the head).
   */
  private drainSync(): boolean {
    while (this.work.length > 0) {
      const w = this.work[0]!;
      const side = w.side;
      if (side.mode === Mode.Encrypted || side.mode === Mode.Lost) {
        this.work.shift();
        continue;
      }
      if (side.mode === Mode.Hold) {
        this.work.shift();
        this.hold(w.conn, side, w.bytes);
        continue;
      }
      if (side.inflater !== undefined) return false;
      this.work.shift();
      if (side.mode === Mode.Resync) this.resync(w.conn, side, w.bytes);
      else this.frame(w.conn, side, w.bytes);
    }
    return true;
  }

  private hold(conn: Conn, side: Side, bytes: Uint8Array): void {
    if (bytes.length === 0) return;
    side.heldBytes += bytes.length;
    if (side.heldBytes > this.maxHeld) {
      side.held = NO_HELD;
      side.heldBytes = 0;
      side.mode = Mode.Resync;
      side.restart(side.next);
      this.out.push({ type: 'notice', connection: conn.info.id, message: `client stream: more than ${this.maxHeld} bytes sent before the server answered ${conn.tlsTag !== undefined ? 'STARTTLS' : 'COMPRESS'}; they are dropped` });
      conn.tlsTag = conn.compressTag = undefined;
      return;
    }
    if (side.held === NO_HELD) side.held = [];
    side.held.push(bytes.slice());
  }

  // ---- resynchronising after a gap ---------------------------------------

  private resync(conn: Conn, side: Side, bytes: Uint8Array): void {
    const n = bytes.length;
    let i = 0;
    while (i < n) {
      if (!side.atLineStart) {
        const lf = bytes.indexOf(LF, i);
        side.next += (lf < 0 ? n : lf + 1) - i;
        if (lf < 0) return;
        i = lf + 1;
        side.atLineStart = true;
        side.carry = EMPTY;
        side.carryAt = side.next;
        continue;
      }
      const take = bytes.subarray(i, Math.min(n, i + PROBE_LENGTH));
      const probe = side.carry.length > 0 ? concatBytes([side.carry, take]) : take;
      const lf = probe.indexOf(LF);
      const verdict = looksLikeFrameStart(side.direction, probe, lf < 0 ? Math.min(probe.length, PROBE_LENGTH) : lf + 1, lf >= 0);
      if (verdict === undefined) {
        side.carry = probe.slice();
        side.next += n - i;
        return;
      }
      if (verdict) {
        const carry = side.carry;
        side.restart(side.carryAt);
        side.mode = Mode.Plain;
        side.unsure = true;
        side.carry = EMPTY;
        const src = side.chunkSource;
        if (carry.length > 0) {
          // Where the carried bytes sit in the input is no longer known.
          side.chunkSource = undefined;
          this.frame(conn, side, carry);
        }
        side.chunkSource = src !== undefined && i > 0 ? shift(src, i) : src;
        this.frame(conn, side, bytes.subarray(i));
        return;
      }
      // Not a frame: skip the line (from where this chunk's part of it starts).
      side.atLineStart = false;
      side.carry = EMPTY;
    }
  }

  // ---- framing ------------------------------------------------------------

  /** Feed bytes to a side's framer and interpret what it completes. */
  private frame(conn: Conn, side: Side, bytes: Uint8Array): void {
    if (side.direction === 'client' && bytes.length > 0 && !side.awaitedEarly && side.framer.awaitingLiteral && conn.ordered) {
      // Literal data (or anything) sent while the `+` is still due.
      side.awaitedEarly = true;
      side.earlyLiterals++;
    }
    side.chunkAt = side.next;
    side.chunkLen = bytes.length;
    side.next += bytes.length;
    this.framerEvents(conn, side, side.framer.push(bytes), bytes);
    if (side.mode === Mode.Plain && side.framer.bufferedBytes > 0 && side.chunkSource !== undefined) {
      const start = side.chunkAt + side.chunkLen - side.framer.bufferedBytes;
      if (start >= side.chunkAt) {
        side.partAt = side.chunkAt;
        side.partSource = side.chunkSource;
      }
    }
  }

  /**
   * Interpret framer events in order. `chunk` is what was pushed (null when
   * the events come from a literal decision or the end): after a frame that
   * switches the stream (STARTTLS, COMPRESS), the rest of the chunk is not
   * IMAP text and is taken from here.
   */
  private framerEvents(conn: Conn, side: Side, events: (FramerEvent | SunkFrame)[], chunk: Uint8Array | null): void {
    const framer = side.framer;
    for (let i = 0; i < events.length; i++) {
      const ev = events[i];
      switch (ev.type) {
        case 'sunk': {
          const switched = side.direction === 'client' ? this.clientFrame(conn, side, ev) : this.serverFrame(conn, side, ev);
          if (switched) {
            const end = side.base + ev.offset + ev.bytes.length;
            let rest: Uint8Array;
            if (chunk !== null) {
              rest = chunk.subarray(end - side.chunkAt);
            } else {
              // From bytes the framer held: what it framed after this frame is all that is left of them.
              const parts: Uint8Array[] = [];
              for (let k = i + 1; k < events.length; k++) {
                const e = events[k];
                if (e.type === 'sunk') parts.push(e.bytes);
              }
              rest = concatBytes(parts);
            }
            this.switchSide(conn, side, end, rest);
            return;
          }
          break;
        }
        case 'literal':
          if (side.direction === 'client' && conn.clientMode === ClientMode.Command) {
            side.literalTag = ev.tag;
            const at = side.base + ev.offset;
            this.out.push({ ...this.position(side, conn, at, 0), type: 'literal', tag: ev.tag, length: ev.length, mode: ev.mode, binary: ev.binary });
            // Bytes past the header already came, before any `+` could (RFC 9051 §4.3).
            side.awaitedEarly = conn.ordered && side.next > at;
            if (side.awaitedEarly) side.earlyLiterals++;
            // A printed transcript shows no reliable `+`, nor one whose sides' order is lost: read the literal at once.
            if (conn.lossy || conn.info.unordered === true) this.framerEvents(conn, side, framer.acceptLiteral(), null);
          } else {
            // No literal belongs in a SASL line or in DONE.
            this.framerEvents(conn, side, framer.rejectLiteral(), null);
          }
          break;
        case 'error': {
          if (side.unsure) break;
          const error = side.base === 0 ? ev.error : ev.error.rebase(side.base);
          this.out.push({ type: 'error', error, frame: EMPTY, ...(error.tag !== undefined ? { tag: error.tag } : {}), ...this.position(side, conn, error.offset, 0) });
          break;
        }
        default:
          // Frames come through the sink; literal streaming is off: no literal-* events.
          break;
      }
      if (side.framer !== framer) return;
    }
  }

  /** The stream switched after a frame ending at `end`: set the side's new mode and route the rest. */
  private switchSide(conn: Conn, side: Side, end: number, rest: Uint8Array): void {
    if (side.direction === 'client') {
      // STARTTLS / COMPRESS: keep what follows until the server decides.
      side.restart(end);
      side.mode = Mode.Hold;
      conn.switchAt = end;
      if (rest.length > 0) this.hold(conn, side, rest);
      return;
    }
    side.restart(end);
    if (side.mode === Mode.Plain && rest.length > 0) {
      side.chunkSource = undefined;
      // After the client's held bytes, which decide() queued: commands come before their answers.
      this.work.push({ conn, side, bytes: rest });
    }
  }

  // ---- the client side -----------------------------------------------------

  /** One client frame; true when the stream switches after it. */
  private clientFrame(conn: Conn, side: Side, frame: SunkFrame): boolean {
    const b = frame.bytes;
    const abs = side.base + frame.offset;
    side.literalTag = undefined;
    const earlyLiterals = side.earlyLiterals;
    side.earlyLiterals = 0;
    side.awaitedEarly = false;
    if (conn.clientMode === ClientMode.Sasl) {
      const e = contentEnd(b);
      const cancel = e === 1 && b[0] === 0x2a;
      const line = b.subarray(0, e);
      const secrets = cancel ? undefined : lineSecrets(0, e);
      this.out.push({ type: 'sasl', tag: conn.saslTag, line, cancel, ...(secrets !== undefined ? { secrets } : {}), ...this.position(side, conn, abs, b.length) });
      side.unsure = false;
      return false;
    }
    if (conn.clientMode === ClientMode.Idle && isDone(b)) {
      conn.clientMode = ClientMode.Command;
      this.out.push({ type: 'done', tag: conn.idleTag, ...this.position(side, conn, abs, b.length) });
      side.unsure = false;
      return false;
    }
    let parsed;
    try {
      const r = this.commandReader;
      r.reset(b, 0, b.length, abs);
      parsed = readCommandAt(r);
    } catch (e) {
      if (!side.unsure) this.frameError(conn, side, e as ImapParseError, frame, abs);
      return false;
    }
    side.unsure = false;
    const command = parsed.command;
    const warnings = allWarnings(parsed.warnings, frame, abs);
    const time = side.time;
    const source = this.sourceOf(side, abs, b.length);
    const ev: ConversationEvent & { type: 'command' } =
      time !== undefined && source !== undefined
        ? { type: 'command', connection: conn.info.id, direction: 'client', offset: abs, length: b.length, command, frame: b, time, source }
        : placed({ type: 'command', connection: conn.info.id, direction: 'client', offset: abs, length: b.length, command, frame: b }, time, source);
    if (warnings !== undefined) ev.warnings = warnings;
    if (this.strict !== undefined && (warnings !== undefined || this.strictAll)) {
      const violation = strictViolation('client', abs === frame.offset ? frame : { ...frame, offset: abs }, this.strict);
      if (violation !== undefined) ev.violation = violation;
    }
    let secrets: SecretRange[] | undefined;
    switch (command.type) {
      case 'LOGIN':
        secrets = loginSecrets(b);
        break;
      case 'AUTHENTICATE':
        if (command.initialResponse !== undefined) secrets = authenticateSecrets(b);
        conn.clientMode = ClientMode.Sasl;
        conn.saslTag = command.tag;
        break;
      case 'IDLE':
        conn.clientMode = ClientMode.Idle;
        conn.idleTag = command.tag;
        break;
      case 'STARTTLS':
        conn.tlsTag = command.tag;
        break;
      case 'COMPRESS':
        conn.compressTag = command.tag;
        break;
    }
    if (secrets !== undefined) ev.secrets = secrets;
    if (earlyLiterals > 0) ev.earlyLiterals = earlyLiterals;
    this.out.push(ev);
    return command.type === 'STARTTLS' || command.type === 'COMPRESS';
  }

  // ---- the server side -----------------------------------------------------

  /** One server frame; true when the stream switches after it. */
  private serverFrame(conn: Conn, side: Side, frame: SunkFrame): boolean {
    const abs = side.base + frame.offset;
    const b = frame.bytes;
    let response: Response;
    let parsedWarnings: ImapWarning[] | undefined;
    try {
      // No literal is streamed here, so the frame is read where it lies (as ResponseDecoder does).
      const r = this.responseReader;
      r.reset(b, 0, b.length, abs);
      response = readResponseAt(r);
      parsedWarnings = r.warnings;
    } catch (e) {
      if (!side.unsure) this.frameError(conn, side, e as ImapParseError, frame, abs);
      return false;
    }
    side.unsure = false;
    const time = side.time;
    const source = this.sourceOf(side, abs, b.length);
    // One literal with every field a capture gives (no properties added later, no second allocation).
    const ev: ConversationEvent & { type: 'response' } =
      time !== undefined && source !== undefined
        ? { type: 'response', connection: conn.info.id, direction: 'server', offset: abs, length: b.length, response, frame: b, time, source }
        : placed({ type: 'response', connection: conn.info.id, direction: 'server', offset: abs, length: b.length, response, frame: b }, time, source);
    const warnings = allWarnings(parsedWarnings, frame, abs);
    if (warnings !== undefined) ev.warnings = warnings;
    if (this.strict !== undefined && (warnings !== undefined || this.strictAll)) {
      const violation = strictViolation('server', abs === frame.offset ? frame : { ...frame, offset: abs }, this.strict);
      if (violation !== undefined) ev.violation = violation;
    }
    const client = conn.client;
    if (response.type === 'continue') {
      if (conn.clientMode === ClientMode.Sasl && !client.framer.awaitingLiteral) {
        // A challenge: AUTHENTICATE data in the server's direction.
        const secrets = lineSecrets(2, contentEnd(b));
        if (secrets !== undefined) ev.secrets = secrets;
      }
      this.out.push(ev);
      if (client.mode === Mode.Plain && client.framer.awaitingLiteral) {
        client.literalTag = undefined;
        client.awaitedEarly = false;
        this.framerEvents(conn, client, client.framer.acceptLiteral(), null);
      }
      return false;
    }
    this.out.push(ev);
    if (response.type !== 'tagged') return false;
    const tag = response.tag;
    if (client.mode === Mode.Plain && client.framer.awaitingLiteral && client.literalTag === tag) {
      // NO [TOOBIG] / BAD instead of "+": the client sends no literal (RFC 7888 §4).
      client.literalTag = undefined;
      client.earlyLiterals = 0;
      client.awaitedEarly = false;
      this.framerEvents(conn, client, client.framer.rejectLiteral(), null);
    }
    if (tag === conn.saslTag) {
      conn.saslTag = undefined;
      if (conn.clientMode === ClientMode.Sasl) conn.clientMode = ClientMode.Command;
    }
    if (tag === conn.idleTag) {
      conn.idleTag = undefined;
      if (conn.clientMode === ClientMode.Idle) conn.clientMode = ClientMode.Command;
    }
    if (tag === conn.tlsTag) {
      conn.tlsTag = undefined;
      return this.decide(conn, side, response.status === 'OK', 'STARTTLS', abs + b.length);
    }
    if (tag === conn.compressTag) {
      conn.compressTag = undefined;
      return this.decide(conn, side, response.status === 'OK', 'COMPRESS', abs + b.length);
    }
    return false;
  }

  /**
   * The server answered STARTTLS or COMPRESS (RFC 9051 §6.2.1, RFC 4978
   * §3): on OK both directions switch, the server's right after this
   * response, the client's right after its command. True when the server
   * side switches.
   */
  private decide(conn: Conn, server: Side, ok: boolean, what: 'STARTTLS' | 'COMPRESS', serverAt: number): boolean {
    const client = conn.client;
    const held = client.mode === Mode.Hold ? client.held : [];
    const clientAt = client.mode === Mode.Hold ? conn.switchAt : client.next;
    if (client.mode === Mode.Hold) {
      client.held = NO_HELD;
      client.heldBytes = 0;
      client.mode = Mode.Plain;
      client.restart(clientAt);
    }
    const id = conn.info.id;
    const time = server.time;
    if (!ok) {
      // Plain text after all: read it now, before the rest of the server's chunk (it was sent first).
      for (const h of held) this.frame(conn, client, h);
      return false;
    }
    if (what === 'STARTTLS') {
      client.mode = server.mode = Mode.Encrypted;
      this.out.push(withTime({ type: 'encrypted', connection: id, direction: 'client', offset: clientAt, reason: 'starttls' }, time));
      this.out.push(withTime({ type: 'encrypted', connection: id, direction: 'server', offset: serverAt, reason: 'starttls' }, time));
      return true;
    }
    this.out.push(withTime({ type: 'compressed', connection: id, algorithm: 'DEFLATE', offsets: { client: clientAt, server: serverAt } }, time));
    if (this.inflaterFactory === undefined) {
      client.mode = server.mode = Mode.Lost;
      this.out.push({ type: 'notice', connection: id, message: 'COMPRESS=DEFLATE is on and no inflater was given; the rest of this connection is not decoded' });
      return true;
    }
    client.inflater = this.inflaterFactory();
    server.inflater = this.inflaterFactory();
    for (const h of held) this.work.push({ conn, side: client, bytes: h });
    return true;
  }

  // ---- events ---------------------------------------------------------------

  private frameError(conn: Conn, side: Side, error: ImapParseError, frame: Frame, abs: number): void {
    const tag = error.tag;
    this.out.push({ type: 'error', error, frame: frame.bytes, ...(tag !== undefined ? { tag } : {}), ...this.position(side, conn, abs, frame.bytes.length) });
  }

  /** Where an event sits. */
  private position(side: Side, conn: Conn, offset: number, length: number): ConversationPosition {
    const p: ConversationPosition = { connection: conn.info.id, direction: side.direction, offset, length };
    this.place(p, side);
    return p;
  }

  /** Add time and source to a position. */
  private place(p: ConversationPosition, side: Side): void {
    placed(p, side.time, this.sourceOf(side, p.offset, p.length));
  }

  /** Where a frame starting at `offset` begins in the input file, when the chunk it began in is known. */
  private sourceOf(side: Side, offset: number, length: number): SourceSpan | undefined {
    if (side.chunkSource === undefined && side.partSource === undefined) return undefined;
    let at: number;
    let src: SourceSpan | undefined;
    if (side.chunkSource !== undefined && offset >= side.chunkAt && offset < side.chunkAt + side.chunkLen) {
      at = side.chunkAt;
      src = side.chunkSource;
    } else if (side.partSource !== undefined && side.partAt >= 0 && offset >= side.partAt && offset < side.partAt + side.partSource.length) {
      at = side.partAt;
      src = side.partSource;
    } else {
      return undefined;
    }
    const d = offset - at;
    // A frame that is its whole TCP segment (the usual small response) shares the segment's span.
    if (d === 0 && length === src.length) return src;
    return { offset: src.offset + d, length: Math.min(length, src.length - d) };
  }
}

/** A position with its time and source added where they are known. */
function placed<T extends ConversationPosition>(p: T, time: number | undefined, source: SourceSpan | undefined): T {
  if (time !== undefined) p.time = time;
  if (source !== undefined) p.source = source;
  return p;
}

function withTime<T extends object>(ev: T, time: number | undefined): T & { time?: number } {
  return time === undefined ? ev : { ...ev, time };
}

function shift(s: SourceSpan, by: number): SourceSpan {
  return by === 0 ? s : { offset: s.offset + by, length: Math.max(0, s.length - by) };
}

/** `DONE` CRLF (RFC 2177 §3), case-insensitive. */
function isDone(b: Uint8Array): boolean {
  const e = contentEnd(b);
  return e === 4 && (b[0] | 0x20) === 0x64 && (b[1] | 0x20) === 0x6f && (b[2] | 0x20) === 0x6e && (b[3] | 0x20) === 0x65;
}

/**
 * The parser's tolerances, and the framer's where the parser did not
 * record the same one (it reads the line ends and literal headers again).
 */
function allWarnings(parsed: ImapWarning[] | undefined, frame: Frame, abs: number): ImapWarning[] | undefined {
  if (frame.warnings === undefined) return parsed;
  const extra: ImapWarning[] = [];
  for (const name of frame.warnings) if (parsed === undefined || !parsed.some((w) => w.name === name)) extra.push({ name, offset: abs });
  if (extra.length === 0) return parsed;
  return parsed === undefined ? extra : extra.concat(parsed);
}

