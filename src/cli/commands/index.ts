/** The built-in subcommands, in the order `imapwire --help` lists them. */
import { addSubcommand } from '../subcommands.js';
import { parseCommand } from './parse.js';
import { statsCommand } from './stats.js';
import { validateCommand } from './validate.js';
import { checkCommand } from './check.js';
import { runCommand } from '../run.js';

/**
 * Adds the built-in subcommands to the table (once; later calls do
 * nothing). `main` calls it, so the table is filled by a call rather than
 * by importing this module for its side effects, which a bundler that
 * honours `sideEffects: false` would drop.
 *
 * @example
 * addBuiltinSubcommands();
 * SUBCOMMANDS.has('validate'); // true
 */
export function addBuiltinSubcommands(): void {
  if (added) return;
  added = true;
  for (const sub of [parseCommand, validateCommand, checkCommand, statsCommand, runCommand]) addSubcommand(sub);
}
let added = false;
