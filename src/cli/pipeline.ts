/**
 * The one pipeline every subcommand shares: inputs → capture reader
 * (StreamEvents) → conversation decoder (ConversationEvents) → the
 * subcommand's handler, which writes its report to an {@link Output}.
 * Each chunk's events are handled (and their output drained) before the
 * next chunk is read, so memory stays bounded by the largest frame.
 */
import type { ConversationEvent, Direction, StreamEvent } from '../capture/types.js';
import { CaptureReader } from '../capture/reader.js';
import type { CaptureFormat } from '../capture/options.js';
import { ConversationDecoder } from '../capture/conversation.js';
import { CliError, oneLine } from './errors.js';
import { zlibInflaterFactory } from './inflater.js';
import { openInput, type Input } from './input.js';
import type { Output } from './output.js';
import { Progress } from './progress.js';

/**
 * What the pipeline is asked to do: how to read the inputs and how to
 * decode the conversations.
 *
 * @example
 * const options: PipelineOptions = { ports: [1143], validate: true, grammar: 'imap4rev2' };
 */
export interface PipelineOptions {
  /** TCP ports to take for IMAP besides 143 and 993. */
  ports?: number[];
  /** Who sent the bytes of a raw one-direction stream. */
  direction?: Direction;
  /** The container format, when detection should be skipped. */
  inputFormat?: CaptureFormat;
  /** Run the strict grammar too, so frames carry `violation`. */
  validate?: boolean;
  /** Which grammar strict mode checks where the session does not say. */
  grammar?: 'imap4rev1' | 'imap4rev2';
  /** Quirk ids strict mode accepts. */
  allowQuirks?: string[];
}

/** One input as a handler sees it. */
export interface InputContext {
  /** The name the user gave (`-` for standard input). */
  name: string;
  /** Its position among the inputs, from 0. */
  index: number;
}

/** What the pipeline counted while it ran. */
export interface PipelineSummary {
  /** Bytes read from all inputs. */
  bytesRead: number;
  /** Connections found, over all inputs. */
  connections: number;
  /** Conversation events handled. */
  events: number;
  /** Most bytes the capture readers held at once (partial records, out-of-order segments). */
  maxHeldBytes: number;
}

/**
 * Called with each conversation event in wire order. It may return a
 * promise; the pipeline waits for it before going on.
 */
export type EventHandler = (event: ConversationEvent, input: InputContext) => void | Promise<void>;

/**
 * Runs the pipeline over the inputs, handing every conversation event to
 * `handle` and flushing `out` as it goes. An input that is no capture or
 * cannot be read throws a {@link CliError} naming it; so does a set of
 * inputs in which no IMAP connection was found.
 *
 * @example
 * const out = new Output(process.stdout);
 * await runPipeline(['a.pcap'], {}, out, (ev) => { if (ev.type === 'response') out.write(ev.response.type + '\n'); });
 */
export async function runPipeline(names: readonly string[], options: PipelineOptions, out: Output, handle: EventHandler): Promise<PipelineSummary> {
  const inputs: Input[] = names.map(openInput);
  const summary: PipelineSummary = { bytesRead: 0, connections: 0, events: 0, maxHeldBytes: 0 };
  lastRun = { summary, out };
  for (let index = 0; index < inputs.length; index++) {
    await runInput(inputs[index]!, index, inputs.length, options, out, handle, summary);
  }
  if (summary.connections === 0) {
    throw new CliError(inputs.length === 1 ? `no IMAP connection found in ${label(inputs[0]!.name)}.` : 'no IMAP connection found in the inputs.');
  }
  return summary;
}

