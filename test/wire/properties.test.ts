import { describe, it, expect } from 'vitest';
import { chunk } from '../bytes.js';
import fc from 'fast-check';
import { Framer, type Frame, type FramerEvent, type FramerOptions, type LiteralSpan } from '../../src/wire/framer.js';
import { Reader } from '../../src/wire/reader.js';
import { Writer, type WriterOptions, type Fragment } from '../../src/wire/writer.js';
import { tokenize } from '../../src/wire/tokens.js';
import { ImapParseError, type ImapParseErrorCode } from '../../src/wire/errors.js';
import { encodeText, decodeText } from '../../src/util/text.js';
import { bytes, concat, latin1 } from './helpers.js';

// 'internal' is absent on purpose: it means a bug met the input.
const CODES: ImapParseErrorCode[] = ['syntax', 'incomplete', 'line-too-long', 'literal-too-large', 'frame-too-large', 'too-deep'];

// ---- generators ------------------------------------------------------------

interface GenFrame {
  bytes: Uint8Array;
  literals: Omit<LiteralSpan, 'binary'>[];
}

/** Line text that holds no CR/LF (what sits between a frame's line breaks). */
const lineText = fc
  .array(fc.constantFrom(...'abcXYZ019 ()[]"\\{}+-*%~.<>'.split(''), 'é', '€'), { maxLength: 12 })
  .map((cs) => cs.join(''));

const smallData = fc.oneof(fc.uint8Array({ maxLength: 24 }), fc.constantFrom(bytes('A1 NOOP\r\n'), bytes('* OK {3}\r\n'), bytes('\r\n'), bytes('€')));
// Big enough to make the framer grow its buffer across chunks.
// Expanded from a seed so that shrinking a failure stays cheap.
const bigData = fc.oneof(
  { weight: 3, arbitrary: smallData },
  {
    weight: 1,
    arbitrary: fc.record({ len: fc.integer({ min: 500, max: 3000 }), seed: fc.nat() }).map(({ len, seed }) => {
      const out = new Uint8Array(len);
      let x = seed | 1;
      for (let i = 0; i < len; i++) {
        x ^= x << 13;
        x ^= x >>> 17;
        x ^= x << 5;
        out[i] = x & 0xff;
      }
      return out;
    }),
  },
);

const literalArb = (data: fc.Arbitrary<Uint8Array>) =>
  fc.record({
    before: lineText,
    data,
    kind: fc.constantFrom('sync' as const, 'plus' as const, 'binary' as const),
  });

/** One frame of the given side, with literals whose spans we know. */
function frameArb(side: 'client' | 'server', big = false): fc.Arbitrary<GenFrame> {
  const withLiterals = fc
    .record({ n: fc.integer({ min: 1, max: 99999 }), lits: fc.array(literalArb(big ? bigData : smallData), { maxLength: 4 }), tail: lineText })
    .map(({ n, lits, tail }) => {
      const parts: Uint8Array[] = [bytes(side === 'client' ? `* ${n} FETCH (` : `A${n} APPEND INBOX `)];
      let len = parts[0].length;
      const literals: GenFrame['literals'] = [];
      for (const l of lits) {
        const hdr = bytes(`${l.before} ${l.kind === 'binary' ? '~' : ''}{${l.data.length}${l.kind === 'plus' ? '+' : ''}}\r\n`);
        parts.push(hdr, l.data);
        len += hdr.length;
        literals.push({ start: len, length: l.data.length, mode: l.kind === 'plus' ? 'plus' : 'sync' });
        len += l.data.length;
      }
      parts.push(bytes(`${tail})\r\n`));
      return { bytes: concat(...parts), literals };
    });
  const simple = fc
    .record({ n: fc.integer({ min: 0, max: 99999 }), text: lineText, brace: fc.integer({ min: 0, max: 99 }) })
    .map(({ n, text, brace }) => ({
      bytes: bytes(side === 'client' ? `A${n} NO ${text} {${brace}}\r\n` : `A${n} NOOP ${text}x\r\n`),
      literals: [],
    }));
  const plain = fc.integer({ min: 0, max: 99999 }).map((n) => ({ bytes: bytes(side === 'client' ? `* ${n} EXISTS\r\n` : `A${n} NOOP\r\n`), literals: [] }));
  return fc.oneof(withLiterals, simple, plain);
}

