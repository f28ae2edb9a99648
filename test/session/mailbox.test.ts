import { describe, test, expect } from 'vitest';
import { check, ids, REV1_LOGIN, SELECTED } from './helpers.js';

describe('mailbox size (RFC 9051 §5.2, §7.5.1)', () => {
  test('EXISTS never goes down', () => {
    const f = check(SELECTED + `
C: n1 NOOP
S: * 2 EXISTS
S: n1 OK done
`);
    expect(ids(f)).toEqual(['server:exists-decreased']);
    expect(f[0]).toMatchObject({ expected: '>= 3', actual: '2', rfc: 'RFC 9051 §5.2' });
  });

  test('EXISTS growing, then EXPUNGE shrinking is clean', () => {
    expect(ids(check(SELECTED + `
C: n1 NOOP
S: * 5 EXISTS
S: * 5 EXPUNGE
S: * 4 EXISTS
S: n1 OK done
`))).toEqual([]);
  });

  test('FETCH and EXPUNGE never name a number above the count', () => {
    expect(ids(check(SELECTED + `
C: n1 NOOP
S: * 4 FETCH (FLAGS (\\Seen))
S: n1 OK done
`))).toEqual(['server:seq-above-count']);
    expect(ids(check(SELECTED + `
C: n1 NOOP
S: * 3 EXPUNGE
S: * 3 EXPUNGE
S: n1 OK done
`))).toEqual(['server:seq-above-count']);
  });

  test('EXPUNGE renumbering: five EXPUNGE 5 from a 9-message mailbox', () => {
    expect(ids(check(SELECTED + `
C: n1 NOOP
S: * 9 EXISTS
S: n1 OK done
C: e1 EXPUNGE
S: * 5 EXPUNGE
S: * 5 EXPUNGE
S: * 5 EXPUNGE
S: * 5 EXPUNGE
S: * 5 EXPUNGE
S: e1 OK done
C: f2 FETCH 4 FLAGS
S: * 4 FETCH (FLAGS ())
S: f2 OK done
`))).toEqual([]);
  });

  test('EXPUNGE with no command in progress, and during FETCH, STORE, SEARCH', () => {
    expect(ids(check(SELECTED + `
S: * 1 EXPUNGE
`))).toEqual(['server:expunge-no-command']);
    for (const cmd of ['FETCH 1:* FLAGS', 'STORE 1 +FLAGS (\\Seen)', 'SEARCH ALL']) {
      const f = check(SELECTED + `
C: x1 ${cmd}
S: * 1 EXPUNGE
S: x1 OK done
`);
      expect(ids(f)).toEqual(['server:expunge-during-seq-command']);
      expect(f[0].tag).toBe('x1');
    }
  });

  test('EXPUNGE during UID FETCH, UID STORE, UID SEARCH, IDLE, NOOP is fine (RFC 9051 §7.5.1 note)', () => {
    for (const cmd of ['UID FETCH 1:* FLAGS', 'UID STORE 10 +FLAGS (\\Seen)', 'UID SEARCH ALL', 'NOOP', 'MOVE 1 Trash']) {
      expect(ids(check(SELECTED + `
C: x1 ${cmd}
S: * 1 EXPUNGE
S: x1 OK done
`))).toEqual([]);
    }
  });

  test('a FETCH pipelined after NOOP: the EXPUNGE may answer the NOOP', () => {
    expect(ids(check(SELECTED + `
C: n1 NOOP
C: f2 FETCH 1 FLAGS
S: * 1 EXPUNGE
S: n1 OK done
S: * 1 FETCH (FLAGS ())
S: f2 OK done
`))).toEqual([]);
  });

  test('VANISHED only after ENABLE QRESYNC; then no EXPUNGE', () => {
    expect(ids(check(SELECTED + `
C: n1 NOOP
S: * VANISHED 10
S: n1 OK done
`))).toEqual(['server:vanished-not-enabled']);
    const qresync = REV1_LOGIN + `
C: e1 ENABLE QRESYNC
S: * ENABLED QRESYNC
S: e1 OK enabled
` + `
C: s1 SELECT INBOX
S: * FLAGS (\\Seen)
S: * OK [PERMANENTFLAGS (\\Seen)] ok
S: * 3 EXISTS
S: * 0 RECENT
S: * OK [UIDVALIDITY 5] ok
S: * OK [UIDNEXT 13] ok
S: * OK [HIGHESTMODSEQ 100] ok
S: s1 OK [READ-WRITE] done
C: f1 FETCH 1:3 (UID MODSEQ)
S: * 1 FETCH (UID 10 MODSEQ (90))
S: * 2 FETCH (UID 11 MODSEQ (91))
S: * 3 FETCH (UID 12 MODSEQ (92))
S: f1 OK done
`;
    expect(ids(check(qresync + `
C: n1 NOOP
S: * VANISHED 11
S: n1 OK done
C: f2 FETCH 2 (UID)
S: * 2 FETCH (UID 12)
S: f2 OK done
`))).toEqual([]);
    expect(ids(check(qresync + `
C: n1 NOOP
S: * 2 EXPUNGE
S: n1 OK done
`))).toEqual(['server:expunge-under-qresync']);
  });
});

