import { ImapParseError, type ImapParseErrorCode } from './errors.js';
import {
  CLASS, ATOM, ASTRING, TAG, QUOTED, DIGIT, HIGH,
  SP, CR, LF, DQUOTE, BACKSLASH, LPAREN, RPAREN, LBRACE, RBRACE, TILDE, PLUS, MINUS, STAR, COLON, COMMA, DOLLAR,
} from './chars.js';
import { decodeText, decodeAscii, decodeAsciiHashed, printable, utf8SequenceLength } from '../util/text.js';
import { ruleSource } from './rules.js';
import { indexOfNul } from '../util/bytes.js';
import { readText, textEnd } from './text-line.js';
import { plainQuoted, plainQuotedEnd, runHash, scanHashed } from './plain-quoted.js';
import type { SequenceSet, SequenceItem, SeqNumber } from '../model/sequence-set.js';

/**
 * Reader options.
 *
 * @example
 * new Reader(frame.bytes, { strict: true, offset: frame.offset });
 */
export interface ReaderOptions {
  /** Accept only what the RFC grammar allows. */
  strict?: boolean;
  /** Deepest list nesting before an `ImapParseError` (default 256). */
  maxDepth?: number;
  /** Stream offset of `bytes[0]`, so error offsets point into the stream. */
  offset?: number;
  /** Quirk ids strict mode accepts (each still recorded as a warning); see `QUIRKS`. Read once per array: pass a new array to change it. */
  allowQuirks?: readonly string[];
  /**
   * Strict mode refuses response, response-code and FETCH item names no
   * grammar it knows derives (code `unknown`) unless this is true, or a
   * list holding the name (any case).
   */
  allowUnknown?: boolean | readonly string[];
  /**
   * The grammar strict mode checks: `imap4rev1` (RFC 3501), `imap4rev2`
   * (RFC 9051), or absent for either where rev2 only adds forms.
   */
  grammar?: 'imap4rev1' | 'imap4rev2';
}

/**
 * A tolerance lenient mode applied: the quirk's id (one of `QUIRKS`,
 * src/grammar/quirks.ts) and where it was.
 *
 * @example
 * { name: 'trailing-space', offset: 17 }
 */
export interface ImapWarning {
  name: string;
  offset: number;
}

const UINT32_MAX = 4294967295;

// A decoder builds one Reader per frame with the same option arrays: their sets are made once.
const SETS = new WeakMap<readonly string[], Set<string>>();
const UPPER_SETS = new WeakMap<readonly string[], Set<string>>();

function setOf(list: readonly string[], upper: boolean): Set<string> {
  const cache = upper ? UPPER_SETS : SETS;
  let s = cache.get(list);
  if (s === undefined) {
    s = new Set(upper ? list.map((n) => n.toUpperCase()) : list);
    cache.set(list, s);
  }
  return s;
}
const INT63_MAX = (1n << 63n) - 1n;


/**
 * A cursor over one frame. Each method reads one rule of the RFC 9051 §9
 * grammar at the cursor and moves past it, or throws an
 * {@link ImapParseError} that says where, what was expected and what was
 * found. Nothing else is thrown.
 *
 * @example
 * const r = new Reader(new TextEncoder().encode('A1 LOGIN fred "pass word"\r\n'));
 * r.tag(); r.sp(); r.atom(); r.sp();
 * r.astringText(); // 'fred'
 */
export class Reader {
  /** The bytes read; the frame is `bytes[pos at the start, end)` (see {@link reset}). */
  bytes: Uint8Array;
  /** Where the frame ends in `bytes`. */
  end: number;
  readonly strict: boolean;
  readonly maxDepth: number;
  /** Stream offset of `bytes[0]`. */
  base: number;
  pos = 0;
  depth = 0;
  /** The tag, once {@link tag} read it; errors carry it. */
  tagValue: string | undefined;
  /** The lenient-mode tolerances applied so far, in input order. */
  warnings: ImapWarning[] | undefined;
  /** The construct being read, named in errors whose `expected` is no rule by itself. */
  rule = 'response';
  /** True when reading what a server sent (responses): `{n+}` literals are then a quirk. */
  fromServer = false;
  /** See {@link ReaderOptions.grammar}. */
  grammar: 'imap4rev1' | 'imap4rev2' | undefined;
  private readonly allowQuirks: ReadonlySet<string> | undefined;
  private readonly allowUnknown: boolean | ReadonlySet<string>;
  private readonly quirkList: readonly string[] | undefined;
  private readonly unknownList: boolean | readonly string[] | undefined;