/** Cut points for `len` bytes: a sorted list of positions in (0, len). */
const cutsArb = fc.oneof(
  fc.array(fc.nat(), { maxLength: 12 }),
  fc.constant([-1]), // -1: one byte at a time
);


/** Feed chunks, accepting every announced literal at once (as a server that says `+` would). */
function feed(options: FramerOptions, chunks: Uint8Array[], end = true): FramerEvent[] {
  const f = new Framer(options);
  const out: FramerEvent[] = [];
  const take = (evs: FramerEvent[]) => {
    for (const e of evs) {
      out.push(e);
      if (e.type === 'literal') take(f.acceptLiteral());
    }
  };
  for (const c of chunks) take(f.push(c));
  if (end) take(f.end());
  return out;
}

function frameView(f: Frame) {
  return { bytes: latin1(f.bytes), offset: f.offset, literals: f.literals.map(({ start, length, mode }) => ({ start, length, mode })) };
}

function eventView(e: FramerEvent) {
  if (e.type === 'frame') return frameView(e.frame);
  if (e.type === 'error') return { code: e.error.code, offset: e.error.offset, tag: e.error.tag };
  if (e.type === 'literal') return { literal: e.length, mode: e.mode, tag: e.tag, offset: e.offset };
  return { other: e.type };
}

// ---- (a) chunking invariance -----------------------------------------------

describe('property (a): chunking invariance', () => {
  for (const side of ['client', 'server'] as const) {
    it(`${side} side: any split of a stream of frames gives the same frames as one chunk`, () => {
      fc.assert(
        fc.property(fc.array(frameArb(side, true), { minLength: 1, maxLength: 6 }), cutsArb, (frames, cuts) => {
          const input = concat(...frames.map((f) => f.bytes));
          const expected: ReturnType<typeof frameView>[] = [];
          let off = 0;
          for (const f of frames) {
            expected.push({ bytes: latin1(f.bytes), offset: off, literals: f.literals });
            off += f.bytes.length;
          }
          const whole = feed({ side }, [input]);
          const split = feed({ side }, chunk(input, cuts));
          const frameEvents = (evs: FramerEvent[]) => evs.filter((e) => e.type !== 'literal');
          expect(frameEvents(whole).map(eventView)).toEqual(expected);
          expect(frameEvents(split).map(eventView)).toEqual(expected);
          // literal events (server side) are the same too
          expect(split.map(eventView)).toEqual(whole.map(eventView));
        }),
        { numRuns: 200 },
      );
    });
  }
});

// ---- (b) prefixes are incomplete --------------------------------------------

describe('property (b): every strict prefix of a valid frame is "incomplete"', () => {
  for (const side of ['client', 'server'] as const) {
    it(`${side} side: push gives no frame and no error; end() gives one "incomplete" error`, () => {
      fc.assert(
        fc.property(frameArb(side), fc.nat(), (frame, split) => {
          const b = frame.bytes;
          for (let k = 1; k < b.length; k++) {
            const prefix = b.subarray(0, k);
            const s = split % (k + 1);
            const pushed = feed({ side }, [prefix.subarray(0, s), prefix.subarray(s)], false);
            expect(pushed.filter((e) => e.type !== 'literal'), `prefix ${k}`).toEqual([]);
            const f = new Framer({ side });
            const evs: FramerEvent[] = [];
            for (const e of f.push(prefix)) {
              evs.push(e);
              if (e.type === 'literal') evs.push(...f.acceptLiteral());
            }
            evs.push(...f.end());
            const bad = evs.filter((e) => e.type !== 'literal');
            expect(bad).toHaveLength(1);
            const e = bad[0];
            expect(e.type === 'error' && e.error.code).toBe('incomplete');
          }
          // and the whole frame is one frame
          expect(feed({ side }, [b]).filter((e) => e.type !== 'literal').map((e) => e.type)).toEqual(['frame']);
        }),
        { numRuns: 60 },
      );
    });
  }
});

