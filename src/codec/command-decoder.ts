import { Framer, type FramerEvent, type LiteralMode, type Frame } from '../wire/framer.js';
import { ImapParseError } from '../wire/errors.js';
import type { WireLimits } from '../wire/limits.js';
import { Reader, type ImapWarning } from '../wire/reader.js';
import type { Command } from '../model/command.js';
import { readCommandAt } from './parse-command.js';
import { serverLiteralLimitFor } from './capabilities.js';
import { decodeBase64 } from '../util/base64.js';
import { printable } from '../util/text.js';
import { chunkBytes } from './chunk.js';

/**
 * What {@link CommandDecoder} returns, in wire order.
 *
 * - `command`: a complete command (the value `parseCommand` gives).
 * - `literal`: the client announced a synchronizing literal `{n}`. The
 *   server answers `+ ...` and calls {@link CommandDecoder.acceptLiteral},
 *   or answers `tag NO [TOOBIG]` / `tag BAD` and calls
 *   {@link CommandDecoder.rejectLiteral} (the command is dropped).
 * - `error`: a command was refused; `tag` (when known) is for `tag BAD`.
 * - `sasl` / `sasl-cancel`: a client line during AUTHENTICATE (decoded
 *   base64 data, or `*`).
 * - `done`: the client ended IDLE.
 *
 * During IDLE a line other than `DONE` is an `error` event with the IDLE
 * tag, and IDLE is over: the server answers `tag BAD` and the decoder
 * reads commands again (as Dovecot does).
 *
 * @example
 * for (const ev of decoder.push(chunk)) {
 *   if (ev.type === 'command') handle(ev.command);
 *   else if (ev.type === 'error') socket.write(`${ev.tag ?? '*'} BAD ${ev.error.expected}\r\n`);
 * }
 */
export type CommandDecoderEvent =
  | { type: 'command'; command: Command; warnings?: ImapWarning[] }
  | { type: 'literal'; tag: string | undefined; length: number; mode: LiteralMode; binary: boolean }
  | { type: 'error'; error: ImapParseError; tag: string | undefined }
  | { type: 'sasl'; data: Uint8Array; warnings?: ImapWarning[] }
  | { type: 'sasl-cancel' }
  | { type: 'done'; warnings?: ImapWarning[] };

/**
 * CommandDecoder options. Limits default to `SERVER_LIMITS`; before
 * authentication the line and literal limits are smaller.
 *
 * @example
 * new CommandDecoder({ capabilities: ['IMAP4rev2', 'LITERAL+'], maxLiteralSize: 50 * 1024 * 1024 });
 */
export interface CommandDecoderOptions extends WireLimits {
  /** Accept only what the RFC grammar allows. */
  strict?: boolean;
  /** Quirk ids strict mode accepts (see `QUIRKS`); each is still reported as a warning. */
  allowQuirks?: readonly string[];
  /** The grammar to hold commands to; absent accepts either where they differ. */
  grammar?: 'imap4rev1' | 'imap4rev2';
  /**
   * The capabilities the server advertises: LITERAL+ allows
   * non-synchronizing literals of any size, LITERAL- (or IMAP4rev2) up to
   * 4096 bytes. Default: as if LITERAL- was advertised.
   */
  capabilities?: Iterable<string>;
  /** Largest non-synchronizing literal; overrides `capabilities`. */
  maxNonSyncLiteral?: number;
  /** The session starts authenticated (e.g. after PREAUTH). Default false. */
  authenticated?: boolean;
  /** Longest line before authentication (default 8192). */
  maxLineLengthBeforeAuth?: number;
  /** Largest literal before authentication (default 65536). */
  maxLiteralSizeBeforeAuth?: number;
}

const enum Mode {
  Command,
  /** After AUTHENTICATE / IDLE / STARTTLS / COMPRESS / a SASL line: frames wait for the server's word. */
  Paused,
  Sasl,
  Idle,
}

/** Commands after which the client waits for the server before sending more. */
const PAUSING = new Set(['AUTHENTICATE', 'IDLE', 'STARTTLS', 'COMPRESS']);