  /** Elements of the lists being read (see {@link list}), `top` the next free slot. */
  private readonly stack: unknown[] = [];
  private top = 0;

  // The last quoted string's content range; `qEscaped` when it held escapes.
  private qStart = 0;
  private qEnd = 0;
  private qEscaped = false;

  constructor(bytes: Uint8Array, options: ReaderOptions = {}) {
    this.bytes = bytes;
    this.end = bytes.length;
    this.strict = options.strict ?? false;
    this.maxDepth = options.maxDepth ?? 256;
    this.base = options.offset ?? 0;
    this.grammar = options.grammar;
    this.allowQuirks = options.allowQuirks === undefined || options.allowQuirks.length === 0 ? undefined : setOf(options.allowQuirks, false);
    const u = options.allowUnknown ?? false;
    this.allowUnknown = typeof u === 'boolean' ? u : setOf(u, true);
    this.quirkList = options.allowQuirks;
    this.unknownList = options.allowUnknown;
  }

  /**
   * True when this reader was made with the same reading options as
   * `options` would give (strict, maxDepth, the same allowQuirks and
   * allowUnknown values, grammar): it can then {@link reset} to a frame
   * instead of a new Reader being made.
   */
  readsLike(options: ReaderOptions): boolean {
    return (
      this.strict === (options.strict ?? false) &&
      this.maxDepth === (options.maxDepth ?? 256) &&
      this.grammar === options.grammar &&
      this.quirkList === options.allowQuirks &&
      this.unknownList === options.allowUnknown
    );
  }

  /**
   * Read another frame with the same options: `bytes[start, end)`, whose
   * first byte is at stream offset `offset`. The cursor goes to `start`;
   * the tag, warnings, depth and rule of the last frame are dropped. A
   * decoder keeps one Reader this way instead of making one per frame, and
   * reads a frame where it lies in the pushed chunk. Every frame ends in
   * LF, and no rule reads past a frame's final LF, so the bytes after
   * `end` are never looked at.
   *
   * @example
   * r.reset(chunk, 120, 134, streamOffset + 120); readResponse(r);
   */
  reset(bytes: Uint8Array, start: number, end: number, offset: number): void {
    this.bytes = bytes;
    this.end = end;
    this.pos = start;
    this.base = offset - start;
    this.depth = 0;
    this.tagValue = undefined;
    this.warnings = undefined;
    this.rule = 'response';
    if (this.top !== 0) {
      // A frame refused inside a list left its elements.
      this.stack.length = 0;
      this.top = 0;
    }
  }

  // ---- errors and quirks -------------------------------------------------

  /**
   * An error at the cursor (or at `at`): what was expected, and what is
   * there. `rule` defaults to `expected` when that is a rule name (or
   * starts with one), else to the construct being read ({@link Reader.rule});
   * `rfc` to where that rule is defined.
   */
  error(expected: string, at = this.pos, code: ImapParseErrorCode = 'syntax', rule?: string, rfc?: string): ImapParseError {
    let name = rule;
    if (name === undefined) {
      const sp = expected.indexOf(' ');
      const head = sp < 0 ? expected : expected.slice(0, sp);
      name = ruleSource(head) !== undefined ? head : this.rule;
    }
    return new ImapParseError({
      offset: this.base + at,
      expected,
      found: printable(this.bytes, at, this.end),
      tag: this.tagValue,
      code,
      rule: name,
      rfc: rfc ?? ruleSource(name) ?? 'RFC 9051 §9',
    });
  }

  /**
   * Record that a lenient tolerance was applied (`id` names it in
   * `QUIRKS`); in strict mode the same input is an error instead, unless
   * the caller allowed this quirk. `rule`/`rfc` name what the input broke
   * when `expected` alone does not.
   */
  quirk(id: string, expected: string, at = this.pos, rule?: string, rfc?: string): void {
    if (this.strict && (this.allowQuirks === undefined || !this.allowQuirks.has(id))) throw this.error(expected, at, 'syntax', rule, rfc);
    (this.warnings ??= []).push({ name: id, offset: this.base + at });
  }

