/**
 * The strict/default invariant of test/strict/invariant.test.ts, for the
 * client side: with no allow lists and no `grammar` option, strict mode
 * refuses a command exactly when the default mode either refuses it or
 * records at least one warning. Checked on `parseCommand` and on
 * `CommandDecoder` (framing, literals, AUTHENTICATE lines, IDLE).
 */
import { describe, test, expect } from 'vitest';
import fc from 'fast-check';
import { parseCommand } from '../../src/codec/parse-command.js';
import { CommandDecoder, type CommandDecoderEvent } from '../../src/codec/command-decoder.js';
import { ImapParseError } from '../../src/wire/errors.js';
import { QUIRKS } from '../../src/grammar/quirks.js';
import { commandFrameArb, mutationArb, applyMutation } from '../arbitraries/index.js';
import { allExamples } from '../commands/rfc-examples.js';
import { fuzzParams } from '../fuzz/helpers.js';

const u8 = (s: string): Uint8Array => Uint8Array.from(s, (c) => c.charCodeAt(0));
const show = (b: Uint8Array): string => JSON.stringify(new TextDecoder('latin1').decode(b));

type Outcome = 'refused' | 'accepted' | 'warned';

function parsed(b: Uint8Array, strict: boolean): Outcome {
  let warned = false;
  try {
    parseCommand(b, { strict, onWarning: () => (warned = true) });
  } catch (e) {
    if (!(e instanceof ImapParseError)) throw e;
    return 'refused';
  }
  return warned ? 'warned' : 'accepted';
}

function holdsParse(b: Uint8Array): void {
  const strict = parsed(b, true);
  const lenient = parsed(b, false);
  expect(strict === 'refused', `${show(b)}: strict ${strict}, default ${lenient}`).toBe(lenient !== 'accepted');
}

/**
 * Decode `b` as a server would: accept every literal, answer AUTHENTICATE
 * with a challenge (so the next line is read as SASL data) and IDLE with
 * `+ idling`, resume after STARTTLS / COMPRESS. One outcome per event;
 * `mode` when the event changed how the next line is read.
 */
function decoded(b: Uint8Array, strict: boolean): { o: Outcome; mode: boolean }[] {
  const d = new CommandDecoder({ strict, authenticated: true });
  const out: { o: Outcome; mode: boolean }[] = [];
  const take = (evs: CommandDecoderEvent[]): void => {
    for (const ev of evs) {
      if (ev.type === 'literal') take(d.acceptLiteral());
      else if (ev.type === 'error') out.push({ o: 'refused', mode: false });
      else if (ev.type === 'command' || ev.type === 'sasl' || ev.type === 'done') {
        out.push({ o: ev.warnings !== undefined ? 'warned' : 'accepted', mode: ev.type !== 'command' || d.paused });
        if (ev.type === 'sasl') take(d.endAuthenticate());
        else if (ev.type === 'done') continue;
        else if (ev.command.type === 'AUTHENTICATE') take(d.startAuthenticate());
        else if (ev.command.type === 'IDLE') take(d.startIdle());
        else if (d.paused) take(d.resume());
      } else out.push({ o: 'accepted', mode: true });
    }
  };
  take(d.push(b));
  take(d.end());
  return out;
}

/**
 * Event by event, up to the first that strict mode refused where the
 * default mode went on in another session mode, or where the input holds
 * a framing quirk (the next line is then read differently by the two).
 */
function holdsDecode(b: Uint8Array): void {
  // A framing quirk (an LF without CR, a `{n-}` literal) makes the strict
  // framer cut the bytes after it differently from the default one.
  const framing = /(^|[^\r])\n|\{\d+-\}/.test(new TextDecoder('latin1').decode(b));
  const strict = decoded(b, true);
  const lenient = decoded(b, false);
  const why = `${show(b)}: strict ${strict.map((x) => x.o).join(',')}, default ${lenient.map((x) => x.o).join(',')}`;
  for (let i = 0; i < Math.max(strict.length, lenient.length); i++) {
    expect(i < strict.length && i < lenient.length, why).toBe(true);
    expect(strict[i].o === 'refused', why).toBe(lenient[i].o !== 'accepted');
    if (strict[i].o === 'refused' && (lenient[i].mode || framing)) return;
  }
}

const CLIENT_QUIRKS = QUIRKS.filter((q) => q.side === 'client').map((q) => u8(q.example));
const EXAMPLES = allExamples().map((e) => u8(e.wire));
/** Lines a client sends inside AUTHENTICATE and IDLE, each after the command that starts it. */
const SESSION = ['A1 AUTHENTICATE PLAIN\r\nAGZyZWQAdGlnZXI=\r\n', 'A1 AUTHENTICATE PLAIN\r\nAGZyZWQAdGlnZXI\r\n', 'A1 AUTHENTICATE PLAIN\r\n*\r\n',
  'A1 AUTHENTICATE PLAIN AGZyZWQAdGlnZXI\r\n', 'A1 AUTHENTICATE PLAIN AGZyZWQAdGlnZXI=\r\n', 'A1 IDLE\r\nDONE\r\n', 'A1 IDLE\r\nDONE\n', 'A1 NOOP\n', 'A1 IDLE\r\nNOPE\r\nA2 NOOP\r\n'].map(u8);

