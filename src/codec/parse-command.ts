import { Reader, type ImapWarning } from '../wire/reader.js';
import { ImapParseError } from '../wire/errors.js';
import type { Command } from '../model/command.js';
import { readCommand } from '../grammar/command.js';
import { encodeText } from '../util/text.js';

/**
 * Options for {@link parseCommand}.
 *
 * @example
 * parseCommand('a1 NOOP\r\n', { strict: true });
 */
export interface ParseCommandOptions {
  /** Accept only what the RFC grammar allows. */
  strict?: boolean;
  /** Deepest nesting of lists and search keys (default 256). */
  maxDepth?: number;
  /** Stream offset of the first byte, for error offsets. */
  offset?: number;
  /** Quirk ids strict mode accepts (see `QUIRKS`); each is still reported as a warning. */
  allowQuirks?: readonly string[];
  /** The grammar to hold commands to; absent accepts either where they differ. */
  grammar?: 'imap4rev1' | 'imap4rev2';
  /** Called with each lenient-mode tolerance `parseCommand` applied (as `parseResponse` does). */
  onWarning?: (warning: ImapWarning) => void;
}

/**
 * A command with the lenient-mode tolerances applied to read it.
 *
 * @example
 * const { command, warnings } = readCommandFrame(bytes);
 */
export interface ParsedCommand {
  command: Command;
  warnings?: ImapWarning[];
}

/**
 * Parse one command frame (its literals included, CRLF at the end) and
 * report the tolerances applied.
 *
 * @example
 * const { command, warnings } = readCommandFrame(new TextEncoder().encode('A1 NOOP\r\n'));
 */
export function readCommandFrame(bytes: Uint8Array, options: ParseCommandOptions = {}): ParsedCommand {
  return readCommandAt(new Reader(bytes, options));
}

/**
 * The command at the cursor of `r` (a Reader on one frame, made or
 * `reset` to it), with the tolerances applied to read it.
 */
export function readCommandAt(r: Reader): ParsedCommand {
  r.rule = 'command';
  let command: Command;
  try {
    command = readCommand(r);
  } catch (e) {
    if (e instanceof ImapParseError) throw e;
    // A grammar bug must still surface as the one documented error.
    throw r.error(`a command (internal error: ${e instanceof Error ? e.message : String(e)})`, r.pos, 'internal');
  }
  return r.warnings === undefined ? { command } : { command, warnings: r.warnings };
}

/**
 * Parse one client command: bytes (or a string, encoded as UTF-8 first)
 * holding exactly one command with its literals and final CRLF.
 * Throws {@link ImapParseError} with the tag when it was read, so a
 * server can answer `tag BAD`.
 *
 * @example
 * parseCommand('A1 LOGIN fred "pass word"\r\n');
 * // { tag: 'A1', type: 'LOGIN', userid: 'fred', password: 'pass word' }
 */
export function parseCommand(input: Uint8Array | string, options?: ParseCommandOptions): Command {
  const bytes = typeof input === 'string' ? encodeText(input) : input;
  const { command, warnings } = readCommandFrame(bytes, options);
  const cb = options?.onWarning;
  if (cb !== undefined && warnings !== undefined) for (const w of warnings) cb(w);
  return command;
}
