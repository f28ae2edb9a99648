/**
 * What the conversation decoder keeps per connection: two sides, each
 * with its framer and mode, and the tags whose answers switch modes.
 */
import { Framer, type FrameSink, type FrameWarning, type LiteralSpan } from '../wire/framer.js';
import type { WireLimits } from '../wire/limits.js';
import type { ConnectionInfo, Direction, Inflater, SourceSpan } from './types.js';

export const enum Mode {
  Plain,
  /** After a gap: waiting for a line start that looks like a frame. */
  Resync,
  /** Client after STARTTLS / COMPRESS: raw bytes kept until the server answers. */
  Hold,
  Encrypted,
  /** Nothing more can be read (a gap in a compressed stream, no inflater). */
  Lost,
}

export const enum ClientMode {
  Command,
  Sasl,
  Idle,
}

export const EMPTY = new Uint8Array(0);

/** The `held` of every side that holds nothing: one shared (frozen) array, not one per side. */
export const NO_HELD: Uint8Array[] = Object.freeze([]) as unknown as Uint8Array[];

/**
 * A frame as a side's framer hands it over (through its sink, in place of
 * a `frame` event holding a `Frame`): one object per frame, shaped like a
 * `Frame` so the strict check and error events take it as one.
 */
export interface SunkFrame {
  type: 'sunk';
  bytes: Uint8Array;
  offset: number;
  literals: LiteralSpan[];
  warnings: FrameWarning[] | undefined;
}

const NO_LITERALS: LiteralSpan[] = [];

/** The framer keeps serving an empty literals array to the next frame: an empty one is replaced by a shared one no one adds to. */
const SINK: FrameSink<SunkFrame> = {
  frame: (bytes, start, end, offset, literals, warnings) => ({
    type: 'sunk',
    bytes: bytes.subarray(start, end),
    offset,
    literals: literals.length === 0 ? NO_LITERALS : literals,
    warnings,
  }),
};

/** One direction of one connection. */
export class Side {
  framer: Framer<SunkFrame>;
  /** Stream offset of the framer's byte 0 (it restarts after a gap, STARTTLS and COMPRESS). */
  base = 0;
  /** Offset the next byte fed to the framer has (in the inflated stream once compressed). */
  next = 0;
  /** Offset the next raw byte of the capture has; -1 after a gap of unknown length. */
  rawNext = 0;
  mode = Mode.Plain;
  inflater: Inflater | undefined;
  /** Errors of frames read right after a resync are not reported: the line may have been data. */
  unsure = false;
  atLineStart = false;
  carry: Uint8Array = EMPTY;
  carryAt = 0;
  held: Uint8Array[] = NO_HELD;
  heldBytes = 0;
  time: number | undefined;
  /** Where the chunk being framed sits in the stream and in the input file. */
  chunkAt = 0;
  chunkLen = 0;
  chunkSource: SourceSpan | undefined;
  /** The same for the chunk the unfinished frame started in. */
  partAt = -1;
  partSource: SourceSpan | undefined;
  /** Tag of the synchronizing literal the client waits on. */
  literalTag: string | undefined;
  /** Client: synchronizing literals of the unfinished frame whose data came before their `+` (capture order). */
  earlyLiterals = 0;
  /** Client: the literal awaited now is already counted in `earlyLiterals`. */
  awaitedEarly = false;

  constructor(
    readonly direction: Direction,
    private readonly options: WireLimits,
  ) {
    this.framer = this.newFramer();
  }

  newFramer(): Framer<SunkFrame> {
    const f = new Framer<SunkFrame>({ side: this.direction === 'client' ? 'server' : 'client', ...this.options });
    f.setSink(SINK);
    return f;
  }

  restart(at: number): void {
    this.framer = this.newFramer();
    this.base = at;
    this.next = at;
    this.literalTag = undefined;
    this.earlyLiterals = 0;
    this.awaitedEarly = false;
    this.partAt = -1;
  }
}

/** What one connection keeps: two sides and the modes they share. */
export class Conn {
  readonly client: Side;
  readonly server: Side;
  clientMode = ClientMode.Command;
  /** Tags of the commands whose tagged answer changes how the streams read. */
  saslTag: string | undefined;
  idleTag: string | undefined;
  tlsTag: string | undefined;
  compressTag: string | undefined;
  /** Client stream offset just after the STARTTLS / COMPRESS command. */
  switchAt = 0;
  closed = { client: false, server: false };

  constructor(
    readonly info: ConnectionInfo,
    limits: WireLimits,
  ) {
    this.client = new Side('client', limits);
    this.server = new Side('server', limits);
  }

  get lossy(): boolean {
    return this.info.lossy === true;
  }

  /**
   * The capture gives the order of the two directions here, so client
   * bytes seen before a server byte were sent before it: not lossy, not
   * `unordered`, and the server's direction was seen at all.
   */
  get ordered(): boolean {
    return !this.lossy && this.info.unordered !== true && this.server.next > 0;
  }
}

/** A piece of raw stream bytes still to decode. */
export interface Work {
  conn: Conn;
  side: Side;
  bytes: Uint8Array;
}