describe('UIDs (RFC 9051 §2.3.1.1)', () => {
  test('UIDs ascend with message numbers', () => {
    const f = check(SELECTED.replace('S: * 3 FETCH (UID 12', 'S: * 3 FETCH (UID 9'));
    expect(ids(f)).toEqual(['server:uid-order']);
  });

  test('a UID never changes; an EXPUNGE not renumbered shows as one', () => {
    const f = check(SELECTED + `
C: e1 EXPUNGE
S: * 1 EXPUNGE
S: e1 OK done
C: f2 FETCH 1:2 UID
S: * 1 FETCH (UID 10)
S: * 2 FETCH (UID 11)
S: f2 OK done
`);
    expect(ids(f)).toEqual(['server:uid-changed', 'server:uid-changed']);
    expect(f[0]).toMatchObject({ expected: 'UID 11', actual: 'UID 10' });
  });

  test('UID FETCH responses carry UID; unsolicited flag updates need not', () => {
    expect(ids(check(SELECTED + `
C: u1 UID FETCH 10 (FLAGS RFC822.SIZE)
S: * 1 FETCH (FLAGS (\\Seen) RFC822.SIZE 300)
S: u1 OK done
`))).toEqual(['server:uid-fetch-without-uid']);
    expect(ids(check(SELECTED + `
C: u1 UID STORE 10 +FLAGS (\\Flagged)
S: * 1 FETCH (FLAGS (\\Seen \\Flagged))
S: u1 OK done
`))).toEqual(['server:uid-fetch-without-uid']);
    expect(ids(check(SELECTED + `
C: u1 UID STORE 10 +FLAGS (\\Flagged)
S: * 2 FETCH (FLAGS (\\Seen))
S: * 1 FETCH (UID 10 FLAGS (\\Seen \\Flagged))
S: u1 OK done
`))).toEqual([]);
  });

  test('a UID at or above UIDNEXT only for a message that arrived since', () => {
    expect(ids(check(SELECTED.replace('S: * 3 FETCH (UID 12', 'S: * 3 FETCH (UID 13')))).toEqual(['server:uid-above-uidnext']);
    expect(ids(check(SELECTED + `
C: n1 NOOP
S: * 4 EXISTS
S: n1 OK done
C: f2 FETCH 4 UID
S: * 4 FETCH (UID 20)
S: f2 OK done
`))).toEqual([]);
  });

  test('APPENDUID agrees with UIDVALIDITY and UIDNEXT', () => {
    const status = REV1_LOGIN + `
C: t1 STATUS Sent (UIDVALIDITY UIDNEXT)
S: * STATUS Sent (UIDVALIDITY 77 UIDNEXT 40)
S: t1 OK done
`;
    expect(ids(check(status + `
C: a2 APPEND Sent {5+}
C: hello
S: a2 OK [APPENDUID 77 40] done
`))).toEqual([]);
    expect(ids(check(status + `
C: a2 APPEND Sent {5+}
C: hello
S: a2 OK [APPENDUID 78 40] done
`))).toEqual(['server:appenduid-uidvalidity']);
    expect(ids(check(status + `
C: a2 APPEND Sent {5+}
C: hello
S: a2 OK [APPENDUID 77 39] done
`))).toEqual(['server:appenduid-below-uidnext']);
    expect(ids(check(SELECTED + `
C: a2 APPEND INBOX {5+}
C: hello
S: * 4 EXISTS
S: a2 OK [APPENDUID 1700000001 13] done
`))).toEqual(['server:appenduid-uidvalidity']);
  });

  test('COPYUID names the destination\'s UIDVALIDITY (MOVE: in an untagged OK)', () => {
    const status = SELECTED + `
C: t1 STATUS Trash (UIDVALIDITY)
S: * STATUS Trash (UIDVALIDITY 55)
S: t1 OK done
`;
    expect(ids(check(status + `
C: c1 COPY 1 Trash
S: c1 OK [COPYUID 55 10 1] done
`))).toEqual([]);
    expect(ids(check(status + `
C: c1 UID MOVE 10 Trash
S: * OK [COPYUID 56 10 1] moved
S: * 1 EXPUNGE
S: c1 OK done
`))).toEqual(['server:copyuid-uidvalidity']);
  });

  test('UIDVALIDITY across SELECTs: stable, never lower; a DELETE allows a new one', () => {
    const again = (v: number, between = '') => check(SELECTED + between + `
C: s2 SELECT INBOX
S: * FLAGS (\\Seen)
S: * OK [PERMANENTFLAGS (\\Seen)] ok
S: * 0 EXISTS
S: * 0 RECENT
S: * OK [UIDVALIDITY ${v}] ok
S: * OK [UIDNEXT 1] ok
S: s2 OK [READ-WRITE] done
`);
    expect(ids(again(1700000000))).toEqual([]);
    expect(ids(again(1600000000))).toEqual(['server:uidvalidity-decreased']);
    const f = again(1800000000);
    expect(ids(f)).toEqual(['server:uidvalidity-changed']);
    expect(f[0].level).toBe('SHOULD');
    expect(ids(again(1800000000, `
C: d1 DELETE INBOX
S: d1 OK deleted
`))).toEqual([]);
  });
});
