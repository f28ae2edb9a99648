import { describe, test, expect } from 'vitest';
import { parseScript, tokenize, matchTokens, substitute, checkStep, ScriptError, type ScriptVariables } from '../../src/session/script.js';
import { tourLogin, tourMain } from '../../src/session/tour.js';

const step = (text: string) => parseScript(text).steps[0];

describe('parseScript', () => {
  test('C: lines up to the next S: line are one step; comments and blank lines are skipped', () => {
    const s = parseScript('# a comment\n\nC: a1 NOOP\nC: a2 NOOP\nS: a1 OK\nS: a2 OK\nC: a3 LOGOUT\nS: * BYE ...\n');
    expect(s.steps.map((x) => [x.send.map((l) => l.text), x.expect.map((e) => [e.kind, e.line])])).toEqual([
      [['a1 NOOP', 'a2 NOOP'], [['tagged', 5], ['tagged', 6]]],
      [['a3 LOGOUT'], [['untagged', 8]]],
    ]);
  });

  test('S: lines before any C: line are about the greeting', () => {
    expect(parseScript('S: * OK ...\nC: a1 NOOP\n').steps[0].send).toEqual([]);
  });

  test('a line of another form, or a tagged line without a status, is an error with its line number', () => {
    expect(() => parseScript('C: a1 NOOP\nX: what\n', 'x.script')).toThrow(ScriptError);
    expect(() => parseScript('C: a1 NOOP\nX: what\n', 'x.script')).toThrow(/^x\.script:2: /);
    expect(() => parseScript('C: a1 NOOP\nS: a1 FETCH\n', 'x.script')).toThrow(/x\.script:2: a tagged expectation/);
    expect(() => parseScript('C: a1 NOOP\nS: * LIST (\n')).toThrow(/missing/);
  });
});

describe('tokenize', () => {
  test('atoms, quoted strings, literals and groups', () => {
    expect(tokenize('* 1 FETCH (UID 4 BODY[] {3}\r\nabc "q\\"x")')).toEqual([
      { t: 'atom', v: '*' },
      { t: 'atom', v: '1' },
      { t: 'atom', v: 'FETCH' },
      {
        t: 'list',
        open: '(',
        items: [
          { t: 'atom', v: 'UID' },
          { t: 'atom', v: '4' },
          { t: 'atom', v: 'BODY' },
          { t: 'list', open: '[', items: [] },
          { t: 'string', v: 'abc' },
          { t: 'string', v: 'q"x' },
        ],
      },
    ]);
  });
});

