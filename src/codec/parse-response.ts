import { Framer, type Frame } from '../wire/framer.js';
import { Reader, type ImapWarning } from '../wire/reader.js';
import { Writer, type WriterOptions } from '../wire/writer.js';
import { ImapParseError } from '../wire/errors.js';
import type { WireLimits } from '../wire/limits.js';
import { encodeText, printable } from '../util/text.js';
import type { Response } from '../model/response.js';
import { readResponse, writeResponse } from '../grammar/response.js';
import { attachStreamed, unclaimedStreamed } from '../wire/streamed.js';
import { validateResponse } from './validate-response.js';

/**
 * Options of {@link parseResponse} and `ResponseDecoder`.
 *
 * @example
 * parseResponse(bytes, { strict: true, maxLineLength: 1 << 20 });
 * parseResponse(bytes, { onWarning: (w) => console.warn(w.name, w.offset) });
 */
export interface ResponseParseOptions extends WireLimits {
  /** Accept only what the RFC grammar allows: every quirk becomes an ImapParseError. */
  strict?: boolean;
  /** Quirk ids (see `QUIRKS`, docs/quirks.md) strict mode accepts; each is still reported as a warning. */
  allowQuirks?: readonly string[];
  /**
   * Strict mode refuses untagged responses and FETCH items whose name no
   * grammar here derives (error code `unknown`) unless this is `true` or
   * a list holding the name (any case). The default mode keeps them as
   * `type: 'unknown'` with an `unknown-response` / `unknown-fetch-item` warning.
   */
  allowUnknown?: boolean | readonly string[];
  /**
   * The grammar to hold responses to: `imap4rev1` (RFC 3501) or
   * `imap4rev2` (RFC 9051). Absent: accept either where rev2 only adds
   * forms (an empty resp-text).
   */
  grammar?: 'imap4rev1' | 'imap4rev2';
  /** Called for each tolerance lenient mode applied, in input order. */
  onWarning?: (w: ImapWarning) => void;
}

/**
 * Parse one framed response (a Framer `Frame`) into a value and the
 * warnings lenient mode recorded. Errors carry stream offsets.
 *
 * @example
 * for (const ev of framer.push(chunk)) if (ev.type === 'frame') parseResponseFrame(ev.frame).response;
 */
export function parseResponseFrame(frame: Frame, options: ResponseParseOptions = NO_OPTIONS): { response: Response; warnings: ImapWarning[] | undefined } {
  if (frame.literals.length === 0) {
    // The usual frame: read by a kept Reader when the options match (no
    // Reader per frame). Another call while it reads gets its own.
    let r = spare;
    spare = undefined;
    if (r === undefined || !r.readsLike(options)) r = readerFor(options);
    try {
      r.reset(frame.bytes, 0, frame.bytes.length, frame.offset);
      return { response: readResponseAt(r), warnings: r.warnings };
    } finally {
      spare = r;
    }
  }
  const r = readerFor(options);
  r.reset(frame.bytes, 0, frame.bytes.length, frame.offset);
  attachStreamed(r, frame.literals);
  try {
    const response = readResponseAt(r);
    // A streamed literal anywhere else than message data would have been
    // read as a literal made of the bytes after it.
    if (unclaimedStreamed(r) > 0) throw streamedError(frame, r);
    return { response, warnings: r.warnings };
  } catch (e) {
    throw (e as ImapParseError).code !== 'internal' && unclaimedStreamed(r) > 0 ? streamedError(frame, r) : e;
  }
}

const NO_OPTIONS: ResponseParseOptions = {};
let spare: Reader | undefined;

/** A Reader for frames from a server, with these options. */
export function readerFor(options: ResponseParseOptions): Reader {
  const r = new Reader(EMPTY, {
    strict: options.strict,
    maxDepth: options.maxDepth,
    allowQuirks: options.allowQuirks,
    allowUnknown: options.allowUnknown,
    grammar: options.grammar,
  });
  r.fromServer = true;
  return r;
}

const EMPTY = new Uint8Array(0);

/**
 * The response at the cursor of `r` (a Reader on one frame without
 * streamed literals, `fromServer` set), its final CRLF included. Throws
 * only ImapParseError: a grammar bug surfaces as an `internal` one.
 */