  /**
   * A name no grammar here derives (an extension response, code or FETCH
   * item): a warning in lenient mode; in strict mode an `unknown` error
   * unless the caller allowed it.
   */
  unknownName(id: string, name: string, at: number, rule: string): void {
    if (this.strict) {
      const ok = this.allowUnknown === true || (this.allowUnknown !== false && this.allowUnknown.has(name.toUpperCase()));
      if (!ok) throw this.error(`a ${rule} this grammar derives (not ${JSON.stringify(name)}; see allowUnknown)`, at, 'unknown', rule);
    }
    (this.warnings ??= []).push({ name: id, offset: this.base + at });
  }

  /** True when lenient reading applies for quirk `id`: the default mode, or strict mode that allows it. */
  tolerates(id: string): boolean {
    return !this.strict || (this.allowQuirks !== undefined && this.allowQuirks.has(id));
  }

  /** True when the text after a status word may be empty: IMAP4rev2 (RFC 9051 §9 resp-text) or either grammar. */
  get textOptional(): boolean {
    return this.grammar !== 'imap4rev1';
  }

  // ---- looking ------------------------------------------------------------

  /** The byte at the cursor, or -1 at the end. */
  peek(): number {
    return this.pos < this.end ? this.bytes[this.pos] : -1;
  }

  /** The byte `k` places past the cursor, or -1 past the end. */
  peekAt(k: number): number {
    const p = this.pos + k;
    return p < this.end ? this.bytes[p] : -1;
  }

  /** True when the cursor is at the end of the frame. */
  atEnd(): boolean {
    return this.pos >= this.end;
  }

  /** True when the next bytes are `word` (ASCII, any case) and then not an atom char. */
  peekWord(word: string): boolean {
    const p = this.pos;
    if (p + word.length > this.end) return false;
    for (let j = 0; j < word.length; j++) {
      const c = this.bytes[p + j];
      const w = word.charCodeAt(j);
      if (c !== w && !(w >= 0x41 && w <= 0x5a && c === w + 0x20)) return false;
    }
    const after = p + word.length < this.end ? this.bytes[p + word.length] : -1;
    return after < 0 || (CLASS[after] & ATOM) === 0 || (CLASS[word.charCodeAt(word.length - 1)] & ATOM) === 0;
  }

  /** Consume `word` (any case) if it is next; see {@link peekWord}. */
  skipWord(word: string): boolean {
    if (!this.peekWord(word)) return false;
    this.pos += word.length;
    return true;
  }

  /** Consume `word` or throw. */
  word(word: string): void {
    if (!this.skipWord(word)) throw this.error(JSON.stringify(word));
  }

  /** Consume `byte` if it is next. */
  skip(byte: number): boolean {
    if (this.pos < this.end && this.bytes[this.pos] === byte) {
      this.pos++;
      return true;
    }
    return false;
  }

  /** Consume `byte` or throw. */
  expect(byte: number, what?: string): void {
    if (this.pos < this.end && this.bytes[this.pos] === byte) {
      this.pos++;
      return;
    }
    // The message is built only on failure: this runs for every punctuation byte.
    throw this.error(what ?? JSON.stringify(String.fromCharCode(byte)));
  }

  // ---- separators ---------------------------------------------------------

  /** `SP`: one space. */
  sp(): void {
    if (this.pos < this.end && this.bytes[this.pos] === SP) {
      this.pos++;
      return;
    }
    throw this.error('SP');
  }

  /**
   * `CRLF` at the end of the frame. A lone LF is a lenient-mode quirk; a
   * space before the line end (a common server habit) is another.
   */
  crlf(): void {
    const b = this.bytes;
    const e = this.end;
    if (this.pos + 2 === e && b[this.pos] === CR && b[this.pos + 1] === LF) {
      // The common case: exactly CRLF left.
      this.pos = e;
      return;
    }
    if (this.pos < e && b[this.pos] === SP && this.tolerates('trailing-space')) {
      let p = this.pos;
      while (p < e && b[p] === SP) p++;
      if (p < e && (b[p] === CR || b[p] === LF)) {
        this.quirk('trailing-space', 'CRLF');
        this.pos = p;
      }
    }
    if (this.pos + 1 < e && b[this.pos] === CR && b[this.pos + 1] === LF) {
      this.pos += 2;
    } else if (this.pos < e && b[this.pos] === LF) {
      this.quirk('lone-lf', 'CRLF');
      this.pos += 1;
    } else {
      throw this.error('CRLF');
    }
    if (this.pos !== this.end) throw this.error('end of frame');
  }

