import { ImapEncodeError } from './errors.js';
import { CLASS, ATOM, ASTRING, QUOTED, CR, LF, DQUOTE, BACKSLASH, SP } from './chars.js';
import { encodeText, isValidUtf8 } from '../util/text.js';

const EMPTY = new Uint8Array(0);
import type { SequenceSet, SeqNumber } from '../model/sequence-set.js';

/**
 * One piece of an encoded command. A client writes the pieces in order and,
 * before a `literal` piece whose mode is `sync`, waits for the server's
 * `+` continuation (RFC 9051 §4.3, §7.5).
 *
 * @example
 * for (const f of fragments) {
 *   if (f.type === 'literal' && f.mode === 'sync') await continuation();
 *   socket.write(f.bytes);
 * }
 */
export type Fragment =
  | { type: 'line'; bytes: Uint8Array }
  | { type: 'literal'; bytes: Uint8Array; mode: 'sync' | 'nonsync'; binary: boolean };

/**
 * What the peer accepts, which decides how strings are written.
 *
 * @example
 * new Writer({ side: 'client', literalPlus: true, utf8: true });
 */
export interface WriterOptions {
  /**
   * `client` writes commands (literals may wait for `+`); `server` writes
   * responses (literals never wait). Default `client`.
   */
  side?: 'client' | 'server';
  /** LITERAL+ (RFC 7888): every literal may be non-synchronizing. */
  literalPlus?: boolean;
  /** LITERAL- (RFC 7888): literals up to 4096 bytes may be non-synchronizing. */
  literalMinus?: boolean;
  /** UTF8=ACCEPT (RFC 6855) or IMAP4rev2: valid UTF-8 may go in quoted strings. */
  utf8?: boolean;
  /** BINARY (RFC 3516): data holding NUL may go in a literal8 where the grammar allows one. */
  binary?: boolean;
  /** Strings longer than this many bytes are written as literals (default 1024). */
  maxQuoted?: number;
}

const LITERAL_MINUS_MAX = 4096;

/*
 * Writers start in a shared slab instead of a buffer of their own: most
 * commands and responses are a few dozen bytes, and allocating an
 * ArrayBuffer for each costs more than writing it. One writer at a time
 * owns the slab's free tail; when the next writer claims it, the previous
 * owner is capped at what it wrote (its next write moves it to a buffer of
 * its own), so no two writers ever share bytes. Outputs are views of the
 * slab, which lives as long as any of them (as with Node's Buffer pool).
 */
const SLAB_SIZE = 16 * 1024;
const SLAB_MIN_FREE = 512;
let slab = new Uint8Array(SLAB_SIZE);
let slabUsed = 0;
let slabOwner: Writer | null = null;

/**
 * Builds the bytes of one command or response. String methods pick the
 * cheapest valid form (atom, quoted, literal) by themselves, so no value
 * can end a line early or smuggle in a literal header.
 *
 * @example
 * const w = new Writer();
 * w.ascii('A1 LOGIN '); w.astring('fred'); w.sp(); w.astring('pass word'); w.crlf();
 * w.toBytes(); // 'A1 LOGIN fred "pass word"\r\n'
 */
export class Writer {
  readonly side: 'client' | 'server';
  readonly literalPlus: boolean;
  readonly literalMinus: boolean;
  readonly utf8: boolean;
  readonly binary: boolean;
  readonly maxQuoted: number;

  private buf: Uint8Array = EMPTY;
  private len = 0;
  private segStart = 0;
  private frags: Fragment[] | null = null;

  constructor(options: WriterOptions = {}) {
    this.side = options.side ?? 'client';
    this.literalPlus = options.literalPlus ?? false;
    this.literalMinus = options.literalMinus ?? false;
    this.utf8 = options.utf8 ?? false;
    this.binary = options.binary ?? false;
    this.maxQuoted = options.maxQuoted ?? 1024;
  }

