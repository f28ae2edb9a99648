import { describe, test, expect } from 'vitest';
import { check, ids, REV1_LOGIN, SELECTED } from './helpers.js';

describe('states (RFC 9051 §3)', () => {
  test('FETCH in the authenticated state is the client\'s fault; OK to it is the server\'s', () => {
    const f = check(REV1_LOGIN + `
C: a2 FETCH 1 FLAGS
S: a2 OK Fetch completed.
`);
    expect(ids(f)).toEqual(['client:state-command', 'server:state-ok']);
    expect(f[0]).toMatchObject({ tag: 'a2', expected: 'selected', actual: 'authenticated', direction: 'client' });
    expect(f[1]).toMatchObject({ tag: 'a2', direction: 'server', rfc: 'RFC 9051 §3, §6' });
  });

  test('the server refusing it with BAD is right', () => {
    expect(ids(check(REV1_LOGIN + `
C: a2 FETCH 1 FLAGS
S: a2 BAD No mailbox selected.
`))).toEqual(['client:state-command']);
  });

  test('LOGIN after LOGIN, SELECT before LOGIN', () => {
    expect(ids(check(REV1_LOGIN + `
C: a2 LOGIN bob pw
S: a2 BAD Already logged in.
`))).toEqual(['client:state-command']);
    expect(ids(check(`
S: * OK ready
C: a1 SELECT INBOX
S: a1 NO Not logged in.
`))).toEqual(['client:state-command']);
  });

  test('pipelined LOGIN, SELECT, FETCH is fine (RFC 9051 §5.5)', () => {
    expect(ids(check(`
S: * OK [CAPABILITY IMAP4rev1] ready
C: a1 LOGIN alice secret
C: a2 SELECT INBOX
C: a3 FETCH 1 UID
S: a1 OK Logged in
S: * FLAGS (\\Seen)
S: * OK [PERMANENTFLAGS (\\Seen)] ok
S: * 1 EXISTS
S: * 0 RECENT
S: * OK [UIDVALIDITY 5] ok
S: * OK [UIDNEXT 2] ok
S: a2 OK [READ-WRITE] Selected
S: * 1 FETCH (UID 1)
S: a3 OK done
`))).toEqual([]);
  });

  test('a FETCH answered OK after its SELECT failed is the server\'s fault', () => {
    expect(ids(check(REV1_LOGIN + `
C: a2 SELECT nosuch
C: a3 FETCH 1 UID
S: a2 NO No such mailbox
S: a3 OK done
`))).toEqual(['server:state-ok']);
  });

  test('PREAUTH starts authenticated; CLOSE leaves selected', () => {
    expect(ids(check(`
S: * PREAUTH [CAPABILITY IMAP4rev1] welcome
C: a1 LOGIN x y
S: a1 BAD already authenticated
`))).toEqual(['client:state-command']);
    expect(ids(check(SELECTED + `
C: c1 CLOSE
S: c1 OK closed
C: c2 FETCH 1 UID
S: c2 BAD no mailbox
`))).toEqual(['client:state-command']);
  });

  test('ENABLE in the selected state: the client broke RFC 5161 §3.1, the server may still say OK', () => {
    expect(ids(check(SELECTED + `
C: e1 ENABLE CONDSTORE
S: e1 OK enabled
`))).toEqual(['client:state-command']);
  });
});

describe('tags (RFC 9051 §2.2.1, §2.2.2)', () => {
  test('a tag reused while its command is in flight', () => {
    const f = check(REV1_LOGIN + `
C: a2 NOOP
C: a2 NOOP
S: a2 OK done
S: a2 OK done
`);
    expect(ids(f)).toEqual(['client:tag-reused']);
    expect(f[0].level).toBe('SHOULD');
  });

  test('a tag reused after its answer is fine', () => {
    expect(ids(check(REV1_LOGIN + `
C: a2 NOOP
S: a2 OK done
C: a2 NOOP
S: a2 OK done
`))).toEqual([]);
  });

  test('a tagged response to a tag never sent; a tag answered twice; a command never answered', () => {
    expect(ids(check(REV1_LOGIN + `
S: zz OK what
`))).toEqual(['server:tag-unknown']);
    expect(ids(check(REV1_LOGIN + `
C: a2 NOOP
S: a2 OK done
S: a2 OK done again
`))).toEqual(['server:tag-answered-twice']);
    const f = check(REV1_LOGIN + `
C: a2 NOOP
`);
    expect(ids(f)).toEqual(['server:tag-unanswered']);
    expect(f[0]).toMatchObject({ direction: 'client', tag: 'a2' });
  });

  test('out-of-order completion is fine', () => {
    expect(ids(check(REV1_LOGIN + `
C: a2 NOOP
C: a3 NOOP
S: a3 OK done
S: a2 OK done
`))).toEqual([]);
  });

  test('after a BYE, commands in flight other than LOGOUT need no answer', () => {
    expect(ids(check(REV1_LOGIN + `
C: a2 NOOP
S: * BYE shutting down
-- close
`))).toEqual([]);
  });
});