  /** True when the cursor is at the line end (CRLF or lone LF), spaces before it aside in lenient mode. */
  atLineEnd(): boolean {
    const c = this.peek();
    if (c === CR || c === LF || c < 0) return true;
    if (c === SP && this.tolerates('trailing-space')) {
      let p = this.pos;
      while (p < this.end && this.bytes[p] === SP) p++;
      return p >= this.end || this.bytes[p] === CR || this.bytes[p] === LF;
    }
    return false;
  }

  // ---- atoms and numbers --------------------------------------------------

  /** Scan `1*<chars of class mask>` and return its end, or throw naming `what`. */
  private scan(mask: number, what: string): number {
    const b = this.bytes;
    let p = this.pos;
    while (p < this.end && (CLASS[b[p]] & mask) !== 0) p++;
    if (p === this.pos) throw this.error(what);
    return p;
  }

  /**
   * `atom`: 1*ATOM-CHAR. Lenient mode also takes 8-bit bytes (Latin-1
   * keywords are common) and records the quirk.
   */
  atom(): string {
    const b = this.bytes;
    const start = this.pos;
    const p = scanHashed(b, start, this.end, ATOM);
    // Stopped on a byte that is no 8-bit one: the atom is all there is (both modes).
    if (p > start && (p >= this.end || b[p] < 0x80)) {
      this.pos = p;
      return decodeAsciiHashed(b, start, p, runHash);
    }
    this.scanLenient(ATOM, 'atom');
    // decodeText: 8-bit bytes decode losslessly, and short atoms (command
    // names, keywords) come from its cache, so they cost no allocation.
    return decodeText(this.bytes, start, this.pos);
  }

  /**
   * Scan `1*<class>` to the cursor; lenient mode lets 8-bit bytes in and
   * records the quirk. Returns true when such bytes were taken.
   */
  private scanLenient(mask: number, what: string): boolean {
    if (this.strict && !this.tolerates('8bit-atom')) {
      this.pos = this.scan(mask, what);
      return false;
    }
    const start = this.pos;
    const p = this.scan(mask | HIGH, what);
    for (let k = start; k < p; k++) {
      if (this.bytes[k] >= 0x80) {
        this.quirk('8bit-atom', what, k);
        this.pos = p;
        return true;
      }
    }
    this.pos = p;
    return false;
  }

  /** Like {@link atom} with extra allowed bytes, for rules such as flag keywords holding `]`. */
  atomWith(mask: number, what = 'atom'): string {
    const start = this.pos;
    this.pos = this.scan(mask, what);
    return decodeText(this.bytes, start, this.pos);
  }

  /** `number`: an unsigned 32-bit integer (RFC 9051 §4.2). */
  number(): number {
    const b = this.bytes;
    const s = this.pos;
    let p = s;
    let v = 0;
    // Up to 10 digits accumulate exactly in a double; more are checked below.
    while (p < this.end) {
      const c = b[p];
      if (c < 0x30 || c > 0x39) break;
      v = v * 10 + (c - 0x30);
      p++;
    }
    if (p === s) throw this.error('number');
    if (p - s > 10) {
      // number = 1*DIGIT: leading zeros are legal and do not count against the range.
      let z = s;
      while (z < p - 1 && b[z] === 0x30) z++;
      if (p - z > 10) throw this.error('number (at most 4294967295)', s);
      v = 0;
      for (let k = z; k < p; k++) v = v * 10 + (b[k] - 0x30);
    }
    if (v > UINT32_MAX) throw this.error('number (at most 4294967295)', s);
    this.pos = p;
    return v;
  }

  /** `nz-number`: a non-zero `number`. */
  nzNumber(): number {
    const at = this.pos;
    if (this.bytes[at] === 0x30) throw this.error('nz-number', at);
    return this.number();
  }

