import { describe, test, expect } from 'vitest';
import { check, checkEvents, ids, REV1_LOGIN, SELECTED } from './helpers.js';
import { transcript } from './transcript.js';
import { literalHeaders } from '../../src/session/rules/literals.js';

const NO_LITERAL_PLUS = `
S: * OK [CAPABILITY IMAP4rev1 AUTH=PLAIN] ready
C: a1 LOGIN alice secret
S: a1 OK Logged in
`;

describe('literals (RFC 9051 §7.6, RFC 7888)', () => {
  test('literalHeaders finds each header and skips the literal data', () => {
    const b = new TextEncoder().encode('a APPEND x {3}\r\n{9}\r\n {2+}\r\nab\r\n');
    expect(literalHeaders(b)).toEqual([{ at: 11, length: 3, nonSync: false }, { at: 22, length: 2, nonSync: true }]);
  });

  test('a synchronizing literal sent after its "+" is clean', () => {
    expect(ids(check(NO_LITERAL_PLUS + `
C: a2 APPEND INBOX {5}
S: + Ready for literal data
C: hello
S: a2 OK [APPENDUID 1 1] Append completed.
`))).toEqual([]);
  });

  test('literal data sent before the "+" is the client\'s fault', () => {
    const f = check(NO_LITERAL_PLUS + `
C: a2 APPEND INBOX {5}
C: hello
S: a2 OK Append completed.
`);
    expect(ids(f)).toEqual(['client:literal-before-continuation']);
    expect(f[0]).toMatchObject({ tag: 'a2', expected: '1 "+" before the literal data', actual: '0' });
  });

  test('two literals need two "+"', () => {
    expect(ids(check(NO_LITERAL_PLUS + `
C: a2 LOGIN {4}
S: + go
C: fred {6}
C: foobar
S: a2 BAD already logged in
`))).toEqual(['client:state-command', 'client:literal-before-continuation']);
  });

  test('a "+" no literal, IDLE or AUTHENTICATE waited for is the server\'s fault', () => {
    const f = check(NO_LITERAL_PLUS + `
S: + what
C: a2 NOOP
S: a2 OK done
`);
    expect(ids(f)).toEqual(['server:continuation-unexpected']);
    expect(f[0].direction).toBe('server');
  });

  test('non-synchronizing literals: fine under LITERAL+, a fault without it, limited under LITERAL-', () => {
    expect(ids(check(REV1_LOGIN + `
C: a2 APPEND INBOX {5+}
C: hello
S: a2 OK Append completed.
`))).toEqual([]);
    expect(ids(check(NO_LITERAL_PLUS + `
C: a2 APPEND INBOX {5+}
C: hello
S: a2 OK Append completed.
`))).toEqual(['client:literal-nonsync-unadvertised']);
    const big = 'x'.repeat(4097);
    const minus = `
S: * OK [CAPABILITY IMAP4rev1 LITERAL-] ready
C: a1 LOGIN alice secret
S: a1 OK Logged in
`;
    expect(ids(check(minus + `
C: a2 APPEND INBOX {4097+}
C: ${big}
S: a2 OK Append completed.
`))).toEqual(['client:literal-minus-too-large']);
    expect(ids(check(minus + `
C: a2 APPEND INBOX {4096+}
C: ${'x'.repeat(4096)}
S: a2 OK Append completed.
`))).toEqual([]);
  });
});

describe('AUTHENTICATE rounds (RFC 9051 §6.2.2)', () => {
  const greeting = 'S: * OK [CAPABILITY IMAP4rev1 AUTH=PLAIN SASL-IR] ready\n';
  test('one "+" answered by one line is clean; SASL-IR needs no "+"', () => {
    expect(ids(check(greeting + `
C: a1 AUTHENTICATE PLAIN
S: + 
C: AGFsaWNlAHNlY3JldA==
S: a1 OK Logged in
C: a2 NOOP
S: a2 OK done
`))).toEqual([]);
    expect(ids(check(greeting + `
C: a1 AUTHENTICATE PLAIN AGFsaWNlAHNlY3JldA==
S: a1 OK Logged in
`))).toEqual([]);
  });

  test('a line with no challenge is the client\'s fault, a challenge before the answer the server\'s', () => {
    const f = check(greeting + `
C: a1 AUTHENTICATE PLAIN AGFsaWNlAHNlY3JldA==
C: AGFsaWNlAHNlY3JldA==
S: a1 NO failed
`);
    expect(ids(f)).toEqual(['client:sasl-unexpected']);
    expect(f[0].excerpt).toBe('"**********************"');
    expect(ids(check(greeting + `
C: a1 AUTHENTICATE CRAM-MD5
S: + PDE4OTYuNjk3MTcwOTUyQHBvc3RvZmZpY2UucmVzdG9uLm1jaS5uZXQ+
S: + again
C: dGltIGI5MTNhNjAyYzdlZGE3YTQ5NWI0ZTZlNzMzNGQzODkw
S: a1 OK done
`))).toEqual(['server:continuation-unexpected']);
  });
});

describe('IDLE (RFC 9051 §6.3.13, RFC 2177)', () => {
  test('"+", untagged data, DONE, the tagged reply: clean (EXPUNGE and FETCH included)', () => {
    expect(ids(check(SELECTED + `
C: i1 IDLE
S: + idling
S: * 4 EXISTS
S: * 2 EXPUNGE
S: * 1 FETCH (FLAGS (\\Seen \\Answered))
C: DONE
S: i1 OK Idle completed.
`))).toEqual([]);
  });

  test('a command while the server waits for DONE; DONE with no IDLE', () => {
    expect(ids(check(SELECTED + `
C: i1 IDLE
S: + idling
C: n1 NOOP
C: DONE
S: i1 OK Idle completed.
S: n1 OK done
`))).toEqual(['client:idle-command']);
    // DONE after the server already ended IDLE with its tagged reply.
    const evs = transcript(SELECTED + `
C: i1 IDLE
S: + idling
S: i1 OK Idle completed.
`);
    evs.push({ type: 'done', connection: 'c1', direction: 'client', offset: 9999, length: 6, tag: undefined });
    expect(ids(checkEvents(evs).findings)).toEqual(['client:idle-done-unexpected']);
  });

  test('under IMAP4rev2, an unsolicited FETCH during IDLE carries UID', () => {
    const rev2 = `
S: * OK [CAPABILITY IMAP4rev2 AUTH=PLAIN] ready
C: a1 LOGIN alice secret
S: a1 OK Logged in
C: s1 SELECT INBOX
S: * FLAGS (\\Seen)
S: * OK [PERMANENTFLAGS (\\Seen)] ok
S: * 2 EXISTS
S: * LIST () "/" INBOX
S: * OK [UIDVALIDITY 7] ok
S: * OK [UIDNEXT 3] ok
S: s1 OK [READ-WRITE] done
C: i1 IDLE
S: + idling
`;
    expect(ids(check(rev2 + `
S: * 1 FETCH (FLAGS (\\Seen))
C: DONE
S: i1 OK done
`))).toEqual(['server:idle-fetch-without-uid']);
    expect(ids(check(rev2 + `
S: * 1 FETCH (UID 1 FLAGS (\\Seen))
C: DONE
S: i1 OK done
`))).toEqual([]);
  });

  test('an IDLE the client never ended is not the server\'s fault at the end', () => {
    expect(ids(check(SELECTED + `
C: i1 IDLE
S: + idling
`))).toEqual([]);
  });
});
