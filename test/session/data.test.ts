import { describe, test, expect } from 'vitest';
import { check, checkEvents, ids, REV1_LOGIN, SELECTED } from './helpers.js';
import { transcript } from './transcript.js';

const REV2_SELECT = `
S: * OK [CAPABILITY IMAP4rev2 AUTH=PLAIN] ready
C: a1 LOGIN alice secret
S: a1 OK Logged in
C: s1 SELECT INBOX
S: * FLAGS (\\Seen \\Deleted $Junk)
S: * OK [PERMANENTFLAGS (\\Seen \\Deleted $Junk \\*)] ok
S: * 2 EXISTS
S: * LIST () "/" INBOX
S: * OK [UIDVALIDITY 7] ok
S: * OK [UIDNEXT 3] ok
S: s1 OK [READ-WRITE] done
`;

describe('flags (RFC 9051 §7.3.5, §7.1, §2.3.2)', () => {
  test('a keyword in FETCH FLAGS that FLAGS never announced', () => {
    const f = check(SELECTED + `
C: n1 NOOP
S: * 1 FETCH (FLAGS (\\Seen $Important))
S: n1 OK done
`);
    expect(ids(f)).toEqual(['server:flag-not-announced']);
    expect(f[0]).toMatchObject({ level: 'SHOULD', actual: '$Important' });
  });

  test('announced by a new FLAGS first (as after STORE of a new keyword): clean; case does not matter', () => {
    expect(ids(check(SELECTED + `
C: st STORE 1 +FLAGS ($important)
S: * FLAGS (\\Answered \\Flagged \\Deleted \\Seen \\Draft $Forwarded $Important)
S: * 1 FETCH (FLAGS (\\Seen $important))
S: st OK done
`))).toEqual([]);
  });

  test('PERMANENTFLAGS lists only flags from FLAGS, and \\*', () => {
    expect(ids(check(SELECTED.replace('$Forwarded \\*)]', '$Forwarded $Other \\*)]')))).toEqual(['server:permanentflag-not-in-flags']);
  });

  test('\\Recent under IMAP4rev2 is deprecated; under IMAP4rev1 it is fine', () => {
    expect(ids(check(REV2_SELECT + `
C: f1 FETCH 1 (UID FLAGS)
S: * 1 FETCH (UID 1 FLAGS (\\Seen \\Recent))
S: f1 OK done
`))).toEqual(['server:recent-rev2']);
    expect(ids(check(SELECTED + `
C: f2 FETCH 1 (UID FLAGS)
S: * 1 FETCH (UID 10 FLAGS (\\Seen \\Recent))
S: f2 OK done
`))).toEqual([]);
  });
});

describe('SELECT / EXAMINE required responses (RFC 3501 §6.3.1, RFC 9051 §6.3.2)', () => {
  test('IMAP4rev1: RECENT required, LIST not', () => {
    const f = check(SELECTED.replace('S: * 0 RECENT\n', ''));
    expect(ids(f)).toEqual(['server:select-missing-response']);
    expect(f[0]).toMatchObject({ rfc: 'RFC 3501 §6.3.1', message: expect.stringContaining('RECENT') });
  });

  test('IMAP4rev2: LIST required, RECENT not', () => {
    expect(ids(check(REV2_SELECT))).toEqual([]);
    const f = check(REV2_SELECT.replace('S: * LIST () "/" INBOX\n', ''));
    expect(ids(f)).toEqual(['server:select-missing-response']);
    expect(f[0]).toMatchObject({ rfc: 'RFC 9051 §6.3.2', message: expect.stringContaining('LIST') });
  });

  test('IMAP4rev2 once enabled, where both are offered', () => {
    const both = `
S: * OK [CAPABILITY IMAP4rev1 IMAP4rev2 ENABLE AUTH=PLAIN] ready
C: a1 LOGIN alice secret
S: a1 OK Logged in
C: e1 ENABLE IMAP4rev2
S: * ENABLED IMAP4rev2
S: e1 OK enabled
C: s1 EXAMINE INBOX
S: * FLAGS (\\Seen)
S: * OK [PERMANENTFLAGS ()] ok
S: * 0 EXISTS
S: * OK [UIDVALIDITY 7] ok
S: * OK [UIDNEXT 1] ok
S: s1 OK [READ-ONLY] done
`;
    expect(ids(check(both))).toEqual(['server:select-missing-response']);
  });

  test('after a CONDSTORE enabling command, HIGHESTMODSEQ or NOMODSEQ', () => {
    const sel = SELECTED.split('C: f1')[0].replace('C: s1 SELECT INBOX', 'C: s1 SELECT INBOX (CONDSTORE)');
    expect(ids(check(sel))).toEqual(['server:select-modseq-missing']);
    expect(ids(check(sel.replace('S: s1 OK', 'S: * OK [HIGHESTMODSEQ 5] ok\nS: s1 OK')))).toEqual([]);
    expect(ids(check(sel.replace('S: s1 OK', 'S: * OK [NOMODSEQ] ok\nS: s1 OK')))).toEqual([]);
  });

  test('a failed SELECT needs nothing', () => {
    expect(ids(check(REV1_LOGIN + `
C: s1 SELECT nosuch
S: s1 NO Mailbox does not exist
`))).toEqual([]);
  });
});

const CONDSTORE = REV1_LOGIN + `
C: s1 SELECT INBOX (CONDSTORE)
S: * FLAGS (\\Seen)
S: * OK [PERMANENTFLAGS (\\Seen)] ok
S: * 2 EXISTS
S: * 0 RECENT
S: * OK [UIDVALIDITY 5] ok
S: * OK [UIDNEXT 3] ok
S: * OK [HIGHESTMODSEQ 50] ok
S: s1 OK [READ-WRITE] done
C: f1 FETCH 1:2 (UID FLAGS MODSEQ)
S: * 1 FETCH (UID 1 FLAGS () MODSEQ (40))
S: * 2 FETCH (UID 2 FLAGS () MODSEQ (50))
S: f1 OK done
`;

