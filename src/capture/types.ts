/**
 * The shapes the capture layer yields. Two levels:
 *
 * - {@link StreamEvent}: what a container reader (pcap, pcapng, transcript,
 *   tcpflow, rawlog, raw) gives: per-connection, per-direction bytes with
 *   their stream offsets, gaps and closes. No IMAP parsing.
 * - {@link ConversationEvent}: what the conversation decoder makes of those
 *   streams: typed commands and responses in wire order, with the session
 *   modes (literal handshake, AUTHENTICATE, IDLE, COMPRESS, STARTTLS)
 *   followed across both directions.
 *
 * No Node built-ins here: the capture layer runs in browsers too.
 */
import type { Command } from '../model/command.js';
import type { Response } from '../model/response.js';
import type { ImapParseError } from '../wire/errors.js';
import type { ImapWarning } from '../wire/reader.js';
import type { LiteralMode } from '../wire/framer.js';

/**
 * Who sent the bytes: `client` is client → server, `server` is server → client.
 *
 * @example
 * const d: Direction = 'server';
 */
export type Direction = 'client' | 'server';

/**
 * One end of a TCP connection.
 *
 * @example
 * { address: '127.0.0.1', port: 143 }
 */
export interface Endpoint {
  address: string;
  port: number;
}

/**
 * A byte range in the input file (not the reassembled stream), so a report
 * can point into the capture itself (SARIF `byteOffset` / `byteLength`).
 *
 * @example
 * { offset: 4096, length: 66 }
 */
export interface SourceSpan {
  offset: number;
  length: number;
}

/**
 * A connection the reader found, and why it is taken for IMAP.
 *
 * @example
 * { id: '127.0.0.1:50312-127.0.0.1:143', client: { address: '127.0.0.1', port: 50312 },
 *   server: { address: '127.0.0.1', port: 143 }, reason: 'port' }
 */
export interface ConnectionInfo {
  /** Stable within one input: `CLIENT:PORT-SERVER:PORT` for packet captures, a name for transcripts. */
  id: string;
  client?: Endpoint;
  server?: Endpoint;
  /** `port`: 143/993 or `--port`; `greeting`: the server side opened with `* OK` / `* PREAUTH` / `* BYE`; `transcript`: a text capture; `named`: the caller said so. */
  reason: 'port' | 'greeting' | 'transcript' | 'named';
  /** Implicit TLS (port 993): every byte is encrypted. */
  tls?: boolean;
  /** True when the bytes were printed text (book-style transcripts): literal sizes cannot be trusted, so decoding is lenient about them. */
  lossy?: boolean;
  /**
   * True when the input does not say how the two directions interleave (a
   * Dovecot rawlog pair without timestamps): which side spoke first cannot
   * be told, so literals are read at once and their waits are not judged.
   */
  unordered?: boolean;
}

/**
 * What a container reader yields, in capture order.
 *
 * - `open`: a new connection (before its first data).
 * - `data`: bytes of one direction; `offset` counts bytes in that
 *   direction's stream from 0; `source` is where they sit in the input file.
 * - `gap`: bytes are missing in that direction (a TCP hole, a capture that
 *   started late); the stream offset jumps by `length` when it is known.
 * - `close`: FIN or RST seen (one direction) or the end of the input (both).
 * - `notice`: something a reader tolerated or could not read (a truncated
 *   last record, an unknown link type); no IMAP meaning.
 *
 * `time` is seconds since the Unix epoch, where the input has times.
 *
 * @example
 * { type: 'data', connection: 'c1', direction: 'server', offset: 0, bytes, time: 1764600000.25 }
 */
export type StreamEvent =
  | { type: 'open'; connection: ConnectionInfo; time?: number }
  | { type: 'data'; connection: string; direction: Direction; offset: number; bytes: Uint8Array; time?: number; source?: SourceSpan }
  | { type: 'gap'; connection: string; direction: Direction; offset: number; length?: number; time?: number }
  | { type: 'close'; connection: string; direction?: Direction; time?: number }
  | { type: 'notice'; connection?: string; message: string; source?: SourceSpan };

/**
 * A stateful raw-DEFLATE inflater for one direction of a COMPRESS=DEFLATE
 * session (RFC 4978: sync flushes, no end of stream). The CLI passes one
 * built on `node:zlib`; a browser one built on
 * `DecompressionStream('deflate-raw')`.
 *
 * @example
 * const inflater: Inflater = { inflate: async (bytes) => myInflate(bytes) };
 */
