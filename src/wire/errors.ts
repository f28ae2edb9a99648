/**
 * What went wrong, as a stable machine-readable name.
 *
 * - `syntax`: the bytes do not match the grammar.
 * - `incomplete`: the input ended inside a frame.
 * - `line-too-long`, `literal-too-large`, `frame-too-large`, `too-deep`:
 *   a limit option was exceeded (see {@link WireLimits}).
 * - `unknown`: strict mode met a response, response code or FETCH item
 *   name no grammar it knows derives (an extension it does not read); see
 *   the `allowUnknown` option.
 * - `internal`: a bug in imapwire met this input. It still arrives as an
 *   `ImapParseError`, so one odd frame cannot crash a client or server;
 *   please report it with the bytes.
 *
 * @example
 * if (err.code === 'line-too-long') socket.end('* BYE line too long\r\n');
 */
export type ImapParseErrorCode =
  | 'syntax'
  | 'incomplete'
  | 'line-too-long'
  | 'literal-too-large'
  | 'frame-too-large'
  | 'too-deep'
  | 'unknown'
  | 'internal';

/**
 * Fields of an {@link ImapParseError}.
 *
 * @example
 * new ImapParseError({ offset: 4, expected: 'SP', found: '"x"', tag: 'A1', code: 'syntax' });
 */
export interface ImapParseErrorInit {
  /** Byte offset of the problem, counted from the start of the input or stream. */
  offset: number;
  /** What the grammar wanted there, e.g. `SP`, `atom`, `")"`. */
  expected: string;
  /** A printable excerpt of what was there instead (quoted), or `end of input`. */
  found: string;
  /** The command or response tag, when it had been read (`*` and `+` included). */
  tag?: string;
  code?: ImapParseErrorCode;
  /** The ABNF rule being read, e.g. `nz-number`, `envelope`, `resp-text-code`. */
  rule?: string;
  /** Where that rule (or, for a MUST, the sentence stating it) is: e.g. `RFC 9051 §9`. */
  rfc?: string;
}

/**
 * The one error imapwire raises for input it refuses. Nothing else escapes
 * a parser or decoder: not TypeError, not RangeError, not a stack overflow.
 *
 * @example
 * try {
 *   parseResponse('* 1 FETCH (UID x)\r\n');
 * } catch (e) {
 *   if (e instanceof ImapParseError) console.log(e.offset, e.expected, e.found);
 * }
 */
export class ImapParseError extends Error {
  readonly offset: number;
  readonly expected: string;
  readonly found: string;
  readonly tag: string | undefined;
  readonly code: ImapParseErrorCode;
  /** The ABNF rule being read when the input was refused. */
  readonly rule: string | undefined;
  /** The RFC and section of that rule, or of the MUST the input broke. */
  readonly rfc: string | undefined;

  constructor(init: ImapParseErrorInit) {
    const where = init.tag !== undefined ? ` (tag ${init.tag})` : '';
    super(`at byte ${init.offset}${where}: expected ${init.expected}${describeRule(init)}, found ${init.found}`);
    this.name = 'ImapParseError';
    this.offset = init.offset;
    this.expected = init.expected;
    this.found = init.found;
    this.tag = init.tag;
    this.code = init.code ?? 'syntax';
    this.rule = init.rule;
    this.rfc = init.rfc;
  }

  /** A copy with the offset moved by `delta` and the tag filled in if missing. */
  rebase(delta: number, tag?: string): ImapParseError {
    return new ImapParseError({
      offset: this.offset + delta,
      expected: this.expected,
      found: this.found,
      tag: this.tag ?? tag,
      code: this.code,
      rule: this.rule,
      rfc: this.rfc,
    });
  }
}

/** ` (RFC 9051 §9)` or ` in envelope (RFC 9051 §9)`: the rule is named unless `expected` already is it. */
function describeRule(init: ImapParseErrorInit): string {
  if (init.rule === undefined) return init.rfc === undefined ? '' : ` (${init.rfc})`;
  const named = init.expected === init.rule || init.expected.startsWith(init.rule + ' ');
  const rfc = init.rfc === undefined ? '' : ` (${init.rfc})`;
  return named ? rfc : ` in ${init.rule}${rfc}`;
}

/**
 * A value that cannot be written as valid IMAP: an atom holding a space,
 * a number out of range, text holding CR or LF. Thrown by serializers
 * instead of writing bytes that would mean something else on the wire.
 *
 * @example
 * try { serializeCommand(value); } catch (e) { if (e instanceof ImapEncodeError) console.log(e.message); }
 */
export class ImapEncodeError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ImapEncodeError';
  }
}