  /** `number64`: an unsigned 63-bit integer (RFC 9051 §4.2), as a bigint. */
  number64(): bigint {
    const b = this.bytes;
    const s = this.pos;
    // Up to 15 digits (every count and size in practice) are read in one
    // pass and fit a double exactly; longer ones are checked below.
    let p = s;
    let n = 0;
    for (; p < this.end; p++) {
      const c = b[p];
      if (c < 0x30 || c > 0x39) break;
      n = n * 10 + (c - 0x30);
    }
    if (p > s && p - s <= 9) {
      this.pos = p;
      // Below 2^31: `| 0` makes it a small integer, which BigInt() converts
      // about ten times faster than the same value held as a double.
      return BigInt(n | 0);
    }
    if (p > s && p - s <= 15) {
      this.pos = p;
      return BigInt(n);
    }
    const e = this.scan(DIGIT, 'number64');
    this.pos = e;
    let z = s;
    while (z < e - 1 && this.bytes[z] === 0x30) z++;
    if (e - z > 19) throw this.error('number64 (at most 9223372036854775807)', s);
    // More than 15 digits (leading zeros included): rare, through the digits' text.
    const v = BigInt(decodeAscii(this.bytes, z, e));
    if (v > INT63_MAX) throw this.error('number64 (at most 9223372036854775807)', s);
    return v;
  }

  /**
   * A `number64` that must fit a JS number (sizes: RFC822.SIZE and
   * body-fld-octets are number64 in RFC 9051). Up to 9 digits, every size
   * in practice, is read in one pass; longer ones go through
   * {@link number64} for its range checks and errors.
   */
  safeNumber64(): number {
    const b = this.bytes;
    const start = this.pos;
    let p = start;
    let v = 0;
    for (; p < this.end; p++) {
      const c = b[p];
      if (c < 0x30 || c > 0x39) break;
      v = v * 10 + (c - 0x30);
    }
    if (p > start && p - start <= 9) {
      this.pos = p;
      return v;
    }
    if (p === start) throw this.error('number');
    const big = this.number64();
    if (big > BigInt(Number.MAX_SAFE_INTEGER)) throw this.error('a number up to 2^53-1', start);
    return Number(big);
  }

  /** `nz-number64`. */
  nzNumber64(): bigint {
    const at = this.pos;
    if (this.bytes[at] === 0x30) throw this.error('nz-number64', at);
    return this.number64();
  }

  // ---- strings ------------------------------------------------------------

  /** Scan a quoted string at the cursor into qStart/qEnd/qEscaped. */
  private scanQuoted(): void {
    const b = this.bytes;
    const open = this.pos;
    if (b[open] !== DQUOTE) throw this.error('quoted string');
    let p = open + 1;
    let escaped = false;
    for (;;) {
      if (p >= this.end) throw this.error('"\\"" ending the quoted string', p);
      const c = b[p];
      if (c === DQUOTE) break;
      if ((CLASS[c] & QUOTED) !== 0) {
        p++;
        continue;
      }
      if (c === BACKSLASH) {
        const d = b[p + 1];
        if (d === DQUOTE || d === BACKSLASH) {
          escaped = true;
          p += 2;
          continue;
        }
        // A backslash before anything else: kept as a plain byte.
        this.quirk('quoted-backslash', 'quoted-specials after "\\"', p + 1);
        p++;
        continue;
      }
      if (c === CR || c === LF) throw this.error('"\\"" ending the quoted string', p);
      if (c >= 0x80) {
        const n = utf8SequenceLength(b, p, this.end);
        if (n > 0) {
          p += n;
          continue;
        }
        this.quirk('quoted-8bit', 'QUOTED-CHAR or UTF-8', p);
        p++;
        continue;
      }
      // NUL: not a CHAR at all.
      this.quirk('quoted-nul', 'QUOTED-CHAR', p);
      p++;
    }
    this.qStart = open + 1;
    this.qEnd = p;
    this.qEscaped = escaped;
    this.pos = p + 1;
  }

