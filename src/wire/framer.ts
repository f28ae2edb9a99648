import { ImapParseError } from './errors.js';
import { resolveLimits, type WireLimits } from './limits.js';
import { indexOfLf, wordsOf } from '../util/bytes.js';
import { CLASS, TAG, CR, LF, RBRACE, LBRACE, PLUS, MINUS, TILDE, SP, DIGIT } from './chars.js';

export type { LiteralMode, LiteralSpan, FrameWarning, Frame, FramerEvent, FramerLiteralEvent, FrameSink, FramerOptions, FramerStats } from './frame.js';
import type { LiteralMode, LiteralSpan, FrameWarning, Frame, FramerEvent, FramerLiteralEvent, FrameSink, FramerOptions, FramerStats } from './frame.js';

const enum Storage {
  /** The frame so far is `chunk[fsc, fsc + frameLen)`. */
  Chunk,
  /** The frame so far is `acc[0, frameLen)`. */
  Acc,
  /** The frame is being skipped: only its head and the tail of the current line are kept. */
  Discard,
}

const enum Mode {
  Line,
  Literal,
  /** Server side: waiting for the server to accept or reject a synchronizing literal. */
  Await,
}

const EMPTY = new Uint8Array(0);
/** Literals up to this size get their whole buffer as soon as their header is read. */
const EAGER_LITERAL = 64 * 1024;
const HEAD = 48;
const TAIL = 32;
const STATUS_WORDS = ['OK', 'NO', 'BAD', 'BYE', 'PREAUTH'];
/** The literals of a frame that has none (the sink must not change it). */
const NO_LITERALS: LiteralSpan[] = [];

/**
 * Splits a byte stream into frames. Incremental: chunks may be split at
 * any byte. Linear in the input however it is chunked, and never holds
 * more than the current frame.
 *
 * @example
 * const framer = new Framer({ side: 'client' });
 * for (const ev of framer.push(bytes)) if (ev.type === 'frame') console.log(ev.frame.bytes);
 * framer.end();
 */
export class Framer<E = never> {
  readonly side: 'client' | 'server';
  readonly strict: boolean;
  private readonly strictLf: boolean;
  private readonly strictMinus: boolean;
  readonly limits: Required<WireLimits>;
  readonly maxNonSyncLiteral: number;
  /** Literals longer than this are streamed (Infinity: none). */
  readonly streamLiteralsAbove: number;
  readonly maxStreamedLiteralSize: number;
  readonly stats: FramerStats = { scanned: 0, copied: 0 };

  private events: (FramerEvent | E)[] = [];
  private sink: FrameSink<E> | undefined;
  private chunk: Uint8Array = EMPTY;
  private streamOffset = 0;

  private inFrame = false;
  private storage = Storage.Chunk;
  private mode = Mode.Line;
  private fsc = 0;
  private frameLen = 0;
  private frameOffset = 0;
  private lineStart = 0;
  private literalLeft = 0;
  private literals: LiteralSpan[] = [];
  private warnings: FrameWarning[] | undefined;

  private acc: Uint8Array | null = null;
  /** The head and tail of a frame being skipped: allocated by the first skip (most framers never skip). */
  private head = EMPTY;
  private headLen = 0;
  private tail = EMPTY;
  private tailLen = 0;
  private pending: Uint8Array | null = null;
  private pendingLen = 0;
  private awaitTag: string | undefined;
  /** Id of the literal being streamed, 0 when none. */
  private streamId = 0;
  private lastStreamId = 0;

  constructor(options: FramerOptions) {
    this.side = options.side;
    this.strict = options.strict ?? false;
    this.strictLf = this.strict && !(options.allowQuirks ?? []).includes('lone-lf');
    this.strictMinus = this.strict && !(options.allowQuirks ?? []).includes('literal-minus');
    this.limits = resolveLimits(options.side, options);
    this.maxNonSyncLiteral = options.maxNonSyncLiteral ?? Infinity;
    const above = options.streamLiteralsAbove;
    if (above !== undefined && !(above >= 0)) throw new RangeError('streamLiteralsAbove must be a number >= 0');
    this.streamLiteralsAbove = above === undefined || options.side !== 'client' ? Infinity : above;
    this.maxStreamedLiteralSize = options.maxStreamedLiteralSize ?? Number.MAX_SAFE_INTEGER;
  }