  /** Bytes written so far (literal data included). */
  get length(): number {
    let n = this.len - this.segStart;
    if (this.frags !== null) for (const f of this.frags) n += f.bytes.length;
    return n;
  }

  private room(n: number): void {
    if (this.len + n <= this.buf.length) return;
    if (this.buf === EMPTY && n <= SLAB_MIN_FREE) {
      this.claimSlab();
      return;
    }
    if (slabOwner === this) {
      slabUsed += this.len;
      slabOwner = null;
    }
    // Never write into bytes a fragment already points at: grow into a new buffer.
    const next = new Uint8Array(Math.max(this.buf.length * 2, this.len + n, 256));
    next.set(this.buf.subarray(0, this.len));
    this.buf = next;
  }

  /** Take the slab's free tail as this writer's buffer (the first write of a fresh writer). */
  private claimSlab(): void {
    const prev = slabOwner;
    if (prev !== null) {
      // The previous owner keeps exactly what it wrote; writing more moves it out.
      slabUsed += prev.len;
      prev.buf = prev.buf.subarray(0, prev.len);
    }
    if (SLAB_SIZE - slabUsed < SLAB_MIN_FREE) {
      slab = new Uint8Array(SLAB_SIZE);
      slabUsed = 0;
    }
    this.buf = slab.subarray(slabUsed);
    slabOwner = this;
  }

  /** Append bytes as they are (trusted syntax, or data already checked). */
  raw(bytes: Uint8Array): this {
    this.room(bytes.length);
    this.buf.set(bytes, this.len);
    this.len += bytes.length;
    return this;
  }

  /** Append an ASCII string as it is (keywords, punctuation). */
  ascii(s: string): this {
    this.room(s.length);
    const b = this.buf;
    let o = this.len;
    for (let i = 0; i < s.length; i++) b[o++] = s.charCodeAt(i);
    this.len = o;
    return this;
  }

  /** Append one byte as it is. */
  byte(c: number): this {
    this.room(1);
    this.buf[this.len++] = c;
    return this;
  }

  /** `SP` */
  sp(): this {
    return this.byte(SP);
  }

  /** `CRLF` */
  crlf(): this {
    this.room(2);
    this.buf[this.len++] = CR;
    this.buf[this.len++] = LF;
    return this;
  }

  /**
   * `atom`: refuses any ASCII character that is not an ATOM-CHAR (or in the
   * extra classes of `mask`). Non-ASCII characters are written as their
   * bytes: lenient reading takes 8-bit atoms from real servers, and what
   * was read must write back; such bytes can never end a token or a line.
   */
  atom(s: string, mask = ATOM): this {
    if (s.length === 0) throw new ImapEncodeError('an atom cannot be empty');
    let ascii = true;
    for (let i = 0; i < s.length; i++) {
      const c = s.charCodeAt(i);
      if (c > 0x7f) ascii = false;
      else if ((CLASS[c] & mask) === 0) {
        throw new ImapEncodeError(`${JSON.stringify(s)} is not an atom: ${JSON.stringify(s[i])} at ${i}`);
      }
    }
    return ascii ? this.ascii(s) : this.raw(encodeText(s));
  }

  /** `number`: an unsigned 32-bit integer. */
  number(n: number): this {
    if (!Number.isInteger(n) || n < 0 || n > 4294967295 || Object.is(n, -0)) throw new ImapEncodeError(`${String(n)} is not a number (0..4294967295)`);
    return this.digits(n);
  }

  /** Decimal digits of a safe non-negative integer, written in place (no string). */
  private digits(n: number): this {
    let w = 1;
    for (let t = n; t >= 10; t = Math.floor(t / 10)) w++;
    this.room(w);
    const b = this.buf;
    let o = this.len + w;
    this.len = o;
    let t = n;
    do {
      const q = Math.floor(t / 10);
      b[--o] = 0x30 + (t - q * 10);
      t = q;
    } while (t > 0);
    return this;
  }

