import { Writer, type Fragment, type WriterOptions } from '../wire/writer.js';
import type { Command } from '../model/command.js';
import type { CommandInput } from '../model/command-input.js';
import { writeCommand } from '../grammar/command.js';
import { writerOptionsFor, expandCapabilities } from './capabilities.js';
import { toCommand, type CommandInputOptions } from './command-input.js';
import { validateCommand } from './validate-command.js';

/**
 * How to encode a command: the writer options (what the server accepts),
 * or the server's capabilities, from which they are derived
 * ({@link writerOptionsFor}; `enabled` adds what the server confirmed
 * with `* ENABLED`, e.g. UTF8=ACCEPT). Explicit options win over
 * capabilities. `tag` and `mailboxUtf7` complete a {@link CommandInput}
 * (see {@link toCommand}).
 *
 * @example
 * encodeCommand(cmd, { capabilities: ['IMAP4rev2', 'LITERAL+'] });
 * encodeCommand(cmd, { literalPlus: true, utf8: true });
 * encodeCommand({ type: 'SELECT', mailbox: 'Entwürfe' }, { tag: 'A1', mailboxUtf7: true, capabilities });
 */
export interface EncodeCommandOptions extends Omit<WriterOptions, 'side'>, CommandInputOptions {}

function writerFor(options: EncodeCommandOptions | undefined): Writer {
  if (options === undefined) return new Writer({ side: 'client' });
  const base = options.capabilities !== undefined ? writerOptionsFor(options.capabilities) : {};
  const utf8 = options.utf8 ?? (options.enabled !== undefined && expandCapabilities(options.enabled).has('UTF8=ACCEPT') ? true : base.utf8);
  return new Writer({
    side: 'client',
    literalPlus: options.literalPlus ?? base.literalPlus,
    literalMinus: options.literalMinus ?? base.literalMinus,
    utf8,
    binary: options.binary ?? base.binary,
    maxQuoted: options.maxQuoted,
  });
}

/**
 * A command as fragments: lines and literals with their mode. A client
 * writes them in order and waits for the server's `+` before each
 * literal whose mode is `sync`. Throws `ImapEncodeError` for a value that
 * cannot be written as valid IMAP, and for one that is not shaped like a
 * command (an unknown `type`, a missing or ill-typed field: the message
 * names the field); fields the model does not have are ignored.
 *
 * @example
 * for (const f of encodeCommand(cmd, { capabilities })) {
 *   if (f.type === 'literal' && f.mode === 'sync') await continuation();
 *   socket.write(f.bytes);
 * }
 */
export function encodeCommand(command: Command | CommandInput, options?: EncodeCommandOptions): Fragment[] {
  const c = toCommand(command, options);
  validateCommand(c);
  const w = writerFor(options);
  writeCommand(w, c);
  return w.fragments();
}

/**
 * A command as one buffer (literals synchronizing unless the options
 * allow otherwise): what a capture or a test compares against.
 *
 * @example
 * serializeCommand({ tag: 'A1', type: 'NOOP' }) // 'A1 NOOP\r\n' as bytes
 * serializeCommand({ type: 'FETCH', set: '1:*', items: ['UID', 'FLAGS'] }, { tag: 'A2' }) // 'A2 FETCH 1:* (UID FLAGS)\r\n'
 */
export function serializeCommand(command: Command | CommandInput, options?: EncodeCommandOptions): Uint8Array {
  const c = toCommand(command, options);
  validateCommand(c);
  const w = writerFor(options);
  writeCommand(w, c);
  return w.toBytes();
}