// ---- (c) arbitrary bytes ----------------------------------------------------

/** Random bytes biased towards IMAP punctuation, digits and line ends. */
const noisyBytes = fc.oneof(
  fc.uint8Array({ maxLength: 200 }),
  fc
    .array(
      fc.oneof(
        fc.constantFrom('{', '}', '+}', '-}', '~{', '\r\n', '\n', '\r', ' ', '(', ')', '"', '\\', 'A1 ', '* ', '+ ', 'OK ', 'NO ', 'NIL', '[', ']', '*', '$', ':', ','),
        fc.integer({ min: 0, max: 40 }).map(String),
        fc.constantFrom('\x00', '\xff', 'é', '€'),
      ),
      { maxLength: 80 },
    )
    .map((parts) => bytes(parts.join(''))),
);

const limitsArb = fc.record(
  {
    maxLineLength: fc.integer({ min: 1, max: 64 }),
    maxLiteralSize: fc.integer({ min: 0, max: 64 }),
    maxFrameSize: fc.integer({ min: 1, max: 128 }),
    maxNonSyncLiteral: fc.integer({ min: 0, max: 64 }),
  },
  { requiredKeys: [] },
);

describe('property (c): arbitrary bytes never throw', () => {
  for (const side of ['client', 'server'] as const) {
    it(`${side} side: frames (views of the input at their offset) or ImapParseError events only`, () => {
      fc.assert(
        fc.property(noisyBytes, cutsArb, fc.boolean(), limitsArb, fc.boolean(), (input, cuts, strict, limits, reject) => {
          const f = new Framer({ side, strict, ...limits });
          const evs: FramerEvent[] = [];
          const take = (list: FramerEvent[]) => {
            for (const e of list) {
              evs.push(e);
              if (e.type === 'literal') take(reject ? f.rejectLiteral() : f.acceptLiteral());
            }
          };
          for (const c of chunk(input, cuts)) take(f.push(c));
          take(f.end());
          let last = -1;
          for (const e of evs) {
            if (e.type === 'frame') {
              const { bytes: fb, offset } = e.frame;
              expect(offset).toBeGreaterThan(last);
              last = offset + fb.length - 1;
              expect(latin1(fb)).toBe(latin1(input.subarray(offset, offset + fb.length)));
              expect(fb[fb.length - 1]).toBe(0x0a);
              for (const l of e.frame.literals) expect(l.start + l.length).toBeLessThanOrEqual(fb.length);
            } else if (e.type === 'error') {
              expect(e.error).toBeInstanceOf(ImapParseError);
              expect(CODES).toContain(e.error.code);
              expect(e.error.expected.length).toBeGreaterThan(0);
              expect(e.error.found.length).toBeGreaterThan(0);
            } else {
              expect(side).toBe('server');
            }
          }
          expect(f.bufferedBytes).toBe(0);
        }),
        { numRuns: 400 },
      );
    });

    it(`${side} side, default limits: random bytes give the same events for any chunking`, () => {
      fc.assert(
        fc.property(noisyBytes, cutsArb, fc.boolean(), (input, cuts, strict) => {
          const whole = feed({ side, strict }, [input]).map(eventView);
          const split = feed({ side, strict }, chunk(input, cuts)).map(eventView);
          expect(split).toEqual(whole);
        }),
        { numRuns: 300 },
      );
    });
  }

  it('Reader methods and tokenize() on arbitrary bytes throw only ImapParseError', () => {
    type Tree = unknown;
    const methods: ((r: Reader) => unknown)[] = [
      (r) => r.sp(), (r) => r.crlf(), (r) => r.atom(), (r) => r.number(), (r) => r.number64(), (r) => r.nzNumber(),
      (r) => r.nzNumber64(), (r) => r.quoted(), (r) => r.quotedText(), (r) => r.literal(), (r) => r.literal8(),
      (r) => r.string(), (r) => r.stringText(), (r) => r.astring(), (r) => r.astringText(), (r) => r.nstring(),
      (r) => r.nstringText(), (r) => r.nil(), (r) => r.text(), (r) => r.tag(), (r) => r.sequenceSet(),
      (r) => r.open(), (r) => r.close(), (r) => r.list((x) => x.astring()),
      (r) => { const any = (x: Reader): Tree => (x.peek() === 0x28 ? x.list(any) : x.peek() === 0x22 || x.peek() === 0x7b ? x.nstring() : x.atom()); return any(r); },
    ];
    fc.assert(
      fc.property(noisyBytes, fc.array(fc.nat({ max: methods.length - 1 }), { minLength: 1, maxLength: 20 }), fc.boolean(), fc.integer({ min: 0, max: 8 }), (input, calls, strict, maxDepth) => {
        const r = new Reader(input, { strict, maxDepth });
        for (const m of calls) {
          try {
            methods[m](r);
          } catch (e) {
            expect(e).toBeInstanceOf(ImapParseError);
            break;
          }
          expect(r.pos).toBeLessThanOrEqual(input.length);
        }
        try {
          tokenize(input, 7);
        } catch (e) {
          expect(e).toBeInstanceOf(ImapParseError);
          expect((e as ImapParseError).offset).toBeGreaterThanOrEqual(7);
        }
      }),
      { numRuns: 1000 },
    );
  });
});