describe('strict refuses exactly the commands the default mode refuses or warns about', () => {
  test('client quirk examples, RFC examples and session lines (parseCommand and CommandDecoder)', () => {
    for (const b of [...CLIENT_QUIRKS, ...EXAMPLES]) {
      holdsParse(b);
      holdsDecode(b);
    }
    for (const b of SESSION) holdsDecode(b);
  });
  test('the lenient AUTHENTICATE base64 is a named warning, refused by strict mode', () => {
    expect(parsed(u8('A1 AUTHENTICATE PLAIN AGZyZWQAdGlnZXI\r\n'), false)).toBe('warned');
    expect(decoded(u8('A1 AUTHENTICATE PLAIN\r\nAGZyZWQAdGlnZXI\r\n'), false)).toMatchObject([{ o: 'accepted' }, { o: 'warned' }]);
    expect(decoded(u8('A1 AUTHENTICATE PLAIN\r\nAGZyZWQAdGlnZXI\r\n'), true)).toMatchObject([{ o: 'accepted' }, { o: 'refused' }]);
  });
  test('CommandDecoder passes allowQuirks to the command reader, the framer and SASL lines', () => {
    const events = (opts: { strict: boolean; allowQuirks?: string[] }, s: string): string[] => {
      const d = new CommandDecoder({ ...opts, authenticated: true });
      const out: string[] = [];
      for (const ev of d.push(u8(s))) {
        out.push(ev.type === 'command' || ev.type === 'sasl' ? `${ev.type}${ev.warnings ? ':' + ev.warnings.map((w) => w.name).join(',') : ''}` : ev.type);
        if (ev.type === 'command' && ev.command.type === 'AUTHENTICATE') for (const e of d.startAuthenticate()) out.push(e.type === 'sasl' ? `sasl${e.warnings ? ':' + e.warnings.map((w) => w.name).join(',') : ''}` : e.type);
      }
      return out;
    };
    const meta = 'A1 GETMETADATA INBOX (DEPTH 1) /shared/comment\r\n';
    expect(events({ strict: true }, meta)).toEqual(['error']);
    expect(events({ strict: true, allowQuirks: ['getmetadata-options-after-mailbox'] }, meta)).toEqual(['command:getmetadata-options-after-mailbox']);
    expect(events({ strict: true }, 'A1 NOOP\n')).toEqual(['error']);
    expect(events({ strict: true, allowQuirks: ['lone-lf'] }, 'A1 NOOP\n')).toEqual(['command:lone-lf']);
    const sasl = 'A1 AUTHENTICATE PLAIN\r\nAGZyZWQAdGlnZXI\r\n';
    expect(events({ strict: true }, sasl)).toEqual(['command', 'error']);
    expect(events({ strict: true, allowQuirks: ['base64-unpadded'] }, sasl)).toEqual(['command', 'sasl:base64-unpadded']);
  });
  test('serialized commands and mutations of them (fast-check)', () => {
    fc.assert(
      fc.property(commandFrameArb, mutationArb, ({ bytes }, m) => {
        holdsParse(bytes);
        holdsParse(applyMutation(bytes, m, bytes));
        holdsDecode(applyMutation(bytes, m, bytes));
      }),
      fuzzParams(1000),
    );
  }, 60_000);
  test('mutations of the quirk, RFC and session examples (fast-check)', () => {
    const frames = [...CLIENT_QUIRKS, ...EXAMPLES, ...SESSION];
    fc.assert(
      fc.property(fc.constantFrom(...frames), mutationArb, (b, m) => {
        holdsParse(applyMutation(b, m, b));
        holdsDecode(applyMutation(b, m, b));
      }),
      fuzzParams(2000),
    );
  }, 60_000);
});

describe('a FETCH item the grammar knows is read as that item or refused (RFC 9051 §9 fetch-att)', () => {
  test.each(['BINARY', 'BINARY.PEEK', 'BINARY.SIZE', 'BODY.PEEK'])('%s without its section', (name) => {
    for (const strict of [false, true]) {
      let err: unknown;
      try {
        parseCommand(`A1 FETCH 1 (${name} FLAGS)\r\n`, { strict });
      } catch (e) {
        err = e;
      }
      expect(err).toBeInstanceOf(ImapParseError);
      expect((err as ImapParseError).rule).toBe(name.startsWith('BINARY') ? 'section-binary' : 'section');
    }
  });
});