  /** True while the framer waits for {@link acceptLiteral} or {@link rejectLiteral}. */
  get awaitingLiteral(): boolean {
    return this.mode === Mode.Await;
  }

  /** Bytes of the current unfinished frame (0 between frames). */
  get bufferedBytes(): number {
    // A frame being skipped is counted, not held.
    return this.inFrame && this.storage !== Storage.Discard ? this.frameLen : 0;
  }

  /**
   * Hand complete frames to `sink` instead of emitting `frame` events
   * (for imapwire's own decoders; see {@link FrameSink}).
   *
   * @internal
   */
  setSink(sink: FrameSink<E>): void {
    this.sink = sink;
  }

  /** Feed bytes; get the events they complete, in wire order. */
  push(chunk: Uint8Array): (FramerEvent | E)[] {
    if (this.mode === Mode.Await) {
      this.stash(chunk);
      return this.take();
    }
    this.process(chunk);
    return this.take();
  }

  /**
   * Server side: the server sent `+`; read the announced literal. Returns
   * the events completed by bytes that arrived while the framer waited.
   */
  acceptLiteral(): (FramerEvent | E)[] {
    if (this.mode !== Mode.Await) return [];
    this.mode = Mode.Literal;
    return this.drainPending();
  }

  /**
   * Server side: the server refused the literal (`NO [TOOBIG]` or `BAD`).
   * The command is dropped; the client sends no literal, so what follows
   * is the next command.
   */
  rejectLiteral(): (FramerEvent | E)[] {
    if (this.mode !== Mode.Await) return [];
    this.resetFrame();
    return this.drainPending();
  }

  /** The input is over: an unfinished frame becomes an `incomplete` error. */
  end(): (FramerEvent | E)[] {
    if (this.mode === Mode.Await || this.inFrame) {
      const expected =
        this.mode === Mode.Await
          ? 'a decision on the announced literal'
          : this.mode === Mode.Literal
            ? `${this.literalLeft} more literal bytes`
            : 'CRLF';
      if (this.storage !== Storage.Discard) {
        this.events.push({
          type: 'error',
          error: new ImapParseError({
            offset: this.streamOffset,
            expected,
            found: 'end of input',
            tag: this.frameTag(),
            code: 'incomplete',
          }),
        });
      }
      this.resetFrame();
    }
    this.pending = null;
    this.pendingLen = 0;
    return this.take();
  }

  private take(): (FramerEvent | E)[] {
    const out = this.events;
    this.events = [];
    return out;
  }

  private drainPending(): (FramerEvent | E)[] {
    const p = this.pending;
    const len = this.pendingLen;
    this.pending = null;
    this.pendingLen = 0;
    if (p !== null && len > 0) {
      // The pending bytes' stream offsets were already counted when they were stashed.
      this.streamOffset -= len;
      this.process(p.subarray(0, len));
    }
    return this.take();
  }

  private stash(chunk: Uint8Array): void {
    const need = this.pendingLen + chunk.length;
    if (need > this.limits.maxFrameSize) {
      // A client that keeps talking past an unanswered literal is not
      // following the protocol; drop what it sent rather than hold it.
      this.events.push({
        type: 'error',
        error: new ImapParseError({
          offset: this.streamOffset,
          expected: 'no data before the literal is accepted',
          found: `${need} bytes`,
          tag: this.awaitTag,
          code: 'frame-too-large',
        }),
      });
      this.pending = null;
      this.pendingLen = 0;
      this.streamOffset += chunk.length;
      return;
    }
    if (this.pending === null || this.pending.length < need) {
      const grown = new Uint8Array(Math.max(need, (this.pending?.length ?? 0) * 2, 256));
      if (this.pending !== null) grown.set(this.pending.subarray(0, this.pendingLen));
      this.pending = grown;
    }
    this.pending.set(chunk, this.pendingLen);
    this.pendingLen = need;
    this.streamOffset += chunk.length;
  }