// ---- (d) writer -> reader round trip ----------------------------------------

/** Any UTF-16 code unit sequence: full Unicode, escaped bytes U+DC80..U+DCFF, other lone surrogates. */
const anyChar = fc.oneof(
  { weight: 4, arbitrary: fc.string({ unit: 'binary', minLength: 1, maxLength: 1 }) },
  { weight: 2, arbitrary: fc.integer({ min: 0xdc80, max: 0xdcff }).map((c) => String.fromCharCode(c)) },
  { weight: 1, arbitrary: fc.integer({ min: 0xd800, max: 0xdfff }).map((c) => String.fromCharCode(c)) },
  { weight: 2, arbitrary: fc.constantFrom('"', '\\', '\r', '\n', '\x00', ' ', '{', '}', ']', '(', 'NIL', '{3}\r\n') },
);
const anyString = fc.string({ unit: anyChar, maxLength: 30 });
const anyBytes = fc.oneof(fc.uint8Array({ maxLength: 40 }), anyString.map(encodeText));

const writerOptionsArb: fc.Arbitrary<WriterOptions> = fc.record({
  side: fc.constantFrom('client' as const, 'server' as const),
  utf8: fc.boolean(),
  literalPlus: fc.boolean(),
  literalMinus: fc.boolean(),
  binary: fc.boolean(),
  maxQuoted: fc.oneof(fc.constant(1024), fc.integer({ min: 0, max: 16 })),
});

function writeAll(w: Writer, v: string | Uint8Array, nil: boolean): void {
  w.ascii('A1 X ').string(v).sp().astring(v).sp().nstring(nil ? null : v).sp().nstring(v, true).crlf();
}

function readAll(input: Uint8Array, strict: boolean): (Uint8Array | null)[] {
  const r = new Reader(input, { strict });
  r.tag();
  r.sp();
  r.atom();
  r.sp();
  const s = r.string();
  r.sp();
  const a = r.astring();
  r.sp();
  const n = r.nstring();
  r.sp();
  const n8 = r.peek() === 0x7e ? r.literal8() : r.nstring();
  r.crlf();
  expect(r.warnings).toBeUndefined();
  return [s, a, n, n8];
}

