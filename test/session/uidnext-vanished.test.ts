/**
 * VANISHED names only messages the client was shown, VANISHED (EARLIER)
 * only answers what asks for it (RFC 7162 §3.2.10.1, §3.2.10.2); new
 * messages and copies take UIDs at or above the UIDNEXT announced
 * (RFC 9051 §2.3.1.1, RFC 4315 §3).
 */
import { describe, test, expect } from 'vitest';
import { check, ids, REV1_LOGIN, SELECTED } from './helpers.js';

/** QRESYNC enabled, INBOX selected with 3 messages of UIDs 10, 12, 14 (fetched), UIDNEXT 15. */
const QRESYNC = REV1_LOGIN + `
C: e1 ENABLE QRESYNC
S: * ENABLED QRESYNC
S: e1 OK enabled
C: s1 SELECT INBOX
S: * FLAGS (\\Seen)
S: * OK [PERMANENTFLAGS (\\Seen)] ok
S: * 3 EXISTS
S: * 0 RECENT
S: * OK [UIDVALIDITY 5] ok
S: * OK [UIDNEXT 15] ok
S: * OK [HIGHESTMODSEQ 100] ok
S: s1 OK [READ-WRITE] done
`;
const FETCHED = QRESYNC + `
C: f1 FETCH 1:3 (UID MODSEQ)
S: * 1 FETCH (UID 10 MODSEQ (90))
S: * 2 FETCH (UID 12 MODSEQ (91))
S: * 3 FETCH (UID 14 MODSEQ (92))
S: f1 OK done
`;
const noop = (lines: string): string => `C: n1 NOOP\n${lines}\nS: n1 OK done\n`;

describe('vanished-unannounced (RFC 7162 §3.2.10.2)', () => {
  test('a UID between the known UIDs of two adjacent messages', () => {
    const f = check(FETCHED + noop('S: * VANISHED 11'));
    expect(ids(f)).toEqual(['server:vanished-unannounced']);
    expect(f[0]).toMatchObject({ actual: 'UID 11', rfc: 'RFC 7162 §3.2.10.2' });
  });

  test('below the first message\'s UID, and above the last one\'s', () => {
    expect(ids(check(FETCHED + noop('S: * VANISHED 9')))).toEqual(['server:vanished-unannounced']);
    expect(ids(check(FETCHED + noop('S: * VANISHED 14:15')))).toEqual(['server:vanished-unannounced']);
  });

  test('at or above UIDNEXT with no message arrived since, UIDs never fetched', () => {
    expect(ids(check(QRESYNC + noop('S: * VANISHED 15')))).toEqual(['server:vanished-unannounced']);
  });

  test('more UIDs than messages', () => {
    const f = check(QRESYNC + noop('S: * VANISHED 1:4'));
    expect(ids(f)).toEqual(['server:vanished-unannounced']);
    expect(f[0].expected).toBe('at most 3 UIDs');
  });

  test('clean: UIDs of messages shown, unknown UIDs, and a new message\'s UID', () => {
    expect(ids(check(FETCHED + noop('S: * VANISHED 10,14')))).toEqual([]);
    // UIDs never fetched: 11 may be any of the three.
    expect(ids(check(QRESYNC + noop('S: * VANISHED 11')))).toEqual([]);
    // A message arrived: its UID (15 or more) is not known, so 20 may be it.
    expect(ids(check(FETCHED + noop('S: * 4 EXISTS\nS: * VANISHED 20')))).toEqual([]);
    // After VANISHED 12, 12 is gone; 14 is message 2 now.
    expect(ids(check(FETCHED + noop('S: * VANISHED 12') + noop('S: * VANISHED 14')))).toEqual([]);
  });

  test('clean: a capture that starts after SELECT knows no mailbox', () => {
    expect(ids(check(`
C: n1 NOOP
S: * VANISHED 11
S: n1 OK done
`))).toEqual([]);
  });
});

describe('vanished-earlier-uncaused (RFC 7162 §3.2.10.1)', () => {
  test('VANISHED (EARLIER) for an expunge in the selected mailbox', () => {
    const f = check(FETCHED + `
C: x1 UID EXPUNGE 12
S: * VANISHED (EARLIER) 12
S: x1 OK done
`);
    expect(ids(f)).toEqual(['server:vanished-earlier-uncaused']);
    expect(f[0]).toMatchObject({ side: 'server', rfc: 'RFC 7162 §3.2.10.1', actual: 'VANISHED (EARLIER)' });
  });

  test('clean: the answer to UID FETCH (VANISHED) and to SELECT (QRESYNC)', () => {
    expect(ids(check(FETCHED + `
C: f2 UID FETCH 1:* (FLAGS) (CHANGEDSINCE 90 VANISHED)
S: * VANISHED (EARLIER) 1:9,11
S: * 2 FETCH (UID 12 FLAGS (\\Seen) MODSEQ (101))
S: f2 OK done
`))).toEqual([]);
    expect(ids(check(FETCHED + `
C: s2 SELECT INBOX (QRESYNC (5 90 1:14))
S: * FLAGS (\\Seen)
S: * OK [PERMANENTFLAGS (\\Seen)] ok
S: * 3 EXISTS
S: * 0 RECENT
S: * OK [UIDVALIDITY 5] ok
S: * OK [UIDNEXT 15] ok
S: * OK [HIGHESTMODSEQ 100] ok
S: * VANISHED (EARLIER) 1:9,11,13
S: s2 OK [READ-WRITE] done
`))).toEqual([]);
  });
});