  private unescapedQuoted(): Uint8Array {
    const b = this.bytes;
    const out = new Uint8Array(this.qEnd - this.qStart);
    let o = 0;
    for (let k = this.qStart; k < this.qEnd; k++) {
      const c = b[k];
      if (c === BACKSLASH && (b[k + 1] === DQUOTE || b[k + 1] === BACKSLASH)) {
        out[o++] = b[++k];
      } else {
        out[o++] = c;
      }
    }
    return out.subarray(0, o);
  }

  /** `quoted`: the content bytes (a view of the frame when it holds no escapes). */
  quoted(): Uint8Array {
    this.scanQuoted();
    return this.qEscaped ? this.unescapedQuoted() : this.bytes.subarray(this.qStart, this.qEnd);
  }

  /** `quoted` as a string (lossless, see `decodeText`). */
  quotedText(): string {
    // Fast path for the bulk of envelope and body-structure strings: ASCII
    // without escapes, decoded straight from the frame (short ones from the
    // string cache); scanQuoted's per-byte escape / UTF-8 / NUL checks are
    // not needed for such bytes. Anything else takes the general path.
    const v = plainQuoted(this.bytes, this.pos, this.end);
    if (v !== undefined) {
      this.pos = plainQuotedEnd;
      return v;
    }
    return this.quotedTextSlow();
  }

  private quotedTextSlow(): string {
    this.scanQuoted();
    const b = this.bytes;
    if (!this.qEscaped) return decodeText(b, this.qStart, this.qEnd);
    // Escapes are ASCII, so no UTF-8 sequence spans one: decode the runs
    // between them straight from the frame.
    let out = '';
    let run = this.qStart;
    for (let k = this.qStart; k < this.qEnd; k++) {
      if (b[k] === BACKSLASH && (b[k + 1] === DQUOTE || b[k + 1] === BACKSLASH)) {
        out += decodeText(b, run, k) + (b[k + 1] === DQUOTE ? '"' : '\\');
        k++;
        run = k + 1;
      }
    }
    return out + decodeText(b, run, this.qEnd);
  }

  /** Read a literal header and return [dataStart, dataEnd]; `binary` selects literal8. */
  private literalRange(binary: boolean): [number, number] {
    const b = this.bytes;
    const at = this.pos;
    let p = at;
    if (binary) {
      if (b[p] !== TILDE) throw this.error('literal8');
      p++;
    }
    if (b[p] !== LBRACE) throw this.error(binary ? 'literal8' : 'literal');
    p++;
    const ds = p;
    while (p < this.end && (CLASS[b[p]] & DIGIT) !== 0) p++;
    if (p === ds || p - ds > 19) throw this.error('number64 in the literal header', ds);
    let n = 0;
    for (let k = ds; k < p; k++) n = n * 10 + (b[k] - 0x30);
    if (b[p] === PLUS) {
      if (this.fromServer) this.quirk('literal-plus-server', '"}" (non-synchronizing literals are client-only)', p, 'literal', 'RFC 7888 §8');
      p++;
    } else if (b[p] === MINUS) {
      this.quirk('literal-minus', '"+}" or "}"', p);
      p++;
    }
    if (b[p] !== RBRACE) throw this.error('"}"', p, 'syntax', binary ? 'literal8' : 'literal');
    p++;
    if (b[p] === CR && b[p + 1] === LF) p += 2;
    else if (b[p] === LF) {
      this.pos = p;
      this.quirk('lone-lf', 'CRLF');
      p += 1;
    } else throw this.error('CRLF after the literal header', p, 'syntax', 'literal');
    if (n > this.end - p) throw this.error(`${n} literal bytes`, this.end, 'incomplete');
    this.pos = p + n;
    if (!binary && this.fromServer) {
      // Only literal8 may carry NUL (RFC 9051 §4.3: CHAR8 excludes it).
      const z = indexOfNul(b, p, p + n);
      if (z >= 0) this.quirk('literal-nul', 'CHAR8 (NUL only in literal8)', z, 'literal', 'RFC 9051 §4.3');
    }
    return [p, p + n];
  }

  /** `literal`: the data bytes, a view of the frame. */
  literal(): Uint8Array {
    const [s, e] = this.literalRange(false);
    return this.bytes.subarray(s, e);
  }

  /** `literal8` (`~{n}`, RFC 4466 / RFC 3516): the data bytes, a view of the frame. */
  literal8(): Uint8Array {
    const [s, e] = this.literalRange(true);
    return this.bytes.subarray(s, e);
  }