describe('property (d): Writer -> Reader round trip', () => {
  it('string / astring / nstring of arbitrary bytes read back the same bytes (strict reader)', () => {
    fc.assert(
      fc.property(anyBytes, writerOptionsArb, fc.boolean(), (v, opts, nil) => {
        const w = new Writer(opts);
        writeAll(w, v, nil);
        const got = readAll(w.toBytes(), true).map((x) => (x === null ? null : latin1(x)));
        expect(got).toEqual([latin1(v), latin1(v), nil ? null : latin1(v), latin1(v)]);
      }),
      { numRuns: 500 },
    );
  });

  it('string / astring / nstring of arbitrary JS strings (lone surrogates included) read back encodeText(s)', () => {
    fc.assert(
      fc.property(anyString, writerOptionsArb, fc.boolean(), (s, opts, nil) => {
        const w = new Writer(opts);
        writeAll(w, s, nil);
        const want = latin1(encodeText(s));
        const got = readAll(w.toBytes(), true).map((x) => (x === null ? null : latin1(x)));
        expect(got).toEqual([want, want, nil ? null : want, want]);
        // the text readers give back the same bytes through decodeText
        const r = new Reader(w.toBytes());
        r.tag(); r.sp(); r.atom(); r.sp();
        expect(latin1(encodeText(r.stringText()))).toBe(want);
        r.sp();
        expect(latin1(encodeText(r.astringText()))).toBe(want);
      }),
      { numRuns: 500 },
    );
  });

  it('decodeText / encodeText: bytes -> string -> bytes is the identity', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 200 }), (b) => {
        expect(latin1(encodeText(decodeText(b)))).toBe(latin1(b));
      }),
      { numRuns: 1000 },
    );
  });
});

// ---- (e) the writer never breaks a line -------------------------------------

const HEADER_END = /(~?\{\d+\+?\})\r\n$/;

function checkFragments(frags: Fragment[]): void {
  for (let i = 0; i < frags.length; i++) {
    const f = frags[i];
    if (f.type === 'literal') continue;
    const s = latin1(f.bytes);
    const last = i === frags.length - 1;
    if (last) {
      expect(s.endsWith('\r\n'), JSON.stringify(s)).toBe(true);
    } else {
      expect(frags[i + 1].type).toBe('literal');
      const m = HEADER_END.exec(s);
      expect(m, JSON.stringify(s)).not.toBeNull();
      const lit = frags[i + 1] as Extract<Fragment, { type: 'literal' }>;
      expect(m![1]).toBe(`${lit.binary ? '~' : ''}{${lit.bytes.length}${lit.mode === 'nonsync' ? '+' : ''}}`);
    }
    const body = s.slice(0, -2);
    expect(/[\r\n]/.test(body), JSON.stringify(s)).toBe(false);
  }
}

describe('property (e): the writer never emits CR or LF outside a literal', () => {
  it('line fragments hold CRLF only at their end (after a literal header or as the final CRLF); the framer sees one frame', () => {
    fc.assert(
      fc.property(fc.array(fc.oneof(anyString, anyBytes), { minLength: 1, maxLength: 5 }), writerOptionsArb, (values, opts) => {
        const w = new Writer(opts);
        const server = opts.side === 'server';
        w.ascii(server ? '* 1 FETCH (' : 'A1 APPEND ');
        values.forEach((v, i) => {
          if (i > 0) w.sp();
          if (i % 3 === 0) w.string(v, true);
          else if (i % 3 === 1) w.astring(v);
          else w.nstring(v, true);
        });
        if (server) w.ascii(')');
        w.crlf();
        const frags = w.fragments();
        checkFragments(frags);
        const all = w.toBytes();
        expect(all.length).toBe(w.length);
        // framed by the opposite side as exactly one frame with the writer's literals
        const evs = feed({ side: server ? 'client' : 'server' }, [all]);
        const frames = evs.filter((e): e is Extract<FramerEvent, { type: 'frame' }> => e.type === 'frame');
        expect(evs.filter((e) => e.type === 'error')).toEqual([]);
        expect(frames).toHaveLength(1);
        expect(latin1(frames[0].frame.bytes)).toBe(latin1(all));
        const lits = frags.filter((f): f is Extract<Fragment, { type: 'literal' }> => f.type === 'literal');
        expect(frames[0].frame.literals.map((l) => latin1(frames[0].frame.bytes.subarray(l.start, l.start + l.length)))).toEqual(
          lits.map((l) => latin1(l.bytes)),
        );
        expect(frames[0].frame.literals.map((l) => l.binary)).toEqual(lits.map((l) => l.binary));
        // a client waits for "+" exactly before its synchronizing literals
        const syncEvents = evs.filter((e) => e.type === 'literal').length;
        expect(syncEvents).toBe(server ? 0 : lits.filter((l) => l.mode === 'sync').length);
      }),
      { numRuns: 500 },
    );
  });
});