async function runInput(
  input: Input,
  index: number,
  count: number,
  options: PipelineOptions,
  out: Output,
  handle: EventHandler,
  summary: PipelineSummary,
): Promise<void> {
  const ctx: InputContext = { name: input.name, index };
  // Connection ids are unique within one input; with several inputs they
  // get the input's position in front so reports keep them apart.
  const prefix = count > 1 ? `${index + 1}:` : '';
  const reader = new CaptureReader({
    name: input.name === '-' ? undefined : input.name,
    ports: options.ports,
    direction: options.direction,
    format: options.inputFormat,
  });
  const decoder = new ConversationDecoder({
    inflater: zlibInflaterFactory,
    validate: options.validate === true ? { grammar: options.grammar, allowQuirks: options.allowQuirks } : undefined,
  });
  const progress = Progress.forStderr(input.name, input.size);
  // Events before the input's first connection (reader notices) wait, so an
  // input with no IMAP in it writes nothing to the report; a bounded few.
  const early: ConversationEvent[] = [];
  let opened = false;
  let damaged: string | undefined;
  let noImap: string | undefined;
  // The decoder takes the stream events one at a time, synchronously (no
  // promise unless a compressed stream has to be inflated), and each one's
  // conversation events are handled before the next is decoded: they die
  // young instead of living, a whole chunk's worth, through scavenges.
  // The chunk's array lets go of each stream event once it is decoded.
  // One array to hand each stream event in (the decoder lets go of it by
  // the time its promise, if any, settles).
  const single: StreamEvent[] = [];
  const deliver = async (streamEvents: (StreamEvent | undefined)[]): Promise<void> => {
    for (let i = 0; i < streamEvents.length; i++) {
      const se = streamEvents[i]!;
      streamEvents[i] = undefined;
      single[0] = prefix === '' ? se : renamed(se, prefix);
      const r = decoder.pushMany(single);
      const events = r instanceof Promise ? await r : r;
      for (let k = 0; k < events.length; k++) {
        const p = one(events[k]!);
        if (p !== undefined) await p;
      }
    }
  };
  /** Hands one event on; a promise only when the handler or the output must be waited for. */
  const one = (ev: ConversationEvent): Promise<void> | undefined => {
    if (ev.type === 'notice' && ev.connection === undefined) {
      if (/\btruncated\b/.test(ev.message)) damaged ??= ev.message;
      if (/^no IMAP connection/.test(ev.message)) noImap = ev.message;
    }
    if (!opened) {
      if (ev.type !== 'open') {
        if (early.length < 1000) early.push(ev);
        return undefined;
      }
      opened = true;
      return (async () => {
        await one(ev);
        for (const e of early.splice(0)) await one(e);
      })();
    }
    if (ev.type === 'open') summary.connections++;
    summary.events++;
    const r = handle(ev, ctx);
    if (r !== undefined) return out.full ? r.then(() => out.flush()) : r;
    return out.full ? out.flush() : undefined;
  };
  try {
    for await (const chunk of input.chunks()) {
      summary.bytesRead += chunk.length;
      progress.add(chunk.length);
      const events = reader.push(chunk);
      const held = reader.heldBytes();
      if (held > summary.maxHeldBytes) summary.maxHeldBytes = held;
      await deliver(events);
      await out.flush();
    }
    await deliver(reader.end());
    for (const ev of await decoder.end()) await one(ev);
    await out.flush();
    if (!opened && noImap !== undefined && count === 1) throw new CliError(`${label(input.name)}: ${oneLine(noImap)}`);
    if (damaged !== undefined) throw new CliError(`${label(input.name)} is damaged: ${oneLine(damaged).replace(/\.$/, '')}; the report covers what came before.`);
  } catch (e) {
    throw inputError(label(input.name), e);
  } finally {
    progress.done();
  }
}

let lastRun: { summary: PipelineSummary; out: Output } | undefined;

/**
 * The counts of the last pipeline run, with the most output held at once:
 * what `IMAPWIRE_MEMORY_REPORT=1` prints at exit (the tests' counted
 * measure of bounded memory).
 */
export function lastRunCounts(): (PipelineSummary & { maxOutputHeld: number }) | undefined {
  return lastRun === undefined ? undefined : { ...lastRun.summary, maxOutputHeld: lastRun.out.maxHeld };
}

/** A stream event with the connection id prefixed (several inputs). */
function renamed(ev: StreamEvent, prefix: string): StreamEvent {
  if (ev.type === 'open') return { ...ev, connection: { ...ev.connection, id: prefix + ev.connection.id } };
  if (ev.type === 'notice') return ev.connection === undefined ? ev : { ...ev, connection: prefix + ev.connection };
  return { ...ev, connection: prefix + ev.connection };
}

/** The error that stops an input, as one sentence naming it. */
function inputError(name: string, e: unknown): CliError {
  if (e instanceof CliError) return e;
  const err = e as { name?: string; code?: string; message?: string };
  if (err !== null && typeof err === 'object') {
    if (err.code === 'ENOENT') return new CliError(`cannot read ${name}: no such file.`);
    if (err.code === 'EACCES') return new CliError(`cannot read ${name}: permission denied.`);
    if (err.code === 'EISDIR') return new CliError(`cannot read ${name}: it is a directory.`);
    if (err.code === 'EPIPE') return new CliError('the output was closed.');
    if (err.name === 'CaptureError') {
      return new CliError(`${name} is not a capture imapwire can read: ${oneLine(err.message ?? '')}`);
    }
  }
  const msg = err !== null && typeof err === 'object' && typeof err.message === 'string' ? err.message : String(e);
  return new CliError(`${name}: ${oneLine(msg)}`);
}

/** How an input is named in a sentence. */
function label(name: string): string {
  return name === '-' ? 'standard input' : name;
}