  /** `string`: quoted or literal, as bytes. */
  string(): Uint8Array {
    const c = this.peek();
    if (c === DQUOTE) return this.quoted();
    if (c === LBRACE) return this.literal();
    throw this.error('string');
  }

  /** `string` as a string (lossless). */
  stringText(): string {
    const c = this.peek();
    if (c === DQUOTE) return this.quotedText();
    if (c === LBRACE) {
      const [s, e] = this.literalRange(false);
      return decodeText(this.bytes, s, e);
    }
    throw this.error('string');
  }

  /** `astring`: 1*ASTRING-CHAR or string, as bytes. */
  astring(): Uint8Array {
    const c = this.peek();
    if (c === DQUOTE || c === LBRACE) return this.string();
    const start = this.pos;
    this.scanLenient(ASTRING, 'astring');
    return this.bytes.subarray(start, this.pos);
  }

  /** `astring` as a string (lossless). */
  astringText(): string {
    const c = this.peek();
    if (c === DQUOTE) return this.quotedText();
    if (c === LBRACE) return this.stringText();
    const b = this.bytes;
    const start = this.pos;
    // ASCII ASTRING-CHARs, the usual case, are scanned and hashed for the string cache in one pass.
    const p = scanHashed(b, start, this.end, ASTRING);
    if (p > start && (p >= this.end || b[p] < 0x80)) {
      this.pos = p;
      return decodeAsciiHashed(b, start, p, runHash);
    }
    this.scanLenient(ASTRING, 'astring');
    return decodeText(this.bytes, start, this.pos);
  }

  /** True when `NIL` (any case) is next. */
  peekNil(): boolean {
    // peekWord('NIL') spelled out: this runs for every nstring of an envelope.
    const p = this.pos;
    if (p + 3 > this.end) return false;
    const b = this.bytes;
    // OR 0x20 folds case; only the letters N/n, I/i, L/l map to these values.
    if ((b[p] | 0x20) !== 0x6e || (b[p + 1] | 0x20) !== 0x69 || (b[p + 2] | 0x20) !== 0x6c) return false;
    return p + 3 >= this.end || (CLASS[b[p + 3]] & ATOM) === 0;
  }

  /** `nil`. */
  nil(): null {
    if (!this.peekNil()) throw this.error('NIL');
    this.pos += 3;
    return null;
  }

  /** `nstring`: string or NIL, as bytes. */
  nstring(): Uint8Array | null {
    const c = this.peek();
    if (c === DQUOTE || c === LBRACE) return this.string();
    if (this.peekNil()) {
      this.pos += 3;
      return null;
    }
    throw this.error('nstring');
  }

  /** `nstring` as a string (lossless) or null. */
  nstringText(): string | null {
    const c = this.peek();
    if (c === DQUOTE) return this.quotedText();
    if (c === LBRACE) return this.stringText();
    if (this.peekNil()) {
      this.pos += 3;
      return null;
    }
    throw this.error('nstring');
  }

  /** `text`: the rest of the line up to CRLF (not consumed), at least one byte (see `readText` in wire/text-line.ts). */
  text(): string {
    return readText(this);
  }

  /** End of `text` from the cursor: the line end, checking TEXT-CHAR / UTF-8 in strict mode (see `textEnd` in wire/text-line.ts). */
  textEnd(): number {
    return textEnd(this);
  }

  /** `tag`: 1*<any ASTRING-CHAR except "+">; remembered for errors. */
  tag(): string {
    const start = this.pos;
    this.pos = this.scan(TAG, 'tag');
    // `A+1`: the "+" is inside the word, so the tag is not "A"; say so and name no tag.
    if (this.pos < this.end && (CLASS[this.bytes[this.pos]] & ASTRING) !== 0) {
      throw new ImapParseError({
        offset: this.base + this.pos,
        expected: 'tag (1*<any ASTRING-CHAR except "+">)',
        found: printable(this.bytes, start, this.end),
        code: 'syntax',
        rule: 'tag',
        rfc: 'RFC 9051 §9',
      });
    }
    const t = decodeAscii(this.bytes, start, this.pos);
    this.tagValue = t;
    return t;
  }