export function readResponseAt(r: Reader): Response {
  try {
    return readResponse(r);
  } catch (e) {
    if (e instanceof ImapParseError) throw e;
    // A grammar bug must still surface as the one documented error type.
    throw r.error(`valid input (internal error: ${e instanceof Error ? e.message : String(e)})`, r.pos, 'internal');
  }
}

function streamedError(frame: Frame, r: Reader): ImapParseError {
  const at = frame.literals.find((l) => l.streamed !== undefined)?.start ?? 0;
  return r.error('streamed literals only as message data (BODY[], BINARY[], RFC822*)', at);
}

/**
 * Parse exactly one server response (RFC 9051 §7): a tagged completion,
 * an untagged response or a continuation request, with its literals and
 * its final CRLF. A string is encoded as UTF-8 first. Anything else
 * (nothing, part of a frame, two frames) is an {@link ImapParseError}.
 *
 * @example
 * const r = parseResponse('* 23 EXISTS\r\n'); // { type: 'EXISTS', count: 23 }
 */
export function parseResponse(input: Uint8Array | string, options: ResponseParseOptions = {}): Response {
  const bytes = typeof input === 'string' ? encodeText(input) : input;
  const framer = new Framer({ side: 'client', ...limitsOf(options), strict: options.strict, allowQuirks: options.allowQuirks });
  const events = framer.push(bytes);
  events.push(...framer.end());
  let frame: Frame | undefined;
  let extra: Frame | undefined;
  for (const e of events) {
    if (e.type === 'error') {
      if (frame !== undefined) parseResponseFrame(frame, options);
      throw e.error;
    }
    if (e.type === 'frame') {
      if (frame === undefined) frame = e.frame;
      else {
        extra = e.frame;
        break;
      }
    }
  }
  if (frame === undefined) {
    throw new ImapParseError({ offset: 0, expected: 'a response', found: 'end of input', code: 'incomplete', rule: 'response', rfc: 'RFC 9051 §9' });
  }
  // The first frame is read before a second one is blamed: a broken
  // literal header (`{3} ` CRLF) ends a frame early, and the error in
  // that frame, with its tag, is the one to report.
  const { response, warnings } = parseResponseFrame(frame, options);
  if (extra !== undefined) {
    throw new ImapParseError({
      offset: extra.offset,
      expected: 'end of input after one response',
      found: `another response, ${printable(extra.bytes, 0, extra.bytes.length)}`,
      rule: 'response',
      rfc: 'RFC 9051 §9',
    });
  }
  if (warnings !== undefined && options.onWarning !== undefined) for (const w of warnings) options.onWarning(w);
  return response;
}

/**
 * The canonical bytes of one response, CRLF included. Strings pick atom,
 * quoted or literal by themselves; `utf8: true` lets valid UTF-8 go in
 * quoted strings (IMAP4rev2 / UTF8=ACCEPT), otherwise it goes in literals.
 * Throws `ImapEncodeError` for a value that cannot be written as valid
 * IMAP, and for one not shaped like a response (an unknown `type`, a
 * missing or ill-typed field: the message names the field).
 *
 * @example
 * serializeResponse({ type: 'EXISTS', count: 23 }); // '* 23 EXISTS\r\n'
 */
export function serializeResponse(value: Response, options: Pick<WriterOptions, 'utf8' | 'maxQuoted'> = {}): Uint8Array {
  validateResponse(value);
  const w = new Writer({ side: 'server', utf8: options.utf8, maxQuoted: options.maxQuoted });
  writeResponse(w, value);
  return w.toBytes();
}

export function limitsOf(o: WireLimits): WireLimits {
  const out: WireLimits = {};
  if (o.maxLineLength !== undefined) out.maxLineLength = o.maxLineLength;
  if (o.maxLiteralSize !== undefined) out.maxLiteralSize = o.maxLiteralSize;
  if (o.maxFrameSize !== undefined) out.maxFrameSize = o.maxFrameSize;
  if (o.maxDepth !== undefined) out.maxDepth = o.maxDepth;
  return out;
}