/**
 * The server side: bytes from a client in, commands and session events
 * out. It wraps a {@link Framer} and keeps the session modes the wire
 * needs: synchronizing literals wait for the server's decision; after
 * AUTHENTICATE, IDLE, STARTTLS and COMPRESS the decoder holds what
 * follows until the server says how to read it:
 *
 * - {@link startAuthenticate}: the server sent a `+` challenge; the next
 *   client line is SASL data (one `sasl` or `sasl-cancel` event, then
 *   the decoder holds again until the next challenge or the end).
 * - {@link startIdle}: the server sent `+ idling`; the client line must
 *   be `DONE` (a `done` event; then commands again). Any other line is an
 *   `error` event with the IDLE tag and ends IDLE too.
 * - {@link resume} (alias {@link endAuthenticate}): the exchange is over
 *   or was refused; read commands again.
 *
 * A bad command is an `error` event with its tag; the next command is
 * read as usual.
 *
 * @example
 * const decoder = new CommandDecoder({ capabilities: ['IMAP4rev2'] });
 * socket.on('data', (chunk) => handle(decoder.push(chunk)));
 */
export class CommandDecoder {
  readonly strict: boolean;
  private readonly allowQuirks: readonly string[] | undefined;
  private readonly grammar: 'imap4rev1' | 'imap4rev2' | undefined;
  private readonly framer: Framer;
  private readonly maxDepth: number;
  private readonly lineAuth: number;
  private readonly lineBefore: number;
  private readonly literalAuth: number;
  private readonly literalBefore: number;
  private auth = false;
  private mode = Mode.Command;
  private held: FramerEvent[] = [];
  private heldBytes = 0;
  /** Tag of the command that started the current AUTHENTICATE / IDLE. */
  private sessionTag: string | undefined;
  private sessionType: string | undefined;
  private reader: Reader | undefined;

  constructor(options: CommandDecoderOptions = {}) {
    this.strict = options.strict ?? false;
    this.allowQuirks = options.allowQuirks;
    this.grammar = options.grammar;
    const nonSync =
      options.maxNonSyncLiteral ?? (options.capabilities !== undefined ? serverLiteralLimitFor(options.capabilities) : 4096);
    this.framer = new Framer({
      side: 'server',
      strict: this.strict,
      allowQuirks: this.allowQuirks,
      maxLineLength: options.maxLineLength,
      maxLiteralSize: options.maxLiteralSize,
      maxFrameSize: options.maxFrameSize,
      maxDepth: options.maxDepth,
      maxNonSyncLiteral: nonSync,
    });
    this.maxDepth = this.framer.limits.maxDepth;
    this.lineAuth = this.framer.limits.maxLineLength;
    this.literalAuth = this.framer.limits.maxLiteralSize;
    this.lineBefore = Math.min(options.maxLineLengthBeforeAuth ?? 8192, this.lineAuth);
    this.literalBefore = Math.min(options.maxLiteralSizeBeforeAuth ?? 65536, this.literalAuth);
    this.authenticated = options.authenticated ?? false;
  }

  /** Whether the session is authenticated; the larger limits apply once it is. */
  get authenticated(): boolean {
    return this.auth;
  }

  set authenticated(v: boolean) {
    this.auth = v;
    // The framer reads its limits on every line, so this takes effect at once.
    this.framer.limits.maxLineLength = v ? this.lineAuth : this.lineBefore;
    this.framer.limits.maxLiteralSize = v ? this.literalAuth : this.literalBefore;
  }

  /** True while input is held for the server's decision (after AUTHENTICATE, IDLE, STARTTLS, COMPRESS). */
  get paused(): boolean {
    return this.mode === Mode.Paused;
  }

  /** True while a synchronizing literal waits for {@link acceptLiteral} or {@link rejectLiteral}. */
  get awaitingLiteral(): boolean {
    return this.framer.awaitingLiteral;
  }

  /**
   * Feed bytes from the client; get the events they complete, in wire
   * order. A string is taken as its UTF-8 bytes (as `parseCommand` takes
   * one); anything else is a `TypeError`.
   */
  push(chunk: Uint8Array | string): CommandDecoderEvent[] {
    return this.translate(this.framer.push(chunkBytes(chunk)), []);
  }

  /** The server sent `+` for the announced literal: read it. */
  acceptLiteral(): CommandDecoderEvent[] {
    return this.translate(this.framer.acceptLiteral(), []);
  }

  /** The server refused the announced literal: the command is dropped. */
  rejectLiteral(): CommandDecoderEvent[] {
    return this.translate(this.framer.rejectLiteral(), []);
  }