describe('CONDSTORE (RFC 7162 §3.1)', () => {
  test('a STORE raises MODSEQ: clean', () => {
    expect(ids(check(CONDSTORE + `
C: st STORE 1 +FLAGS (\\Seen)
S: * 1 FETCH (FLAGS (\\Seen) MODSEQ (51))
S: st OK done
`))).toEqual([]);
  });

  test('MODSEQ of a message never goes down', () => {
    expect(ids(check(CONDSTORE + `
C: st STORE 1 +FLAGS (\\Seen)
S: * 1 FETCH (FLAGS (\\Seen) MODSEQ (39))
S: st OK done
`))).toEqual(['server:modseq-decreased']);
  });

  test('HIGHESTMODSEQ not below a MODSEQ seen', () => {
    expect(ids(check(CONDSTORE + `
C: n1 NOOP
S: * OK [HIGHESTMODSEQ 45] ok
S: n1 OK done
`))).toEqual(['server:highestmodseq-below-modseq']);
  });

  test('flag updates carry MODSEQ once the client is CONDSTORE-aware', () => {
    expect(ids(check(CONDSTORE + `
C: n1 NOOP
S: * 2 FETCH (FLAGS (\\Seen))
S: n1 OK done
`))).toEqual(['server:fetch-without-modseq']);
    // Not CONDSTORE-aware: nothing asked.
    expect(ids(check(SELECTED + `
C: n1 NOOP
S: * 2 FETCH (FLAGS (\\Seen))
S: n1 OK done
`))).toEqual([]);
  });
});

describe('static data (RFC 9051 §6.4.5)', () => {
  const sizes = (a: number, b: number) => SELECTED + `
C: f2 FETCH 1 (UID RFC822.SIZE INTERNALDATE)
S: * 1 FETCH (UID 10 RFC822.SIZE ${a} INTERNALDATE "17-Jul-1996 02:44:25 -0700")
S: f2 OK done
C: f3 FETCH 1 (RFC822.SIZE)
S: * 1 FETCH (RFC822.SIZE ${b})
S: f3 OK done
`;
  test('RFC822.SIZE of one UID never changes', () => {
    expect(ids(check(sizes(300, 300)))).toEqual([]);
    const f = check(sizes(300, 301));
    expect(ids(f)).toEqual(['server:static-changed']);
    expect(f[0].message).toContain('RFC822.SIZE of UID 10');
  });

  test('ENVELOPE of a message (UID not known) never changes', () => {
    const env = (subject: string) => `(NIL "${subject}" NIL NIL NIL NIL NIL NIL NIL NIL)`;
    const t = REV1_LOGIN + `
C: s1 SELECT INBOX
S: * FLAGS (\\Seen)
S: * OK [PERMANENTFLAGS (\\Seen)] ok
S: * 1 EXISTS
S: * 0 RECENT
S: * OK [UIDVALIDITY 5] ok
S: * OK [UIDNEXT 2] ok
S: s1 OK done
C: f1 FETCH 1 ENVELOPE
S: * 1 FETCH (ENVELOPE ${env('a')})
S: f1 OK done
C: f2 FETCH 1 ENVELOPE
S: * 1 FETCH (ENVELOPE ${env('b')})
S: f2 OK done
`;
    expect(ids(check(t))).toEqual(['server:static-changed']);
  });

  test('across connections to the same user, mailbox and UIDVALIDITY', () => {
    const conn = (id: string, size: number) => transcript(SELECTED + `
C: f2 FETCH 1 (UID RFC822.SIZE)
S: * 1 FETCH (UID 10 RFC822.SIZE ${size})
S: f2 OK done
`, { connection: id, info: { server: { address: '127.0.0.1', port: 143 } } });
    const f = checkEvents([...conn('c1', 300), ...conn('c2', 301)]).findings;
    expect(ids(f)).toEqual(['server:cross-static-changed']);
    expect(f[0].connection).toBe('c2');
    expect(ids(checkEvents([...conn('c1', 300), ...conn('c2', 300)]).findings)).toEqual([]);
    // Another user's INBOX may well differ.
    const other = transcript((SELECTED + `
C: f2 FETCH 1 (UID RFC822.SIZE)
S: * 1 FETCH (UID 10 RFC822.SIZE 999)
S: f2 OK done
`).replace('LOGIN alice', 'LOGIN bob'), { connection: 'c3', info: { server: { address: '127.0.0.1', port: 143 } } });
    expect(ids(checkEvents([...conn('c1', 300), ...other]).findings)).toEqual([]);
  });
});

describe('the end (RFC 9051 §6.1.3, §7.1.5)', () => {
  test('LOGOUT: BYE, then the tagged OK', () => {
    expect(ids(check(SELECTED + `
C: z LOGOUT
S: * BYE Logging out
S: z OK Logout completed.
-- close
`))).toEqual([]);
    expect(ids(check(SELECTED + `
C: z LOGOUT
S: z OK Logout completed.
`))).toEqual(['server:logout-no-bye']);
    expect(ids(check(SELECTED + `
C: z LOGOUT
S: * BYE Logging out
`))).toEqual(['server:tag-unanswered']);
  });

  test('nothing after BYE', () => {
    expect(ids(check(SELECTED + `
C: z LOGOUT
S: * BYE Logging out
S: * 1 FETCH (FLAGS ())
S: z OK Logout completed.
`))).toEqual(['server:data-after-bye']);
  });
});
