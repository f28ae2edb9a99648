/**
 * What went wrong, as a stable machine-readable name.
 *
 * - `syntax`: the bytes do not match the grammar.
 * - `incomplete`: the input ended inside a frame.
 * - `line-too-long`, `literal-too-large`, `frame-too-large`, `too-deep`:
 *   a limit option was exceeded (see {@link WireLimits}).
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

  constructor(init: ImapParseErrorInit) {
    const where = init.tag !== undefined ? ` (tag ${init.tag})` : '';
    super(`at byte ${init.offset}${where}: expected ${init.expected}, found ${init.found}`);
    this.name = 'ImapParseError';
    this.offset = init.offset;
    this.expected = init.expected;
    this.found = init.found;
    this.tag = init.tag;
    this.code = init.code ?? 'syntax';
  }

  /** A copy with the offset moved by `delta` and the tag filled in if missing. */
  rebase(delta: number, tag?: string): ImapParseError {
    return new ImapParseError({
      offset: this.offset + delta,
      expected: this.expected,
      found: this.found,
      tag: this.tag ?? tag,
      code: this.code,
    });
  }
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