  /** `nz-number` */
  nzNumber(n: number): this {
    if (n === 0) throw new ImapEncodeError('0 is not an nz-number');
    return this.number(n);
  }

  /** `number64`: an unsigned 63-bit integer. */
  number64(n: bigint | number): this {
    if (typeof n === 'number' && n >= 0 && Number.isSafeInteger(n) && !Object.is(n, -0)) return this.digits(n);
    const v = typeof n === 'bigint' ? n : Number.isInteger(n) && !Object.is(n, -0) ? BigInt(n) : -1n;
    if (v < 0n || v > (1n << 63n) - 1n) throw new ImapEncodeError(`${n} is not a number64`);
    return this.ascii(v.toString());
  }

  /** `quoted` from bytes that are quotable (see {@link isQuotable}); escapes `"` and `\`. */
  quoted(bytes: Uint8Array): this {
    this.room(bytes.length * 2 + 2);
    const b = this.buf;
    let o = this.len;
    b[o++] = DQUOTE;
    for (let i = 0; i < bytes.length; i++) {
      const c = bytes[i];
      if (c === DQUOTE || c === BACKSLASH) b[o++] = BACKSLASH;
      b[o++] = c;
    }
    b[o++] = DQUOTE;
    this.len = o;
    return this;
  }

  /**
   * `literal` (or `literal8` when `binary`): the header, then the data as its
   * own fragment (a view of `data`, not a copy). On the client side the
   * header is `{n}` unless LITERAL+ / LITERAL- allow `{n+}`.
   */
  literal(data: Uint8Array, binary = false): this {
    const n = data.length;
    const nonsync = this.side === 'client' && (this.literalPlus || (this.literalMinus && n <= LITERAL_MINUS_MAX));
    this.ascii(binary ? '~{' : '{').ascii(String(n));
    if (nonsync) this.byte(0x2b);
    this.byte(0x7d).crlf();
    const frags = (this.frags ??= []);
    frags.push({ type: 'line', bytes: this.buf.subarray(this.segStart, this.len) });
    frags.push({ type: 'literal', bytes: data, mode: nonsync ? 'nonsync' : 'sync', binary });
    // Later text goes to a fresh region so the line fragment stays intact.
    this.segStart = this.len;
    return this;
  }

  /** Can these bytes be a quoted string for this peer? */
  isQuotable(bytes: Uint8Array): boolean {
    if (bytes.length > this.maxQuoted) return false;
    let high = false;
    for (let i = 0; i < bytes.length; i++) {
      const c = bytes[i];
      if ((CLASS[c] & QUOTED) !== 0 || c === DQUOTE || c === BACKSLASH) continue;
      if (c >= 0x80) {
        high = true;
        continue;
      }
      return false; // CR, LF, NUL
    }
    return !high || (this.utf8 && isValidUtf8(bytes));
  }

  /**
   * `string`: quoted when it can be, otherwise a literal (literal8 for data
   * holding NUL when BINARY is allowed here).
   */
  string(v: string | Uint8Array, allowLiteral8 = false): this {
    if (typeof v === 'string' && v.length <= this.maxQuoted && this.quotableAscii(v)) return this.quotedAscii(v);
    const bytes = typeof v === 'string' ? encodeText(v) : v;
    if (this.isQuotable(bytes)) return this.quoted(bytes);
    return this.literal(bytes, allowLiteral8 && this.binary && bytes.includes(0));
  }

  /** `astring`: an atom when every byte is an ASTRING-CHAR, else {@link string}. */
  astring(v: string | Uint8Array): this {
    if (typeof v === 'string') {
      if (isAstringAtom(v)) return this.ascii(v);
    } else if (v.length > 0 && v.every((c) => (CLASS[c] & ASTRING) !== 0)) {
      return this.raw(v);
    }
    return this.string(v);
  }

  /** `nstring`: NIL for null, else {@link string}. */
  nstring(v: string | Uint8Array | null, allowLiteral8 = false): this {
    if (v === null) return this.ascii('NIL');
    return this.string(v, allowLiteral8);
  }