  /** The server sent a `+` challenge during AUTHENTICATE: the next client line is SASL data. */
  startAuthenticate(): CommandDecoderEvent[] {
    return this.release(Mode.Sasl);
  }

  /** The AUTHENTICATE exchange is over (or was refused): read commands. */
  endAuthenticate(): CommandDecoderEvent[] {
    return this.release(Mode.Command);
  }

  /** The server sent `+ idling`: the client's next line must be DONE. */
  startIdle(): CommandDecoderEvent[] {
    return this.release(Mode.Idle);
  }

  /** Read commands again (a paused command was refused, or IDLE was ended by the server). */
  resume(): CommandDecoderEvent[] {
    return this.release(Mode.Command);
  }

  /** The input is over: an unfinished command is an `incomplete` error event. */
  end(): CommandDecoderEvent[] {
    const out: CommandDecoderEvent[] = [];
    this.mode = Mode.Command;
    const held = this.held;
    this.held = [];
    this.heldBytes = 0;
    this.translate(held, out);
    return this.translate(this.framer.end(), out);
  }

  private release(mode: Mode): CommandDecoderEvent[] {
    this.mode = mode;
    const held = this.held;
    this.held = [];
    this.heldBytes = 0;
    return this.translate(held, []);
  }

  /**
   * Keep an event until the server says how to read on. A client that
   * keeps sending without waiting may not grow this without bound: past
   * `maxFrameSize` held bytes, what it sent is dropped with an error.
   */
  private hold(ev: FramerEvent, out: CommandDecoderEvent[]): void {
    if (ev.type === 'frame') {
      this.heldBytes += ev.frame.bytes.length;
      if (this.heldBytes > this.framer.limits.maxFrameSize) {
        const error = new ImapParseError({
          offset: ev.frame.offset,
          expected: `no more than ${this.framer.limits.maxFrameSize} bytes before the server answers ${this.sessionType ?? 'the command'}`,
          found: `${this.heldBytes} bytes`,
          tag: this.sessionTag,
          code: 'frame-too-large',
        });
        out.push({ type: 'error', error, tag: this.sessionTag });
        this.held = [];
        this.heldBytes = 0;
        return;
      }
    }
    this.held.push(ev);
  }

  private translate(evs: FramerEvent[], out: CommandDecoderEvent[]): CommandDecoderEvent[] {
    for (let i = 0; i < evs.length; i++) {
      if (this.mode === Mode.Paused) {
        for (let k = i; k < evs.length; k++) this.hold(evs[k], out);
        return out;
      }
      const ev = evs[i];
      switch (ev.type) {
        case 'frame':
          if (this.mode === Mode.Command) this.command(ev.frame, out);
          else if (this.mode === Mode.Sasl) this.sasl(ev.frame, out);
          else this.idle(ev.frame, out);
          break;
        case 'literal':
          if (this.mode === Mode.Command) {
            out.push({ type: 'literal', tag: ev.tag, length: ev.length, mode: ev.mode, binary: ev.binary });
          } else {
            // No literal belongs in a SASL line or in DONE: refuse it without
            // reading it. The line is a bad one, which ends the exchange or
            // IDLE as any other bad line does.
            out.push({ type: 'error', error: this.sessionError('no literal here', ev.offset), tag: this.sessionTag });
            this.mode = Mode.Command;
            const more = this.framer.rejectLiteral();
            for (const m of more) (evs as FramerEvent[]).push(m);
          }
          break;
        case 'error':
          if (this.mode === Mode.Command) {
            out.push({ type: 'error', error: ev.error, tag: ev.error.tag });
          } else {
            // A line the framer refused (in strict mode, a bare CR or lone
            // LF) is a bad SASL line or a bad DONE: it ends the exchange
            // or IDLE as any other bad line does, with the session's tag.
            out.push({ type: 'error', error: ev.error, tag: this.sessionTag });
            this.mode = Mode.Command;
          }
          break;
      }
    }
    return out;
  }

