/**
 * What the {@link Framer} hands out: frames, their literal spans, its
 * events and options (the framer itself is in framer.ts).
 */
import type { ImapParseError } from './errors.js';
import type { WireLimits } from './limits.js';

/**
 * How a literal was announced (RFC 9051 §4.3, RFC 7888):
 * `sync` is `{n}` (a client waits for `+` before the data), `plus` is the
 * non-synchronizing `{n+}`, `minus` is `{n-}`, a form some clients send for
 * LITERAL-; imapwire reads it like `{n+}` in lenient mode only.
 *
 * @example
 * const m: LiteralMode = 'plus'; // {5+}
 */
export type LiteralMode = 'sync' | 'plus' | 'minus';

/**
 * Where a literal's data sits inside a frame.
 *
 * @example
 * for (const l of frame.literals) console.log(frame.bytes.subarray(l.start, l.start + l.length));
 */
export interface LiteralSpan {
  /** Offset in the frame of the literal's first data byte. */
  start: number;
  /** Data length in bytes. */
  length: number;
  mode: LiteralMode;
  /** `~{n}`: literal8 (RFC 3516, RFC 4466), which may hold NUL. */
  binary: boolean;
  /**
   * Set when the literal was streamed (see `FramerOptions.streamLiteralsAbove`):
   * its data went out in `literal-chunk` events and is not in the frame, so
   * `length` is 0 and the frame's bytes hold the header `{n}\r\n` directly
   * followed by what came after the data. `id` is the one the events carried;
   * `length` is the announced data length.
   */
  streamed?: { id: number; length: number };
}

/**
 * A tolerance the framer applied in lenient mode.
 *
 * @example
 * const w: FrameWarning = 'lone-lf'; // a line ended in LF without CR
 */
export type FrameWarning = 'lone-lf' | 'literal-minus';

/**
 * One command or response with all its literals, exactly as it was on
 * the wire (final CRLF included).
 *
 * @example
 * // '* 1 FETCH (BODY[] {3}\r\nabc)\r\n' frames to one Frame whose
 * // literals[0] is { start: 23, length: 3, mode: 'sync', binary: false }.
 */
export interface Frame {
  /** The frame's bytes: a view of the pushed chunk when it sat in one, else one buffer. */
  bytes: Uint8Array;
  /** Stream offset of the frame's first byte. */
  offset: number;
  /** The literals in wire order. */
  literals: LiteralSpan[];
  /** Tolerances applied (lenient mode); absent when none. */
  warnings?: FrameWarning[];
}

/**
 * What {@link Framer.push} returns, in wire order.
 *
 * - `frame`: a complete frame.
 * - `literal`: (server side only) a synchronizing literal was announced;
 *   the framer waits until {@link Framer.acceptLiteral} (after the server
 *   sent `+`) or {@link Framer.rejectLiteral}.
 * - `error`: a frame was refused; the framer has already skipped to (or
 *   will skip to) the next frame boundary.
 *
 * @example
 * for (const ev of framer.push(chunk)) if (ev.type === 'frame') handle(ev.frame);
 */
export type FramerEvent =
  | { type: 'frame'; frame: Frame }
  | { type: 'literal'; tag: string | undefined; length: number; mode: LiteralMode; binary: boolean; offset: number }
  | { type: 'error'; error: ImapParseError }
  | FramerLiteralEvent;

/**
 * Events of a streamed literal (client side, `streamLiteralsAbove`), in
 * wire order, before the `frame` event of the frame that holds it:
 * `literal-start` when the header is read (`offset` is the stream offset
 * of its first data byte), `literal-chunk`s with the data as it arrives
 * (views of the pushed chunk, never empty, not copied: consume or copy them
 * before that chunk's memory is reused), then `literal-end`. If the input
 * ends first, an `incomplete` error event comes instead of `literal-end`.
 *
 * @example
 * if (ev.type === 'literal-chunk') sink.write(ev.bytes); // a view: use or copy it now
 */
export type FramerLiteralEvent =
  | { type: 'literal-start'; id: number; length: number; binary: boolean; offset: number }
  | { type: 'literal-chunk'; id: number; bytes: Uint8Array }
  | { type: 'literal-end'; id: number };

/**
 * Takes frames straight from a {@link Framer} in place of `frame` events
 * (see {@link Framer.setSink}): a decoder reads each frame where it lies,
 * so no view, `Frame` or event is made for it. Internal to imapwire's
 * decoders; the framer's own events keep their order around what
 * `frame` returns.
 *
 * @example
 * framer.setSink({ frame: (bytes, start, end) => ({ type: 'line', length: end - start }) });
 *
 * @internal
 */
export interface FrameSink<E> {
  /**
   * One complete frame: `bytes[start, end)` (the pushed chunk or the
   * framer's buffer; read it now, do not keep `bytes` past the frame's
   * values), at stream offset `offset`, its literals' `start`s relative to
   * `start`. Returns the event pushed in the frame's place. `literals` may
   * be reused by the framer once the call returns when it is empty.
   */
  frame(bytes: Uint8Array, start: number, end: number, offset: number, literals: LiteralSpan[], warnings: FrameWarning[] | undefined): E;
}

/**
 * Framer options.
 *
 * @example
 * new Framer({ side: 'server', strict: true, maxLiteralSize: 10_000_000 });
 */
export interface FramerOptions extends WireLimits {
  /**
   * `client` frames what a server sends (responses): literals follow their
   * header at once, and status responses (`* OK ...`, `A1 NO ...`, `+ ...`)
   * are text even when they end in `{5}`. `server` frames what a client
   * sends (commands): a synchronizing literal waits for the server's word.
   */
  side: 'client' | 'server';
  /** Refuse what the RFC grammar does not allow (lone LF, `{n-}`). */
  strict?: boolean;
  /** Quirk ids strict mode accepts all the same (`lone-lf`, `literal-minus`); see `QUIRKS`. */
  allowQuirks?: readonly string[];
  /**
   * Largest non-synchronizing literal accepted; 4096 under LITERAL-
   * (RFC 7888 §4). Default: no limit beyond `maxLiteralSize`.
   */
  maxNonSyncLiteral?: number;
  /**
   * Client side only (ignored on the server side): a literal announcing
   * more than this many bytes is not buffered but handed out in
   * `literal-start` / `literal-chunk` / `literal-end` events as it arrives;
   * the frame keeps a zero-length span marked `streamed` in its place.
   * A streamed literal does not count toward `maxFrameSize` or
   * `maxLiteralSize` (those bound memory); `maxStreamedLiteralSize` bounds
   * it. Default: undefined, nothing is streamed.
   */
  streamLiteralsAbove?: number;
  /** Largest streamed literal accepted. Default: no limit (2^53-1). */
  maxStreamedLiteralSize?: number;
}

/**
 * Work counters, for proving linear cost in tests.
 *
 * @example
 * const { scanned, copied } = framer.stats; // grow linearly with the input
 */
export interface FramerStats {
  /** Bytes examined while looking for line ends, plus literal bytes passed over. */
  scanned: number;
  /** Bytes copied into frame buffers (frames spanning chunks). */
  copied: number;
}
