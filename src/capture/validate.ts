/**
 * Strict re-parsing for validation. The lenient parse runs on every
 * frame; strict mode refuses a frame exactly when the lenient parse
 * fails or records a tolerance (a warning), as long as no grammar version
 * is named — `allowQuirks` / `allowUnknown` only widen what strict mode
 * accepts. So the strict parse runs only for those frames, or for every
 * frame when a grammar version is named.
 */
import { Framer, type Frame } from '../wire/framer.js';
import { ImapParseError } from '../wire/errors.js';
import { readCommandFrame } from '../codec/parse-command.js';
import { parseResponseFrame } from '../codec/parse-response.js';
import type { Direction } from './types.js';

/**
 * What validation checks against: the grammar version (absent: either
 * where they differ), the named quirks strict mode accepts, and whether
 * unknown response / FETCH item names pass (all, or the names listed).
 *
 * @example
 * new ConversationDecoder({ validate: { grammar: 'imap4rev2', allowQuirks: ['zoho-modseq-negative'] } });
 */
export interface ConversationValidateOptions {
  grammar?: 'imap4rev1' | 'imap4rev2';
  allowQuirks?: readonly string[];
  allowUnknown?: boolean | readonly string[];
}

/** The parse options strict mode takes. */
interface StrictOptions extends ConversationValidateOptions {
  strict: true;
  maxDepth?: number;
}

/** Builds the strict options once per decoder. */
export function strictOptions(v: ConversationValidateOptions, maxDepth: number): StrictOptions {
  const o: StrictOptions = { strict: true, maxDepth };
  if (v.grammar !== undefined) o.grammar = v.grammar;
  if (v.allowQuirks !== undefined) o.allowQuirks = v.allowQuirks;
  if (v.allowUnknown !== undefined) o.allowUnknown = v.allowUnknown;
  return o;
}

/**
 * The error strict mode gives for one frame sent by `direction`, or
 * undefined when strict mode accepts it. `frame.offset` is the stream
 * offset of its first byte. Framing tolerances (a lone LF, `{n-}`) are
 * checked by framing the bytes again strictly.
 */
export function strictViolation(direction: Direction, frame: Frame, options: StrictOptions): ImapParseError | undefined {
  if (frame.warnings !== undefined) {
    const e = strictFramingError(direction, frame.bytes, options.allowQuirks);
    if (e !== undefined) return frame.offset === 0 ? e : e.rebase(frame.offset);
  }
  try {
    if (direction === 'client') readCommandFrame(frame.bytes, { ...options, offset: frame.offset });
    else parseResponseFrame(frame, options);
    return undefined;
  } catch (e) {
    return e as ImapParseError;
  }
}

function strictFramingError(direction: Direction, bytes: Uint8Array, allowQuirks: readonly string[] | undefined): ImapParseError | undefined {
  const n = bytes.length + 1;
  const framer = new Framer({ side: direction === 'client' ? 'server' : 'client', strict: true, allowQuirks, maxFrameSize: n, maxLiteralSize: n, maxLineLength: n });
  const events = framer.push(bytes);
  for (let i = 0; i < events.length; i++) {
    const ev = events[i];
    if (ev.type === 'error') return ev.error;
    if (ev.type === 'literal') events.push(...framer.acceptLiteral());
  }
  for (const ev of framer.end()) if (ev.type === 'error') return ev.error;
  return undefined;
}