  private process(input: Uint8Array): void {
    // A Buffer's subarray() runs Node's Buffer constructor; a plain view of
    // the same memory makes every frame and literal view cheaper to cut.
    const chunk = input.constructor === Uint8Array ? input : new Uint8Array(input.buffer, input.byteOffset, input.length);
    this.chunk = chunk;
    const n = chunk.length;
    let i = 0;
    const sink = this.sink;
    const limits = this.limits;
    // The chunk as aligned words too, for the line-end scan (see indexOfLf).
    const { words, a0 } = wordsOf(chunk);
    while (i < n && this.mode !== Mode.Await) {
      if (!this.inFrame) {
        if (sink !== undefined) {
          // The common frame: one CRLF line, whole in this chunk, not
          // ending in "}" (no literal header, RFC 9051 §4.3), within the
          // limits. It goes to the sink at once, with none of the frame
          // state below; anything else takes the general path.
          const lf = indexOfLf(chunk, words, a0, i);
          if (lf > i && chunk[lf - 1] === CR && (lf - 2 < i || chunk[lf - 2] !== RBRACE) && lf - 1 - i <= limits.maxLineLength && lf + 1 - i <= limits.maxFrameSize) {
            this.stats.scanned += lf + 1 - i;
            // An indexed store, not push(): the optimizing compiler does not
            // inline push() here and calls the generic builtin per frame.
            const evs = this.events;
            evs[evs.length] = sink.frame(chunk, i, lf + 1, this.streamOffset + i, NO_LITERALS, undefined);
            i = lf + 1;
            continue;
          }
        }
        this.beginFrame(i);
      }
      if (this.mode === Mode.Line) {
        const lf = indexOfLf(chunk, words, a0, i);
        if (lf < 0) {
          this.stats.scanned += n - i;
          this.absorb(i, n);
          i = n;
          if (this.storage !== Storage.Discard && this.frameLen - this.lineStart > this.limits.maxLineLength + 1) {
            this.startDiscard(this.limitError('line-too-long', this.streamOffset + i, 'a line end', `a line over ${this.limits.maxLineLength} bytes`));
          }
          this.checkFrameSize(i);
          break;
        }
        this.stats.scanned += lf + 1 - i;
        this.absorb(i, lf + 1);
        i = lf + 1;
        this.checkFrameSize(i);
        this.lineEnd(i);
      } else {
        const take = Math.min(this.literalLeft, n - i);
        this.stats.scanned += take;
        // Counted down first, so ensureAcc() sees what is still to come.
        this.literalLeft -= take;
        if (this.streamId !== 0) {
          if (take > 0) this.events.push({ type: 'literal-chunk', id: this.streamId, bytes: chunk.subarray(i, i + take) });
        } else {
          this.absorb(i, i + take);
        }
        i += take;
        if (this.literalLeft === 0) {
          if (this.streamId !== 0) {
            this.events.push({ type: 'literal-end', id: this.streamId });
            this.streamId = 0;
          }
          this.mode = Mode.Line;
          this.lineStart = this.frameLen;
        }
      }
    }
    if (this.inFrame && this.storage === Storage.Chunk) {
      // The frame goes on in the next chunk: keep its bytes, copied once.
      this.acc = null;
      this.ensureAcc(this.frameLen);
      this.acc!.set(chunk.subarray(this.fsc, this.fsc + this.frameLen), 0);
      this.stats.copied += this.frameLen;
      this.storage = Storage.Acc;
    }
    this.chunk = EMPTY;
    if (i < n) {
      // Waiting on a literal decision: hold what the client sent meanwhile.
      this.streamOffset += i;
      this.stash(chunk.subarray(i));
    } else {
      this.streamOffset += n;
    }
  }

  private beginFrame(i: number): void {
    this.inFrame = true;
    this.storage = Storage.Chunk;
    this.mode = Mode.Line;
    this.fsc = i;
    this.frameLen = 0;
    this.lineStart = 0;
    this.frameOffset = this.streamOffset + i;
    this.headLen = 0;
    this.tailLen = 0;
    if (this.literals.length > 0) this.literals = [];
    this.warnings = undefined;
  }

  private resetFrame(): void {
    this.inFrame = false;
    this.mode = Mode.Line;
    this.storage = Storage.Chunk;
    this.frameLen = 0;
    this.literalLeft = 0;
    this.acc = null;
    this.awaitTag = undefined;
    this.streamId = 0;
  }