export interface Inflater {
  /** The bytes these compressed bytes complete (possibly none). */
  inflate(bytes: Uint8Array): Promise<Uint8Array>;
}

/**
 * Makes one {@link Inflater} per compressed direction.
 *
 * @example
 * const identity: InflaterFactory = () => ({ inflate: async (bytes) => bytes });
 */
export type InflaterFactory = () => Inflater;

/**
 * Where an event sits: connection, direction, offset in that direction's (decompressed) stream, and length.
 *
 * @example
 * const at: ConversationPosition = { connection: '10.0.0.1:50000-10.0.0.2:143', direction: 'server', offset: 0, length: 12 };
 */
export interface ConversationPosition {
  connection: string;
  direction: Direction;
  offset: number;
  length: number;
  time?: number;
  /** Where the frame starts in the input file, when it is known. */
  source?: SourceSpan;
}

/**
 * A byte range of a frame that holds a secret (a LOGIN password, an
 * AUTHENTICATE response line or initial response), relative to the
 * frame's first byte, so every output can redact it.
 *
 * @example
 * { start: 15, length: 10 }
 */
export interface SecretRange {
  start: number;
  length: number;
}

/**
 * What the conversation decoder yields, in wire order across both directions.
 *
 * - `command` / `response`: a typed frame (lenient parse), with the quirks
 *   it needed (`warnings`) and, when validation is on, `violation`: the
 *   error strict mode gives for the same frame.
 * - `literal`: the client announced a synchronizing literal (`offset` is
 *   where its data would start; `length` is the announced data length,
 *   none of it in the event): the command comes after the server's `+`,
 *   or never, when the server answers its tag with NO / BAD instead.
 *   A `command` carries `earlyLiterals` when the client sent the data of
 *   that many of its synchronizing literals before the server's `+` came
 *   (RFC 9051 §4.3, §7.6: the client must wait for it). It is set only where
 *   the capture gives the order of the two directions: not on lossy or
 *   `unordered` connections, nor before any server byte was seen.
 * - `sasl`: a client line inside an AUTHENTICATE exchange (secret unless `*`).
 * - `done`: the client's DONE that ends IDLE.
 * - `error`: a frame neither mode could read; decoding goes on at the next frame.
 * - `encrypted`: from here on the direction (or both) is TLS: `starttls`
 *   after the tagged OK that answers STARTTLS, `port` for implicit TLS.
 * - `compressed`: from here on both directions are inflated (COMPRESS=DEFLATE).
 * - `gap`, `close`, `notice`: passed on from the stream level.
 *
 * @example
 * for (const ev of await conversation.push(streamEvent)) {
 *   if (ev.type === 'response') console.log(ev.connection, ev.offset, ev.response.type);
 * }
 */
export type ConversationEvent =
  | { type: 'open'; connection: ConnectionInfo; time?: number }
  | (ConversationPosition & { type: 'command'; command: Command; frame: Uint8Array; warnings?: ImapWarning[]; violation?: ImapParseError; secrets?: SecretRange[]; earlyLiterals?: number })
  | (ConversationPosition & { type: 'response'; response: Response; frame: Uint8Array; warnings?: ImapWarning[]; violation?: ImapParseError; secrets?: SecretRange[] })
  | (ConversationPosition & { type: 'literal'; tag: string | undefined; length: number; mode: LiteralMode; binary: boolean })
  | (ConversationPosition & { type: 'sasl'; tag: string | undefined; line: Uint8Array; cancel: boolean; secrets?: SecretRange[] })
  | (ConversationPosition & { type: 'done'; tag: string | undefined })
  | (ConversationPosition & { type: 'error'; error: ImapParseError; frame: Uint8Array; tag?: string })
  | { type: 'encrypted'; connection: string; direction?: Direction; offset: number; reason: 'starttls' | 'port'; time?: number }
  | { type: 'compressed'; connection: string; algorithm: 'DEFLATE'; offsets: Record<Direction, number>; time?: number }
  | { type: 'gap'; connection: string; direction: Direction; offset: number; length?: number; time?: number }
  | { type: 'close'; connection: string; direction?: Direction; time?: number }
  | { type: 'notice'; connection?: string; message: string; source?: SourceSpan };
