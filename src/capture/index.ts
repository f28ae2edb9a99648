/**
 * imapwire/capture: read packet captures and transcripts of IMAP sessions
 * as per-connection, per-direction byte streams ({@link StreamEvent}), and
 * write byte streams back as pcap. No Node built-ins: runs in browsers too.
 */

// --- capture: containers ---
export type {
  Direction, Endpoint, SourceSpan, ConnectionInfo, StreamEvent, Inflater, InflaterFactory,
  ConversationPosition, SecretRange, ConversationEvent,
} from './types.js';
export type { CaptureFormat, CaptureLimits, CaptureOptions, StreamReader } from './options.js';
export { DEFAULT_CAPTURE_LIMITS } from './options.js';
export { CaptureError } from './errors.js';
export { detectCaptureFormat, DETECT_BYTES } from './detect.js';
export { CaptureReader, readCapture } from './reader.js';
export { PacketReader } from './packets.js';
export { TranscriptReader } from './transcript.js';
export { TcpflowReader } from './tcpflow.js';
export { RawlogReader, readRawlogPair } from './rawlog.js';
export { RawStreamReader } from './raw.js';
export { PcapWriter, tcpFrame, ipFragments, parseAddress } from './pcap-writer.js';
export type { PcapWriterOptions, TcpSegmentSpec, TcpFlags, ConnectOptions } from './pcap-writer.js';

// --- capture: conversation ---
export { ConversationDecoder } from './conversation.js';
export type { ConversationOptions, ConversationValidateOptions } from './conversation.js';
export { decodeConversation } from './decode.js';
export type { DecodeConversationOptions } from './decode.js';
