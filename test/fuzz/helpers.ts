/**
 * Shared knobs and drivers for the fuzz properties.
 *
 * FUZZ_RUNS sets the number of inputs of every property (default: each
 * property's own small number, sized so that `npm test` stays quick).
 * FUZZ_SEED and FUZZ_PATH replay a failure that fast-check reported.
 */
import fc from 'fast-check';
import { expect } from 'vitest';
import { ResponseDecoder, type ResponseDecoderEvent } from '../../src/codec/response-decoder.js';
import { CommandDecoder, type CommandDecoderEvent, type CommandDecoderOptions } from '../../src/codec/command-decoder.js';
import type { ResponseParseOptions } from '../../src/codec/parse-response.js';
import { ImapParseError } from '../../src/wire/errors.js';

const envRuns = process.env.FUZZ_RUNS !== undefined && process.env.FUZZ_RUNS !== '' ? Number(process.env.FUZZ_RUNS) : undefined;
if (envRuns !== undefined && !(Number.isInteger(envRuns) && envRuns > 0)) throw new Error(`FUZZ_RUNS must be a positive integer, got ${process.env.FUZZ_RUNS}`);

/** True when replaying one failure (FUZZ_PATH): checks about the whole run's mix are off. */
export const REPLAYING = process.env.FUZZ_PATH !== undefined;

/** True when FUZZ_RUNS is set (a long run). */
export const LONG_RUN = envRuns !== undefined;

/** The seed CI runs the fuzz properties with. */
export const CI_SEED = 20261125;

/** fast-check parameters for a property whose default size is `defaultRuns`. */
export function fuzzParams<T>(defaultRuns: number): fc.Parameters<T> {
  const p: fc.Parameters<T> = { numRuns: envRuns ?? defaultRuns };
  // CI checks a commit, it does not explore: there the seed is fixed, so a
  // run passes or fails the same way each time. Local runs and `npm run
  // fuzz` draw a new seed each time (fast-check prints it on failure).
  if (process.env.FUZZ_SEED !== undefined) p.seed = Number(process.env.FUZZ_SEED);
  else if (process.env.CI === 'true' && envRuns === undefined) p.seed = CI_SEED;
  if (process.env.FUZZ_PATH !== undefined) p.path = process.env.FUZZ_PATH;
  // A long run reports progress-free; on failure fast-check prints seed, path and the shrunk counterexample.
  return p;
}

/** Per-test timeout: generous by default, unbounded in spirit for long runs. */
export const TIMEOUT = LONG_RUN ? 7 * 24 * 3600 * 1000 : 60_000;

// 'internal' is left out on purpose: it means a bug met the input.
export const ERROR_CODES = ['syntax', 'incomplete', 'line-too-long', 'literal-too-large', 'frame-too-large', 'too-deep', 'unknown'];

/** An ImapParseError with sane fields; anything else fails the property. */
export function checkError(e: unknown): asserts e is ImapParseError {
  if (!(e instanceof ImapParseError)) throw new Error(`not an ImapParseError: ${String((e as Error)?.stack ?? e)}`);
  expect(ERROR_CODES).toContain(e.code);
  expect(Number.isInteger(e.offset) && e.offset >= 0).toBe(true);
  expect(typeof e.expected).toBe('string');
  expect(typeof e.found).toBe('string');
}

export function decodeResponses(chunks: Uint8Array[], options: ResponseParseOptions = {}): { events: ResponseDecoderEvent[]; buffered: number } {
  const d = new ResponseDecoder(options);
  const events: ResponseDecoderEvent[] = [];
  for (const c of chunks) events.push(...d.push(c));
  events.push(...d.end());
  return { events, buffered: d.bufferedBytes };
}

/** How a fuzzed server answers: accept or reject each literal, and what to do after a pausing command. */
export interface ServerPolicy {
  literal(tag: string | undefined, index: number): 'accept' | 'reject';
  paused(lastCommandType: string | undefined, index: number): 'startAuthenticate' | 'endAuthenticate' | 'startIdle' | 'resume' | 'authenticated';
}

/** Accept every literal; after a pausing command read commands again (the server refused it or the exchange is over). */
export const ACCEPT_ALL: ServerPolicy = { literal: () => 'accept', paused: () => 'resume' };

/** A policy driven by a list of choices (cycled), so fast-check can explore and shrink the server's decisions. */
export function policyFrom(choices: readonly number[], flipAuthenticated = true): ServerPolicy {
  let k = 0;
  const next = (): number => (choices.length === 0 ? 0 : choices[k++ % choices.length]);
  return {
    literal: () => (next() % 3 === 2 ? 'reject' : 'accept'),
    paused: (type) => {
      const c = (next() % 5) % (flipAuthenticated ? 5 : 4);
      if (c === 4 && flipAuthenticated) return 'authenticated';
      if (type === 'AUTHENTICATE') return (['startAuthenticate', 'startAuthenticate', 'endAuthenticate', 'resume'] as const)[c];
      if (type === 'IDLE') return (['startIdle', 'startIdle', 'resume', 'resume'] as const)[c];
      return (['resume', 'startIdle', 'startAuthenticate', 'endAuthenticate'] as const)[c];
    },
  };
}

/**
 * Run a CommandDecoder over chunks the way a server would: every literal
 * event gets an answer, every pause gets one of the mode calls. The loop
 * is bounded: each decision either releases held frames or leaves the
 * decoder waiting for input; a decoder that stays paused or awaiting after
 * `maxDecisions` decisions is reported as a hang.
 */
export function decodeCommands(
  chunks: Uint8Array[],
  options: CommandDecoderOptions = {},
  policy: ServerPolicy = ACCEPT_ALL,
): { events: CommandDecoderEvent[]; decoder: CommandDecoder } {
  const d = new CommandDecoder(options);
  const events: CommandDecoderEvent[] = [];
  let literals = 0;
  let pauses = 0;
  let lastType: string | undefined;
  const maxDecisions = 1_000_000;
  const take = (evs: CommandDecoderEvent[]): void => {
    const queue = [evs];
    while (queue.length > 0) {
      const list = queue.shift() as CommandDecoderEvent[];
      for (const e of list) {
        events.push(e);
        if (e.type === 'command') lastType = e.command.type;
        if (e.type === 'literal') {
          if (++literals > maxDecisions) throw new Error('hang: too many literal decisions');
          queue.push(policy.literal(e.tag, literals) === 'accept' ? d.acceptLiteral() : d.rejectLiteral());
        }
      }
      if (queue.length === 0 && d.paused) {
        if (++pauses > maxDecisions) throw new Error('hang: too many pause decisions');
        const what = policy.paused(lastType, pauses);
        if (what === 'authenticated') {
          d.authenticated = true;
          queue.push(d.resume());
        } else queue.push(d[what]());
      }
    }
  };
  for (const c of chunks) take(d.push(c));
  take(d.end());
  return { events, decoder: d };
}

/** A comparable view of a decoder event (errors by code, offset and tag). */
export function eventView(e: ResponseDecoderEvent | CommandDecoderEvent): unknown {
  if (e.type === 'error') return { type: 'error', code: e.error.code, offset: e.error.offset, tag: e.error.tag, expected: e.error.expected };
  return e;
}

export const te = new TextEncoder();