describe('matching', () => {
  const m = (pattern: string, actual: string, vars: ScriptVariables = new Map()) => {
    const e = step(`C: x NOOP\nS: ${pattern}\n`).expect[0];
    return matchTokens(e.pattern, tokenize(actual), e.prefix, vars);
  };
  test('exact, case-insensitive for atoms, exact for strings; a quoted string equals the same atom', () => {
    expect(m('* 3 exists', '* 3 EXISTS')).toBe(true);
    expect(m('* 4 EXISTS', '* 3 EXISTS')).toBe(false);
    expect(m('* LIST () "/" "INBOX"', '* LIST () "/" INBOX')).toBe(true);
    expect(m('* LIST () "/" "inbox"', '* LIST () "/" "INBOX"')).toBe(false);
    expect(m('* 3 EXISTS', '* 3 EXISTS extra')).toBe(false);
  });
  test('$ is any one argument, ... the rest; status lines match as a prefix', () => {
    expect(m('* FLAGS $', '* FLAGS (\\Seen \\Deleted)')).toBe(true);
    expect(m('* 1 FETCH (UID $ FLAGS $)', '* 1 FETCH (UID 7 FLAGS ())')).toBe(true);
    expect(m('* LIST ...', '* LIST () "/" x')).toBe(true);
    expect(m('a1 OK [READ-WRITE]', 'a1 OK [READ-WRITE] SELECT completed')).toBe(true);
    expect(m('a1 OK [READ-ONLY]', 'a1 OK [READ-WRITE] SELECT completed')).toBe(false);
  });
  test('variables are captured once and must match afterwards', () => {
    const vars: ScriptVariables = new Map();
    expect(m('* $n EXISTS', '* 7 EXISTS', vars)).toBe(true);
    expect(vars.get('n')).toBe('7');
    expect(m('* STATUS INBOX (MESSAGES ${n})', '* STATUS INBOX (MESSAGES 7)', vars)).toBe(true);
    expect(m('* STATUS INBOX (MESSAGES $n)', '* STATUS INBOX (MESSAGES 8)', vars)).toBe(false);
    // A line that does not match binds nothing.
    expect(m('* $k FETCH (UID 99)', '* 1 FETCH (UID 2)', vars)).toBe(false);
    expect(vars.has('k')).toBe(false);
  });
  test('substitute: captured variables as captured, credentials as quoted strings', () => {
    expect(substitute('a2 FETCH $n (UID) ${n}', new Map([['n', '3']]), {})).toBe('a2 FETCH 3 (UID) 3');
    expect(substitute('a1 LOGIN $user $password', new Map(), { user: 'fred', password: 'p"w' })).toBe('a1 LOGIN "fred" "p\\"w"');
    expect(substitute('a1 NOOP $unknown', new Map(), {})).toBe('a1 NOOP $unknown');
  });
});

describe('checkStep', () => {
  test('untagged lines in any order; lines that must not appear; what differed is said', () => {
    const s = step('C: a1 SELECT INBOX\nS: * FLAGS $\nS: * $n EXISTS\nS: ! * NO ...\nS: a1 OK [READ-WRITE]\n');
    const vars: ScriptVariables = new Map();
    expect(checkStep(s, ['* 2 EXISTS', '* FLAGS (\\Seen)', 'a1 OK [READ-WRITE] done'], vars)).toEqual([]);
    expect(vars.get('n')).toBe('2');
    const diffs = checkStep(s, ['* NO [ALERT] careful', '* 3 EXISTS', 'a1 OK [READ-ONLY] done'], new Map([['n', '2']]));
    expect(diffs.map((d) => [d.expectation.line, d.message])).toEqual([
      [2, 'expected "S: * FLAGS $", got no FLAGS response.'],
      [3, 'expected "S: * $n EXISTS", got "* 3 EXISTS".'],
      [4, '"! * NO ..." must not appear, and the server sent "* NO [ALERT] careful".'],
      [5, 'expected "S: a1 OK [READ-WRITE]", got "a1 OK [READ-ONLY] done".'],
    ]);
  });
});

describe('the tour', () => {
  test('chosen from CAPABILITY: SASL-IR, LITERAL+, MOVE, IDLE only where advertised', () => {
    const rich = new Set(['IMAP4REV1', 'AUTH=PLAIN', 'SASL-IR', 'LITERAL+', 'MOVE', 'IDLE', 'ID', 'NAMESPACE', 'THREAD=REFERENCES']);
    const login = tourLogin(rich, { user: 'u', password: 'p' });
    expect(login).toContain('C: t04 AUTHENTICATE PLAIN AHUAcA==');
    expect(tourLogin(new Set(['IMAP4REV1']), { user: 'u', password: 'p' })).toContain('C: t04 LOGIN $user $password');
    const main = tourMain(rich, {});
    for (const c of ['IDLE', 'MOVE 1', '{318+}', 'THREAD REFERENCES', 'LOGOUT']) expect(main).toContain(c);
    const poor = tourMain(new Set(['IMAP4REV1']), {});
    for (const c of ['IDLE', 'MOVE 1', '{318+}', 'THREAD']) expect(poor).not.toContain(c);
    // Both parse as scripts.
    expect(parseScript(main).steps.length).toBeGreaterThan(20);
    expect(parseScript(login).steps.length).toBe(5);
  });
});
