/**
 * The table of `imapwire` subcommands. Each subcommand names its options
 * (in `node:util` parseArgs form), its help text and what it runs; `main`
 * looks the first argument up here. A new subcommand is one more
 * {@link addSubcommand} call in `commands/index.ts`.
 */
import type { ParseArgsConfig } from 'node:util';

/** The options of one subcommand, as `node:util` parseArgs takes them. */
export type OptionSpec = NonNullable<ParseArgsConfig['options']>;

/** What a subcommand's `run` gets: its parsed options and operands. */
export interface Invocation {
  values: Record<string, string | boolean | string[] | boolean[] | undefined>;
  positionals: string[];
  /** imapwire's version. */
  version: string;
}

/**
 * One subcommand.
 *
 * @example
 * addSubcommand({ name: 'hello', summary: 'say hello', usage: 'imapwire hello', help: '', options: {},
 *   run: async () => { process.stdout.write('hello\n'); return 0; } });
 */
export interface Subcommand {
  name: string;
  /** One line for `imapwire --help`. */
  summary: string;
  /** The synopsis, e.g. `imapwire parse [options] FILE…`. */
  usage: string;
  /** The options and operands explained, for `imapwire NAME --help`. */
  help: string;
  options: OptionSpec;
  /** Runs it; resolves to the exit status (0 clean, 1 findings). Throws a CliError for status 2. */
  run(invocation: Invocation): Promise<number>;
}

/** The subcommands, by name, in the order they were added. */
export const SUBCOMMANDS = new Map<string, Subcommand>();

/** Adds a subcommand to the table (a later one of the same name replaces it). */
export function addSubcommand(sub: Subcommand): void {
  SUBCOMMANDS.set(sub.name, sub);
}
