import { describe, test, expect } from 'vitest';
import { check, checkEvents, ids, SELECTED } from './helpers.js';
import { transcript } from './transcript.js';
import { summaryLine } from '../../src/session/checker.js';
import { ImapParseError } from '../../src/wire/errors.js';
import { parseCommand } from '../../src/codec/parse-command.js';
import { parseResponse } from '../../src/codec/parse-response.js';
import type { ConversationEvent } from '../../src/capture/types.js';

describe('partial captures: unknown is not a fault', () => {
  test('a capture that starts after LOGIN and SELECT', () => {
    const { findings, checker } = checkEvents(transcript(`
S: * 2 FETCH (FLAGS (\\Seen $Unknown))
S: f7 OK Fetch completed.
S: * 1 EXPUNGE
C: f8 FETCH 1:* (UID FLAGS)
S: * 1 FETCH (UID 99 FLAGS ())
S: f8 OK done
C: n1 NOOP
S: * 0 EXISTS
S: n1 OK done
`));
    expect(ids(findings)).toEqual([]);
    const [s] = checker.summaries();
    expect(summaryLine(s)).toBe('client: 0 findings; server: 0 findings');
    expect(s.notChecked.join(' ')).toContain('begins after the greeting');
  });

  test('the state is learned again from a SELECT seen later', () => {
    const f = check(`
C: n1 NOOP
S: n1 OK done
C: s1 SELECT INBOX
S: * FLAGS (\\Seen)
S: * OK [PERMANENTFLAGS (\\Seen)] ok
S: * 2 EXISTS
S: * 0 RECENT
S: * OK [UIDVALIDITY 5] ok
S: * OK [UIDNEXT 3] ok
S: s1 OK done
C: n2 NOOP
S: * 1 EXISTS
S: n2 OK done
`);
    expect(ids(f)).toEqual(['server:exists-decreased']);
  });

  test('a gap: commands in flight and the numbering from there are not known', () => {
    const { findings, checker } = checkEvents(transcript(SELECTED + `
C: x1 FETCH 1:* FLAGS
-- gap server
S: * 1 EXPUNGE
S: x9 OK done
C: f2 FETCH 1 UID
S: * 1 FETCH (UID 12)
S: f2 OK done
`));
    expect(ids(findings)).toEqual([]);
    expect(checker.summaries()[0].notChecked.join(' ')).toContain('gap in the server stream');
  });

  test('a printed (lossy) transcript: no literal or unknown-tag findings', () => {
    const f = check(`
S: * OK [CAPABILITY IMAP4rev1] ready
C: a1 LOGIN alice secret
S: a1 OK Logged in
C: a2 APPEND INBOX {5}
C: hello
S: a2 OK done
S: a9 OK what
`, { info: { lossy: true } });
    expect(ids(f)).toEqual([]);
  });

  test('encryption after STARTTLS is noted in the summary', () => {
    const { checker } = checkEvents(transcript(`
S: * OK [CAPABILITY IMAP4rev1 STARTTLS] ready
C: a1 STARTTLS
S: a1 OK Begin TLS negotiation now
-- encrypted
`));
    expect(checker.summaries()[0].notChecked.join(' ')).toContain('encrypted (STARTTLS)');
  });
});

describe('grammar violations', () => {
  test('strict-mode violations become grammar/<rule> findings on the sender', () => {
    const f = check(SELECTED + `
C: n1 NOOP
S: * SEARCH 2 3 
S: n1 OK done
`);
    // The rule strict mode names (`rule` on the error), else its code.
    const ruleOf = (text: string, dir: 'client' | 'server'): string => {
      try {
        if (dir === 'client') parseCommand(text, { strict: true });
        else parseResponse(text, { strict: true });
      } catch (e) {
        return `${dir}:grammar/${(e as ImapParseError).rule ?? (e as ImapParseError).code}`;
      }
      return 'none';
    };
    expect(ids(f)).toEqual([ruleOf('* SEARCH 2 3 \r\n', 'server')]);
    expect(f[0]).toMatchObject({ level: 'MUST', quirk: 'trailing-space', direction: 'server', rfc: expect.stringMatching(/^RFC 9051 §/) });
    const c = check(SELECTED + `
C: n1 NOOP 
S: n1 OK done
`);
    expect(ids(c)).toEqual([ruleOf('n1 NOOP \r\n', 'client')]);
    expect(c[0].tag).toBe('n1');
  });

  test('the rule and RFC of the error are used when the grammar names them', () => {
    const err = Object.assign(new ImapParseError({ offset: 3, expected: 'nz-number', found: '"0"' }), { rule: 'nz-number', rfc: 'RFC 9051 §9' });
    const ev: ConversationEvent = { type: 'error', connection: 'c', direction: 'server', offset: 0, length: 12, error: err, frame: new TextEncoder().encode('* 0 EXISTS\r\n') };
    const f = checkEvents([ev]).findings;
    expect(f).toMatchObject([{ rule: 'grammar/nz-number', side: 'server', expected: 'nz-number', actual: '"0"', excerpt: '"* 0 EXISTS\\r\\n"' }]);
  });

  test('LOGIN passwords are redacted in excerpts', () => {
    const frame = new TextEncoder().encode('a1 LOGIN alice secret \r\n');
    const err = new ImapParseError({ offset: 21, expected: 'CRLF', found: '" "' });
    const ev: ConversationEvent = {
      type: 'command', connection: 'c', direction: 'client', offset: 0, length: frame.length, frame,
      command: { tag: 'a1', type: 'LOGIN', userid: 'alice', password: 'secret' }, violation: err, secrets: [{ start: 15, length: 6 }],
    };
    const [f] = checkEvents([ev]).findings;
    expect(f.excerpt).toBe('"a1 LOGIN alice ****** \\r\\n"');
  });
});

describe('options', () => {
  const bad = SELECTED + `
C: n1 NOOP
S: * 1 FETCH (FLAGS ($New))
S: * 2 EXISTS
S: n1 OK done
`;
  test('skip, rules, level', () => {
    expect(ids(check(bad))).toEqual(['server:flag-not-announced', 'server:exists-decreased']);
    expect(ids(check(bad, { skip: ['exists-decreased'] }))).toEqual(['server:flag-not-announced']);
    expect(ids(check(bad, { rules: ['exists-decreased'] }))).toEqual(['server:exists-decreased']);
    expect(ids(check(bad, { level: 'MUST' }))).toEqual(['server:exists-decreased']);
    expect(ids(check(SELECTED + 'C: n1 NOOP \nS: n1 OK done\n', { skip: ['grammar/*'] }))).toEqual([]);
    expect(ids(check(SELECTED + 'C: n1 NOOP \nS: n1 OK done\n', { skip: ['grammar'] }))).toEqual([]);
  });

  test('summary per connection', () => {
    const { checker } = checkEvents(transcript(bad));
    expect(summaryLine(checker.summaries()[0])).toBe('client: 0 findings; server: 1 MUST, 1 SHOULD');
  });
});