describe('copyuid-below-uidnext (RFC 4315 §3, RFC 9051 §2.3.1.1)', () => {
  const status = SELECTED + `
C: t1 STATUS Trash (UIDVALIDITY UIDNEXT)
S: * STATUS Trash (UIDVALIDITY 55 UIDNEXT 8)
S: t1 OK done
`;
  test('a copy given a UID below the destination\'s UIDNEXT', () => {
    const f = check(status + `
C: c1 COPY 1:2 Trash
S: c1 OK [COPYUID 55 10:11 7:8] done
`);
    expect(ids(f)).toEqual(['server:copyuid-below-uidnext']);
    expect(f[0]).toMatchObject({ expected: 'UID >= 8', actual: '7' });
  });

  test('clean: UIDs at or above UIDNEXT; another UIDVALIDITY is its own fault only', () => {
    expect(ids(check(status + `
C: c1 COPY 1:2 Trash
S: c1 OK [COPYUID 55 10:11 8:9] done
`))).toEqual([]);
    expect(ids(check(status + `
C: c1 UID MOVE 10 Trash
S: * OK [COPYUID 56 10 1] moved
S: * 1 EXPUNGE
S: c1 OK done
`))).toEqual(['server:copyuid-uidvalidity']);
    // UIDNEXT of the destination not known: nothing to compare.
    expect(ids(check(SELECTED + `
C: c1 COPY 1 Sent
S: c1 OK [COPYUID 55 10 1] done
`))).toEqual([]);
  });
});

describe('uid-new-below-uidnext (RFC 9051 §2.3.1.1)', () => {
  /** 3 messages, UIDs not fetched, UIDNEXT 13. */
  const OPEN = REV1_LOGIN + `
C: s1 SELECT INBOX
S: * FLAGS (\\Seen)
S: * OK [PERMANENTFLAGS (\\Seen)] ok
S: * 3 EXISTS
S: * 0 RECENT
S: * OK [UIDVALIDITY 5] ok
S: * OK [UIDNEXT 13] ok
S: s1 OK [READ-WRITE] done
`;
  test('a message that arrived after UIDNEXT 13 has UID 11', () => {
    const f = check(OPEN + noop('S: * 4 EXISTS') + `
C: f1 FETCH 4 (UID)
S: * 4 FETCH (UID 11)
S: f1 OK done
`);
    expect(ids(f)).toEqual(['server:uid-new-below-uidnext']);
    expect(f[0]).toMatchObject({ expected: 'UID >= 13', actual: 'UID 11' });
  });

  test('clean: the new message at UIDNEXT, the old ones below it, EXPUNGE renumbering applied', () => {
    expect(ids(check(OPEN + noop('S: * 4 EXISTS') + `
C: f1 FETCH 1:4 (UID)
S: * 1 FETCH (UID 10)
S: * 2 FETCH (UID 11)
S: * 3 FETCH (UID 12)
S: * 4 FETCH (UID 13)
S: f1 OK done
`))).toEqual([]);
    expect(ids(check(OPEN + noop('S: * 4 EXISTS\nS: * 1 EXPUNGE') + `
C: f1 FETCH 2:3 (UID)
S: * 2 FETCH (UID 12)
S: * 3 FETCH (UID 13)
S: f1 OK done
`))).toEqual([]);
  });
});

describe('VANISHED during UID SEARCH with message numbers (RFC 7162 §3.2.10.2)', () => {
  test('a fault with message numbers in the criteria, fine with UIDs only', () => {
    const f = check(FETCHED + `
C: u1 UID SEARCH NOT 1:2 SEEN
S: * VANISHED 12
S: * SEARCH 14
S: u1 OK done
`);
    expect(ids(f)).toEqual(['server:expunge-during-seq-command']);
    expect(f[0]).toMatchObject({ tag: 'u1', rfc: 'RFC 7162 §3.2.10.2' });
    expect(ids(check(FETCHED + `
C: u1 UID SEARCH UID 10:14 SEEN
S: * VANISHED 12
S: * SEARCH 14
S: u1 OK done
`))).toEqual([]);
  });
});