  /** Take `chunk[from, to)` into the current frame. */
  private absorb(from: number, to: number): void {
    const len = to - from;
    if (len === 0) return;
    switch (this.storage) {
      case Storage.Chunk:
        break;
      case Storage.Acc: {
        this.ensureAcc(this.frameLen + len);
        this.acc!.set(this.chunk.subarray(from, to), this.frameLen);
        this.stats.copied += len;
        break;
      }
      case Storage.Discard: {
        // Keep only the last TAIL bytes: enough to spot a literal header.
        if (len >= TAIL) {
          this.tail.set(this.chunk.subarray(to - TAIL, to), 0);
          this.tailLen = TAIL;
        } else {
          const keep = Math.min(this.tailLen, TAIL - len);
          this.tail.copyWithin(0, this.tailLen - keep, this.tailLen);
          this.tail.set(this.chunk.subarray(from, to), keep);
          this.tailLen = keep + len;
        }
        break;
      }
    }
    this.frameLen += len;
  }

  /**
   * Grow the accumulation buffer to hold `need` bytes. Doubling keeps the
   * total copy work linear; inside a literal the growth stops at what the
   * literal still needs, so a small literal split over two chunks is copied
   * once. An announced size alone never allocates anything.
   */
  private ensureAcc(need: number): void {
    const cur = this.acc;
    if (cur !== null && cur.length >= need) return;
    let cap = Math.max(need, (cur?.length ?? 0) * 2, 1024);
    if (this.mode !== Mode.Line) {
      // Never past what the frame can still need: the bytes in hand, the
      // rest of the literal and room for a line after it. That room is
      // always kept, so the line closing the literal does not grow the
      // buffer (and copy the literal) once more. A small literal gets its
      // whole room at once (one allocation, one copy). A large one grows by
      // doubling until an eighth of it is in hand, then takes its whole
      // room: an announced size alone allocates at most 8× what arrived,
      // and the copies and the peak (old + new buffer) stay near 1.25×.
      const upper = need + this.literalLeft + 256;
      cap = this.literalLeft <= EAGER_LITERAL || need * 8 >= upper ? upper : Math.min(Math.max(cap, need + 256), upper);
    }
    const next = new Uint8Array(cap);
    if (cur !== null && this.frameLen > 0) {
      next.set(cur.subarray(0, this.frameLen), 0);
      this.stats.copied += this.frameLen;
    }
    this.acc = next;
  }

  /** Byte at frame offset `rel`, or -1 when it is no longer held. */
  private byteAt(rel: number): number {
    switch (this.storage) {
      case Storage.Chunk:
        return this.chunk[this.fsc + rel];
      case Storage.Acc:
        return this.acc![rel];
      case Storage.Discard: {
        const tailStart = this.frameLen - this.tailLen;
        if (rel >= tailStart && rel < this.frameLen) return this.tail[rel - tailStart];
        if (rel < this.headLen) return this.head[rel];
        return -1;
      }
    }
  }

  /**
   * Line bytes count against `maxFrameSize` too: the check at each literal
   * header alone would let the last line of a frame pass the limit.
   */
  private checkFrameSize(i: number): void {
    if (this.storage !== Storage.Discard && this.frameLen > this.limits.maxFrameSize) {
      this.startDiscard(
        this.limitError('frame-too-large', this.streamOffset + i, `a frame of at most ${this.limits.maxFrameSize} bytes`, `${this.frameLen} bytes`),
      );
    }
  }

