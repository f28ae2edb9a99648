/// <reference types="node" />
/**
 * The `imapwire` command. Exit status: 0 clean, 1 findings, 2 the tool
 * could not do its job (bad arguments, unreadable input, not a capture),
 * with one sentence on standard error and never a stack trace. Standard
 * output holds only the report.
 */
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { startHeapSizing } from './heap.js';
import { addBuiltinSubcommands } from './commands/index.js';
import { CliError, sentence } from './errors.js';
import { SUBCOMMANDS, type Subcommand } from './subcommands.js';
import { lastRunCounts } from './pipeline.js';

/**
 * Runs the command line and resolves to the exit status; reports an error
 * as one sentence on standard error.
 *
 * @example
 * process.exitCode = await main(['validate', '--format', 'github', 'session.pcap']);
 */
export async function main(argv: readonly string[]): Promise<number> {
  try {
    return await dispatch(argv);
  } catch (e) {
    process.stderr.write(`imapwire: ${sentence(e)}\n`);
    return 2;
  }
}

async function dispatch(argv: readonly string[]): Promise<number> {
  addBuiltinSubcommands();
  const [first, ...rest] = argv;
  const version = readVersion();
  if (first === undefined) throw new CliError(`a subcommand is needed: ${[...SUBCOMMANDS.keys()].join(', ')} (see imapwire --help).`);
  if (first === '--help' || first === '-h' || first === 'help') {
    const sub = rest[0] !== undefined ? SUBCOMMANDS.get(rest[0]) : undefined;
    if (rest[0] !== undefined && sub === undefined) throw unknown(rest[0]);
    process.stdout.write(sub !== undefined ? subHelp(sub) : overview());
    return 0;
  }
  if (first === '--version' || first === '-V') {
    process.stdout.write(version + '\n');
    return 0;
  }
  const sub = SUBCOMMANDS.get(first);
  if (sub === undefined) throw unknown(first);
  let parsed: ReturnType<typeof parseArgs>;
  try {
    parsed = parseArgs({ args: [...rest], options: sub.options, allowPositionals: true, strict: true });
  } catch (e) {
    throw new CliError(`${argumentError(e)} (see imapwire ${sub.name} --help).`);
  }
  if (parsed.values.help === true) {
    process.stdout.write(subHelp(sub));
    return 0;
  }
  return sub.run({ values: parsed.values as Record<string, string | boolean | string[] | boolean[] | undefined>, positionals: parsed.positionals, version });
}

function unknown(name: string): CliError {
  const names = [...SUBCOMMANDS.keys()];
  return new CliError(`unknown subcommand "${name}" (the subcommands are ${names.join(', ')}; see imapwire --help).`);
}

/** parseArgs' complaint as a phrase without its trailing advice. */
function argumentError(e: unknown): string {
  const err = e as { code?: string; message?: string };
  const msg = (typeof err?.message === 'string' ? err.message : String(e)).split('\n')[0]!.replace(/\.?\s*To specify a positional.*$/, '');
  const m = /^Unknown option '([^']+)'/.exec(msg);
  if (m !== null) return `unknown option ${m[1]}`;
  const v = /^Option '([^']+)' argument missing/.exec(msg);
  if (v !== null) return `option ${v[1]!.replace(/^-\w, /, '')} needs a value`;
  const b = /^Option '([^']+)' does not take an argument/.exec(msg);
  if (b !== null) return `option ${b[1]!.replace(/^-\w, /, '')} takes no value`;
  return msg.replace(/\.$/, '').replace(/^./, (c) => c.toLowerCase());
}

function overview(): string {
  const width = Math.max(...[...SUBCOMMANDS.keys()].map((k) => k.length));
  const lines = [...SUBCOMMANDS.values()].map((s) => `  ${s.name.padEnd(width)}  ${s.summary}`);
  return `imapwire: the IMAP wire protocol, read from captures

Usage: imapwire SUBCOMMAND [options] FILE…
       imapwire SUBCOMMAND --help

Subcommands:
${lines.join('\n')}

FILE is a pcap or pcapng capture, a transcript (C:/S: or Client:/Server:), tcpflow -c
output, a Dovecot rawlog or a raw stream of one direction; - reads standard input.
Exit status: 0 clean, 1 findings, 2 the tool could not do its job.
`;
}

function subHelp(sub: Subcommand): string {
  return `Usage: ${sub.usage}\n\n${sub.help}\n`;
}

/** The package's version, from package.json next to the build (unknown when it is not there). */
function readVersion(): string {
  for (const rel of ['../../package.json', '../package.json']) {
    try {
      const pkg = JSON.parse(readFileSync(new URL(rel, import.meta.url), 'utf8')) as { name?: string; version?: string };
      if (pkg.name === 'imapwire' && typeof pkg.version === 'string') return pkg.version;
    } catch {
      // not there: try the next place
    }
  }
  return 'unknown';
}

/** Starts the command for the process: wires the last-resort handlers, runs {@link main}, sets the exit status. */
export function start(): void {
  // Keep the heap small without --optimize-for-size (which costs about
  // 40% of the CPU time): see heap.ts.
  startHeapSizing();
  const fatal = (e: unknown): void => {
    process.stderr.write(`imapwire: ${sentence(e)}\n`);
    process.exit(2);
  };
  process.on('uncaughtException', fatal);
  process.on('unhandledRejection', fatal);
  // A reader that stops early (`| head`) is not an error of ours.
  process.stdout.on('error', (e: { code?: string }) => {
    if (e.code === 'EPIPE') process.exit(process.exitCode ?? 0);
    fatal(e);
  });
  if (process.env.IMAPWIRE_MEMORY_REPORT === '1') process.on('exit', memoryReport);
  main(process.argv.slice(2)).then((code) => {
    process.exitCode = code;
  }, fatal);
}

/**
 * `IMAPWIRE_MEMORY_REPORT=1`: one JSON line on standard error at exit with
 * the peak resident memory (VmHWM, Linux) and the pipeline's counts of
 * bytes read and held, for tests and benchmarks.
 */
function memoryReport(): void {
  let peak: number | undefined;
  try {
    const m = /^VmHWM:\s+(\d+) kB/m.exec(readFileSync('/proc/self/status', 'utf8'));
    if (m !== null) peak = Number(m[1]) * 1024;
  } catch {
    // not Linux: no VmHWM
  }
  process.stderr.write(JSON.stringify({ memoryReport: { peakRss: peak, ...lastRunCounts() } }) + '\n');
}
