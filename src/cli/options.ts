/**
 * Options several subcommands share, and the checks that turn a bad
 * value into one sentence (exit status 2).
 */
import type { Direction } from '../capture/types.js';
import type { CaptureFormat } from '../capture/options.js';
import { CliError } from './errors.js';
import type { PipelineOptions } from './pipeline.js';
import type { Invocation, OptionSpec } from './subcommands.js';

/** Options about reading the inputs: every subcommand that reads captures has them. */
export const INPUT_OPTIONS: OptionSpec = {
  port: { type: 'string', multiple: true },
  direction: { type: 'string' },
  'input-format': { type: 'string' },
  help: { type: 'boolean', short: 'h' },
};

/** Their help lines. */
export const INPUT_HELP = `  --port N[,N…]          also take these TCP ports for IMAP (besides 143 and 993;
                         connections whose server opens with an IMAP greeting are found anyway)
  --direction client|server
                         who sent the bytes of a raw one-direction stream (default: from its first line)
  --input-format F       pcap, pcapng, transcript, book, tcpflow, rawlog or raw (default: detected)
  -h, --help             this help`;

const INPUT_FORMATS: readonly CaptureFormat[] = ['pcap', 'pcapng', 'transcript', 'book', 'tcpflow', 'rawlog', 'raw'];

/** The pipeline options the input options ask for. */
export function inputOptions(inv: Invocation): PipelineOptions {
  const out: PipelineOptions = {};
  const ports = inv.values.port as string[] | undefined;
  if (ports !== undefined) out.ports = ports.flatMap((p) => p.split(',')).map(port);
  const dir = inv.values.direction as string | undefined;
  if (dir !== undefined) out.direction = oneOf<Direction>('--direction', dir, ['client', 'server']);
  const fmt = inv.values['input-format'] as string | undefined;
  if (fmt !== undefined) out.inputFormat = oneOf('--input-format', fmt, INPUT_FORMATS);
  return out;
}

function port(s: string): number {
  const t = s.trim();
  const n = /^\d{1,5}$/.test(t) ? Number(t) : NaN;
  if (!(n >= 1 && n <= 65535)) throw new CliError(`--port wants TCP port numbers from 1 to 65535, not "${s}".`);
  return n;
}

/**
 * `value` if it is one of `allowed`, else a {@link CliError} naming them.
 *
 * @example
 * oneOf('--side', 'both', ['server', 'client', 'both']); // 'both'
 */
export function oneOf<T extends string>(option: string, value: string, allowed: readonly T[]): T {
  if ((allowed as readonly string[]).includes(value)) return value as T;
  const list = allowed.length === 2 ? `${allowed[0]} or ${allowed[1]}` : `${allowed.slice(0, -1).join(', ')} or ${allowed[allowed.length - 1]}`;
  throw new CliError(`${option} must be ${list}, not "${value}".`);
}

/** The file operands, or a CliError when there are none. */
export function files(inv: Invocation, command: string): string[] {
  if (inv.positionals.length === 0) throw new CliError(`imapwire ${command} needs at least one FILE (or - for standard input); see imapwire ${command} --help.`);
  return inv.positionals;
}