  /** A line ended: `frameLen` is just past its LF; `i` is the chunk position there. */
  private lineEnd(i: number): void {
    const end = this.frameLen;
    const lf = end - 1;
    const hasCR = lf - 1 >= this.lineStart && this.byteAt(lf - 1) === CR;
    const contentEnd = hasCR ? lf - 1 : lf;
    if (this.storage !== Storage.Discard && contentEnd - this.lineStart > this.limits.maxLineLength) {
      this.startDiscard(this.limitError('line-too-long', this.streamOffset + i - 1, 'a line end', `a line over ${this.limits.maxLineLength} bytes`));
    }
    if (!hasCR) {
      if (this.strictLf) {
        if (this.storage !== Storage.Discard) {
          this.startDiscard(
            new ImapParseError({ offset: this.streamOffset + i - 1, expected: 'CRLF', found: 'LF alone', tag: this.frameTag(), rule: 'CRLF', rfc: 'RFC 9051 §9' }),
          );
        }
      } else {
        (this.warnings ??= []).push('lone-lf');
      }
    }

    const header = this.byteAt(contentEnd - 1) === RBRACE ? this.literalHeader(contentEnd) : null;
    if (header === null || (this.lineStart === 0 && this.side === 'client' && this.isStatusLine(contentEnd))) {
      this.finishFrame();
      return;
    }

    const { length, mode, binary } = header;
    const at = this.streamOffset + i;
    if (mode === 'minus') {
      if (this.strictMinus && this.storage !== Storage.Discard) {
        this.startDiscard(new ImapParseError({ offset: at - 3, expected: '"+}" or "}"', found: '"-}"', tag: this.frameTag(), rule: 'literal', rfc: 'RFC 7888 §8' }));
      } else {
        (this.warnings ??= []).push('literal-minus');
      }
    }
    if (this.storage !== Storage.Discard && length > this.streamLiteralsAbove) {
      if (length > this.maxStreamedLiteralSize) {
        this.startDiscard(
          this.limitError('literal-too-large', at, `a streamed literal of at most ${this.maxStreamedLiteralSize} bytes`, `{${length}}`),
        );
      } else {
        this.beginStreamed(end, length, mode, binary, at);
        return;
      }
    }
    if (this.storage !== Storage.Discard) {
      let err: ImapParseError | null = null;
      if (length > this.limits.maxLiteralSize) {
        err = this.limitError('literal-too-large', at, `a literal of at most ${this.limits.maxLiteralSize} bytes`, `{${length}}`);
      } else if (mode !== 'sync' && length > this.maxNonSyncLiteral) {
        err = this.limitError('literal-too-large', at, `a non-synchronizing literal of at most ${this.maxNonSyncLiteral} bytes`, `{${length}+}`);
      } else if (this.frameLen + length > this.limits.maxFrameSize) {
        err = this.limitError('frame-too-large', at, `a frame of at most ${this.limits.maxFrameSize} bytes`, `${this.frameLen + length} bytes`);
      }
      if (err !== null) this.startDiscard(err);
    }

    if (this.side === 'server' && mode === 'sync') {
      if (this.storage === Storage.Discard) {
        // The client waits for "+", which it will not get: no literal bytes
        // follow, and the next byte starts a new command.
        this.resetFrame();
        return;
      }
      this.literals.push({ start: end, length, mode, binary });
      this.literalLeft = length;
      this.mode = Mode.Await;
      this.awaitTag = this.frameTag();
      this.events.push({ type: 'literal', tag: this.awaitTag, length, mode, binary, offset: at });
      return;
    }
    if (this.storage !== Storage.Discard) this.literals.push({ start: end, length, mode, binary });
    this.literalLeft = length;
    if (length > 0) this.mode = Mode.Literal;
    else this.lineStart = this.frameLen;
  }

  /**
   * A literal to stream: its data bypasses the frame. The frame so far may
   * be a view of the chunk; what follows the data is not contiguous with
   * it, so the frame moves to the accumulation buffer (the lines only).
   */
  private beginStreamed(end: number, length: number, mode: LiteralMode, binary: boolean, at: number): void {
    if (this.storage === Storage.Chunk) {
      this.acc = null;
      this.ensureAcc(this.frameLen);
      this.acc!.set(this.chunk.subarray(this.fsc, this.fsc + this.frameLen), 0);
      this.stats.copied += this.frameLen;
      this.storage = Storage.Acc;
    }
    const id = ++this.lastStreamId;
    this.literals.push({ start: end, length: 0, mode, binary, streamed: { id, length } });
    this.events.push({ type: 'literal-start', id, length, binary, offset: at });
    this.streamId = id;
    this.literalLeft = length;
    this.mode = Mode.Literal;
  }

  /** Parse `[~]{digits[+|-]}` ending just before `contentEnd`, or null. */
  private literalHeader(contentEnd: number): { length: number; mode: LiteralMode; binary: boolean } | null {
    let k = contentEnd - 2;
    let mode: LiteralMode = 'sync';
    const m = this.byteAt(k);
    if (m === PLUS) {
      mode = 'plus';
      k--;
    } else if (m === MINUS) {
      mode = 'minus';
      k--;
    }
    const digitsEnd = k + 1;
    while (k >= this.lineStart && (CLASS[this.byteAt(k) & 0xff] & DIGIT) !== 0) k--;
    if (k === digitsEnd - 1 || k < this.lineStart || this.byteAt(k) !== LBRACE) return null;
    let length = 0;
    for (let d = k + 1; d < digitsEnd; d++) {
      length = length * 10 + (this.byteAt(d) - 0x30);
      if (length > Number.MAX_SAFE_INTEGER) {
        length = Number.MAX_SAFE_INTEGER;
        break;
      }
    }
    const binary = k - 1 >= this.lineStart && this.byteAt(k - 1) === TILDE;
    return { length, mode, binary };
  }