  /** `text`: refuses CR and LF (they would end the line); empty text is written as nothing. */
  text(s: string): this {
    for (let i = 0; i < s.length; i++) {
      const c = s.charCodeAt(i);
      if (c === 0x0d || c === 0x0a) throw new ImapEncodeError('text cannot hold CR or LF');
      if (c === 0) throw new ImapEncodeError('text cannot hold NUL');
    }
    if (isAscii(s)) return this.ascii(s);
    return this.raw(encodeText(s));
  }

  /** `seq-number` */
  seqNumber(n: SeqNumber): this {
    return n === '*' ? this.byte(0x2a) : this.nzNumber(n);
  }

  /** `sequence-set` or `$`. */
  sequenceSet(set: SequenceSet): this {
    if (set === '$') return this.byte(0x24);
    if (set.length === 0) throw new ImapEncodeError('a sequence set cannot be empty');
    for (let i = 0; i < set.length; i++) {
      if (i > 0) this.byte(0x2c);
      const it = set[i];
      if (typeof it === 'object') this.seqNumber(it[0]).byte(0x3a).seqNumber(it[1]);
      else this.seqNumber(it);
    }
    return this;
  }

  /** `"(" [item *(SP item)] ")"` */
  list<T>(items: readonly T[], item: (w: this, v: T) => void): this {
    this.byte(0x28);
    for (let i = 0; i < items.length; i++) {
      if (i > 0) this.byte(SP);
      item(this, items[i]);
    }
    return this.byte(0x29);
  }

  /** The whole frame as one buffer. */
  toBytes(): Uint8Array {
    if (this.frags === null) return this.buf.subarray(0, this.len);
    const parts = this.fragments();
    let total = 0;
    for (const p of parts) total += p.bytes.length;
    const out = new Uint8Array(total);
    let o = 0;
    for (const p of parts) {
      out.set(p.bytes, o);
      o += p.bytes.length;
    }
    return out;
  }

  /** The frame as fragments: lines, and literals with their mode. */
  fragments(): Fragment[] {
    const out = this.frags === null ? [] : this.frags.slice();
    if (this.len > this.segStart) out.push({ type: 'line', bytes: this.buf.subarray(this.segStart, this.len) });
    return out;
  }

  private quotableAscii(s: string): boolean {
    for (let i = 0; i < s.length; i++) {
      const c = s.charCodeAt(i);
      if (c > 0x7f || ((CLASS[c] & QUOTED) === 0 && c !== DQUOTE && c !== BACKSLASH)) return false;
    }
    return true;
  }

  private quotedAscii(s: string): this {
    this.room(s.length * 2 + 2);
    const b = this.buf;
    let o = this.len;
    b[o++] = DQUOTE;
    for (let i = 0; i < s.length; i++) {
      const c = s.charCodeAt(i);
      if (c === DQUOTE || c === BACKSLASH) b[o++] = BACKSLASH;
      b[o++] = c;
    }
    b[o++] = DQUOTE;
    this.len = o;
    return this;
  }
}

function isAscii(s: string): boolean {
  for (let i = 0; i < s.length; i++) if (s.charCodeAt(i) > 0x7f) return false;
  return true;
}

/**
 * True when `s` can be written as an astring atom: non-empty, every char an ASTRING-CHAR.
 *
 * @example
 * isAstringAtom('a]b') // true (']' is an ASTRING-CHAR); isAtom('a]b') // false
 */
export function isAstringAtom(s: string): boolean {
  if (s.length === 0) return false;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c > 0x7f || (CLASS[c] & ASTRING) === 0) return false;
  }
  return true;
}

/**
 * True when `s` is 1*ATOM-CHAR.
 *
 * @example
 * isAtom('INBOX') // true; isAtom('a b') // false
 */
export function isAtom(s: string): boolean {
  if (s.length === 0) return false;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c > 0x7f || (CLASS[c] & ATOM) === 0) return false;
  }
  return true;
}