  private command(frame: Frame, out: CommandDecoderEvent[]): void {
    let parsed;
    try {
      // One Reader for every command (nothing of it outlives the frame).
      const r = (this.reader ??= new Reader(frame.bytes, { strict: this.strict, allowQuirks: this.allowQuirks, grammar: this.grammar, maxDepth: this.maxDepth }));
      r.reset(frame.bytes, 0, frame.bytes.length, frame.offset);
      parsed = readCommandAt(r);
    } catch (e) {
      const error = e as ImapParseError;
      out.push({ type: 'error', error, tag: error.tag });
      return;
    }
    const ev: CommandDecoderEvent = { type: 'command', command: parsed.command };
    let warnings = parsed.warnings;
    if (frame.warnings !== undefined) {
      // The framer and the reader both see a lone LF: name it once.
      const seen = new Set(warnings?.map((w) => w.name));
      const more = frame.warnings.filter((name) => !seen.has(name)).map((name) => ({ name, offset: frame.offset }));
      if (more.length > 0) warnings = (warnings ?? []).concat(more);
    }
    if (warnings !== undefined) ev.warnings = warnings;
    out.push(ev);
    const t = parsed.command.type;
    if (PAUSING.has(t)) {
      this.mode = Mode.Paused;
      this.sessionTag = parsed.command.tag;
      this.sessionType = t;
    }
  }

  /** The line's content without its CRLF (or lone LF). */
  private static contentEnd(b: Uint8Array): number {
    let e = b.length;
    if (e > 0 && b[e - 1] === 0x0a) e--;
    if (e > 0 && b[e - 1] === 0x0d) e--;
    return e;
  }

  private sasl(frame: Frame, out: CommandDecoderEvent[]): void {
    const b = frame.bytes;
    const e = CommandDecoder.contentEnd(b);
    if (e === 1 && b[0] === 0x2a) {
      out.push({ type: 'sasl-cancel' });
      this.mode = Mode.Command;
      return;
    }
    let data = frame.literals.length > 0 ? null : decodeBase64(b, 0, e);
    let warnings: ImapWarning[] | undefined;
    if (data === null && frame.literals.length === 0 && e > 0 && this.tolerates('base64-unpadded')) {
      // Missing "=" padding (RFC 9051 §9 base64): the quirk the command reader names too.
      data = decodeBase64(b, 0, e, true);
      if (data !== null) warnings = [{ name: 'base64-unpadded', offset: frame.offset }];
    }
    if (frame.warnings !== undefined && data !== null) {
      warnings = (warnings ?? []).concat(frame.warnings.map((name) => ({ name, offset: frame.offset })));
    }
    if (data === null) {
      // A broken exchange is over: the server answers `tag BAD`.
      out.push({ type: 'error', error: this.sessionError('base64 or "*"', frame.offset, b, e), tag: this.sessionTag });
      this.mode = Mode.Command;
      return;
    }
    out.push(warnings === undefined ? { type: 'sasl', data } : { type: 'sasl', data, warnings });
    this.mode = Mode.Paused;
  }

  private idle(frame: Frame, out: CommandDecoderEvent[]): void {
    const b = frame.bytes;
    const e = CommandDecoder.contentEnd(b);
    if (e === 4 && (b[0] | 0x20) === 0x64 && (b[1] | 0x20) === 0x6f && (b[2] | 0x20) === 0x6e && (b[3] | 0x20) === 0x65) {
      out.push(frame.warnings === undefined ? { type: 'done' } : { type: 'done', warnings: frame.warnings.map((name) => ({ name, offset: frame.offset })) });
      this.mode = Mode.Command;
      return;
    }
    // Another line ends IDLE as Dovecot does (`tag BAD Expected DONE.`):
    // the server answers the IDLE tag with BAD and reads commands again.
    out.push({ type: 'error', error: this.sessionError('"DONE"', frame.offset, b, e), tag: this.sessionTag });
    this.mode = Mode.Command;
  }

  /** True when lenient reading applies for quirk `id`: the default mode, or strict mode that allows it. */
  private tolerates(id: string): boolean {
    return !this.strict || (this.allowQuirks !== undefined && this.allowQuirks.includes(id));
  }

  private sessionError(expected: string, offset: number, b?: Uint8Array, e?: number): ImapParseError {
    // An empty line is "" (not "end of input": the line did end).
    const found = b === undefined || e === undefined ? 'a literal' : e === 0 ? '""' : printable(b, 0, e);
    return new ImapParseError({ offset, expected: `${expected} (${this.sessionType ?? 'session'})`, found, tag: this.sessionTag });
  }
}