  /**
   * `tag SP (OK|NO|BAD|BYE|PREAUTH) [SP ...]` or `+ ...`: resp-text runs to
   * the line end and holds no literal (RFC 9051 §9 resp-text, continue-req).
   */
  private isStatusLine(contentEnd: number): boolean {
    const first = this.byteAt(0);
    if (first === PLUS) return true;
    // A tag may be longer than HEAD; only a skipped frame is limited to its head.
    const limit = this.storage === Storage.Discard ? Math.min(contentEnd, HEAD) : contentEnd;
    let k = 0;
    while (k < limit && this.byteAt(k) !== SP) k++;
    if (k === 0 || k >= limit) return false;
    k++;
    // Two spaces after "*" is a known server quirk.
    while (k < limit && this.byteAt(k) === SP) k++;
    for (const w of STATUS_WORDS) {
      let j = 0;
      while (j < w.length && k + j < contentEnd && (this.byteAt(k + j) & 0xdf) === w.charCodeAt(j)) j++;
      if (j === w.length && (k + j === contentEnd || this.byteAt(k + j) === SP)) return true;
    }
    return false;
  }

  private finishFrame(): void {
    if (this.storage !== Storage.Discard && this.sink !== undefined) {
      // No view, Frame or event: the sink reads the frame where it lies.
      // An empty literals array goes on serving (beginFrame replaces a used one).
      const chunked = this.storage === Storage.Chunk;
      const start = chunked ? this.fsc : 0;
      this.events.push(this.sink.frame(chunked ? this.chunk : this.acc!, start, start + this.frameLen, this.frameOffset, this.literals, this.warnings));
    } else if (this.storage !== Storage.Discard) {
      const bytes =
        this.storage === Storage.Chunk
          ? this.chunk.subarray(this.fsc, this.fsc + this.frameLen)
          : this.acc!.subarray(0, this.frameLen);
      const frame: Frame = { bytes, offset: this.frameOffset, literals: this.literals };
      if (this.warnings !== undefined) frame.warnings = this.warnings;
      this.events.push({ type: 'frame', frame });
      this.literals = [];
    }
    this.resetFrame();
  }

  /** Refuse the current frame: report the error now, skip the rest of the frame. */
  private startDiscard(error: ImapParseError): void {
    this.events.push({ type: 'error', error });
    if (this.head.length === 0) {
      this.head = new Uint8Array(HEAD);
      this.tail = new Uint8Array(TAIL);
    }
    this.headLen = Math.min(HEAD, this.frameLen);
    for (let k = 0; k < this.headLen; k++) this.head[k] = this.byteAt(k);
    const keep = Math.min(TAIL, this.frameLen);
    for (let k = 0; k < keep; k++) this.tail[k] = this.byteAt(this.frameLen - keep + k);
    this.tailLen = keep;
    this.storage = Storage.Discard;
    this.acc = null;
    this.literals = [];
  }

  private limitError(code: 'line-too-long' | 'literal-too-large' | 'frame-too-large', offset: number, expected: string, found: string): ImapParseError {
    return new ImapParseError({ offset, expected, found, tag: this.frameTag(), code });
  }

  /** The tag of the current frame, read from its first bytes. */
  private frameTag(): string | undefined {
    const limit = Math.min(this.frameLen, HEAD);
    let k = 0;
    while (k < limit) {
      const c = this.byteAt(k);
      if (c < 0) return undefined;
      if (c === SP || c === CR || c === LF) break;
      if ((CLASS[c] & TAG) === 0 && !(k === 0 && (c === 0x2a || c === PLUS))) return undefined;
      k++;
    }
    if (k === 0 || k === limit) return undefined;
    let s = '';
    for (let j = 0; j < k; j++) s += String.fromCharCode(this.byteAt(j));
    return s;
  }
}

