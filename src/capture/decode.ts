/**
 * One call for scripts: a capture's bytes in, conversation events out.
 */
import { CaptureReader } from './reader.js';
import type { CaptureOptions } from './options.js';
import { ConversationDecoder, type ConversationOptions } from './conversation.js';
import type { ConversationEvent } from './types.js';

/**
 * Options of {@link decodeConversation}: those of the decoder, and
 * `capture` for the container reader (format, file name, ports, limits).
 *
 * @example
 * decodeConversation(bytes, { capture: { name: 'session.pcap', ports: [1143] }, inflater });
 */
export interface DecodeConversationOptions extends ConversationOptions {
  capture?: CaptureOptions;
}

/**
 * Read a capture (any format {@link CaptureReader} knows) and yield its
 * commands and responses in wire order, connection by connection as the
 * capture interleaves them. A source that is no capture, or breaks its
 * format past repair, throws the reader's `CaptureError`.
 *
 * @example
 * for await (const ev of decodeConversation(bytes, { capture: { name: 'x.pcap' } })) {
 *   if (ev.type === 'command') console.log(ev.connection, ev.command.tag, ev.command.type);
 * }
 */
export async function* decodeConversation(
  source: AsyncIterable<Uint8Array> | Uint8Array,
  options: DecodeConversationOptions = {},
): AsyncGenerator<ConversationEvent> {
  const reader = new CaptureReader(options.capture);
  const decoder = new ConversationDecoder(options);
  const chunks: AsyncIterable<Uint8Array> | Uint8Array[] = source instanceof Uint8Array ? [source] : source;
  for await (const chunk of chunks) {
    for (const ev of reader.push(chunk)) {
      // Synchronous unless a compressed stream has to be inflated: no await per event.
      const r = decoder.pushMany([ev]);
      yield* r instanceof Promise ? await r : r;
    }
  }
  for (const ev of reader.end()) {
    const r = decoder.pushMany([ev]);
    yield* r instanceof Promise ? await r : r;
  }
  yield* await decoder.end();
}
