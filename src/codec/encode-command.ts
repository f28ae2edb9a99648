import { Writer, type Fragment, type WriterOptions } from '../wire/writer.js';
import type { Command } from '../model/command.js';
import { writeCommand } from '../grammar/command.js';
import { writerOptionsFor } from './capabilities.js';

/**
 * How to encode a command: the writer options (what the server accepts),
 * or the server's capabilities, from which they are derived
 * ({@link writerOptionsFor}). Explicit options win over capabilities.
 *
 * @example
 * encodeCommand(cmd, { capabilities: ['IMAP4rev2', 'LITERAL+'] });
 * encodeCommand(cmd, { literalPlus: true, utf8: true });
 */
export interface EncodeCommandOptions extends Omit<WriterOptions, 'side'> {
  capabilities?: Iterable<string>;
}

function writerFor(options: EncodeCommandOptions | undefined): Writer {
  if (options === undefined) return new Writer({ side: 'client' });
  const base = options.capabilities !== undefined ? writerOptionsFor(options.capabilities) : {};
  return new Writer({
    side: 'client',
    literalPlus: options.literalPlus ?? base.literalPlus,
    literalMinus: options.literalMinus ?? base.literalMinus,
    utf8: options.utf8 ?? base.utf8,
    binary: options.binary ?? base.binary,
    maxQuoted: options.maxQuoted,
  });
}

/**
 * A command as fragments: lines and literals with their mode. A client
 * writes them in order and waits for the server's `+` before each
 * literal whose mode is `sync`. Throws `ImapEncodeError` for a value that
 * cannot be written as valid IMAP.
 *
 * @example
 * for (const f of encodeCommand(cmd, { capabilities })) {
 *   if (f.type === 'literal' && f.mode === 'sync') await continuation();
 *   socket.write(f.bytes);
 * }
 */
export function encodeCommand(command: Command, options?: EncodeCommandOptions): Fragment[] {
  const w = writerFor(options);
  writeCommand(w, command);
  return w.fragments();
}

/**
 * A command as one buffer (literals synchronizing unless the options
 * allow otherwise): what a capture or a test compares against.
 *
 * @example
 * serializeCommand({ tag: 'A1', type: 'NOOP' }) // 'A1 NOOP\r\n' as bytes
 */
export function serializeCommand(command: Command, options?: EncodeCommandOptions): Uint8Array {
  const w = writerFor(options);
  writeCommand(w, command);
  return w.toBytes();
}