  // ---- lists --------------------------------------------------------------

  /** Consume "(" and enter one nesting level (bounded by `maxDepth`). */
  open(): void {
    if (this.bytes[this.pos] !== LPAREN) throw this.error('"("');
    if (this.depth >= this.maxDepth) throw this.error(`at most ${this.maxDepth} nested lists`, this.pos, 'too-deep');
    this.depth++;
    this.pos++;
  }

  /** Consume ")" and leave one nesting level. A space before it is a lenient quirk. */
  close(): void {
    if (this.bytes[this.pos] === SP && this.bytes[this.pos + 1] === RPAREN) {
      this.quirk('space-before-paren', '")"');
      this.pos++;
    }
    if (this.bytes[this.pos] !== RPAREN) throw this.error('")"');
    this.depth--;
    this.pos++;
  }

  /** True when ")" is next (or " )" in lenient mode). */
  atClose(): boolean {
    const c = this.peek();
    return c === RPAREN || (c === SP && this.peekAt(1) === RPAREN && this.tolerates('space-before-paren'));
  }

  /**
   * `"(" [item *(SP item)] ")"`. `item` reads one element. Depth is
   * bounded, so hostile nesting is an error, never a stack overflow.
   */
  list<T>(item: (r: Reader) => T, allowEmpty = true): T[] {
    this.open();
    if (this.atClose()) {
      if (!allowEmpty) throw this.error('a list element');
      this.close();
      return [];
    }
    const base = this.top;
    this.stackPush(item(this));
    while (!this.atClose()) {
      this.sp();
      this.stackPush(item(this));
    }
    this.close();
    return this.stackTake<T>(base);
  }

  // ---- the element stack -------------------------------------------------
  // A list's elements are stacked (a nested list's above them), then copied
  // out at their size: pushing onto [] would reserve 17 slots and grow past
  // them. Every grammar rule that collects a list uses this one stack.

  /** The stack's height: where the elements of a list about to be read start. */
  get stackTop(): number {
    return this.top;
  }

  /** Stacks one element of the list being read. */
  stackPush(v: unknown): void {
    this.stack[this.top++] = v;
  }

  /**
   * The elements stacked since `base` (a {@link stackTop}), as an
   * exact-size array; their slots are cleared so nothing stays alive.
   */
  stackTake<T>(base: number): T[] {
    const st = this.stack;
    const n = this.top - base;
    this.top = base;
    // One or two elements (thread members, sequence sets): a literal, not a slice call.
    if (n === 1) {
      const a = st[base] as T;
      st[base] = undefined;
      return [a];
    }
    if (n === 0) return [];
    const out = st.slice(base, base + n) as T[];
    for (let k = base; k < base + n; k++) st[k] = undefined;
    return out;
  }

  // ---- sequence sets (RFC 9051 §9, RFC 5182) ------------------------------

  /** `seq-number`: nz-number or "*". */
  seqNumber(): SeqNumber {
    if (this.skip(STAR)) return '*';
    return this.nzNumber();
  }

  /** `sequence-set` (or `$`, the saved search result). */
  sequenceSet(): SequenceSet {
    if (this.skip(DOLLAR)) return '$';
    const base = this.top;
    const b = this.bytes;
    for (;;) {
      const a = this.seqNumberFast();
      if (this.pos < this.end && b[this.pos] === COLON) {
        this.pos++;
        this.stackPush([a, this.seqNumberFast()]);
      } else this.stackPush(a);
      if (this.pos >= this.end || b[this.pos] !== COMMA) break;
      this.pos++;
    }
    return this.stackTake<SequenceItem>(base);
  }

  /** {@link seqNumber}, with 1-9 digits not starting with "0" (a small integer) read at once. */
  private seqNumberFast(): SeqNumber {
    const b = this.bytes;
    const s = this.pos;
    const e = this.end;
    let c = s < e ? b[s] : -1;
    if (c >= 0x31 && c <= 0x39) {
      let v = c - 0x30;
      let p = s + 1;
      while (p < e && (c = b[p]) >= 0x30 && c <= 0x39) {
        v = v * 10 + (c - 0x30);
        p++;
      }
      if (p - s <= 9) {
        this.pos = p;
        return v;
      }
    }
    return this.seqNumber();
  }
}

