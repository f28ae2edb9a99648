import { describe, test, expect } from 'vitest';
import { SessionTracker } from '../../src/session/tracker.js';
import { MailboxState } from '../../src/session/mailbox.js';
import { fingerprint } from '../../src/session/fingerprint.js';
import { transcript } from './transcript.js';
import { SELECTED } from './helpers.js';

function track(text: string): SessionTracker {
  const t = new SessionTracker();
  for (const ev of transcript(text)) t.apply(ev);
  return t;
}

describe('SessionTracker', () => {
  test('greeting, capabilities, login, select: the view', () => {
    const t = track(SELECTED);
    expect(t.state).toBe('selected');
    expect(t.greeted).toBe(true);
    expect(t.user).toBe('alice');
    expect(t.capabilities?.has('MOVE')).toBe(true);
    expect(t.version).toBe('imap4rev1');
    const box = t.mailbox!;
    expect(box).toMatchObject({ name: 'INBOX', count: 3, uidValidity: 1700000000, uidNext: 13, opening: false, readOnly: false });
    expect([1, 2, 3].map((s) => box.uidAt(s))).toEqual([10, 11, 12]);
    expect(box.seqOfUid(11)).toBe(2);
    expect(box.seqOfUid(13)).toBeUndefined();
    expect(t.inFlight.size).toBe(0);
  });

  test('capabilities are forgotten after STARTTLS and after LOGIN without a CAPABILITY code', () => {
    const t = track(`
S: * OK [CAPABILITY IMAP4rev1 STARTTLS LOGINDISABLED] ready
C: a1 STARTTLS
S: a1 OK go
`);
    expect(t.capabilities).toBeUndefined();
    expect(t.lastCapabilities?.has('STARTTLS')).toBe(true);
    const u = track(`
S: * OK [CAPABILITY IMAP4rev1 AUTH=PLAIN] ready
C: a1 LOGIN a b
S: a1 OK in
`);
    expect(u.state).toBe('authenticated');
    expect(u.capabilities).toBeUndefined();
  });

  test('ENABLE, PREAUTH, BYE, in-flight tags and the continuation due', () => {
    const t = track(`
S: * PREAUTH [CAPABILITY IMAP4rev2 ENABLE] hi
C: e1 ENABLE QRESYNC UTF8=ACCEPT
S: * ENABLED QRESYNC
S: e1 OK done
C: i1 IDLE
S: + idling
`);
    expect(t.state).toBe('authenticated');
    expect([...t.enabled].sort()).toEqual(['CONDSTORE', 'QRESYNC']);
    expect(t.continuation).toEqual({ type: 'idle', tag: 'i1', continued: true, done: false });
    expect([...t.inFlight.keys()]).toEqual(['i1']);
    const b = track('S: * BYE too busy\n');
    expect(b.state).toBe('logout');
    expect(b.bye).toBe(true);
  });

  test('EXPUNGE and VANISHED renumber; a failed SELECT leaves no mailbox', () => {
    const t = track(SELECTED + `
C: e1 EXPUNGE
S: * 1 EXPUNGE
S: e1 OK done
`);
    expect(t.mailbox!.count).toBe(2);
    expect([t.mailbox!.uidAt(1), t.mailbox!.uidAt(2)]).toEqual([11, 12]);
    const v = track(SELECTED + `
C: n1 NOOP
S: * VANISHED 11
S: n1 OK done
`);
    expect([v.mailbox!.count, v.mailbox!.uidAt(1), v.mailbox!.uidAt(2)]).toEqual([2, 10, 12]);
    const n = track(SELECTED + `
C: s2 SELECT nosuch
S: s2 NO no such mailbox
`);
    expect(n.mailbox).toBeUndefined();
    expect(n.state).toBe('authenticated');
  });

  test('a million messages with UID, MODSEQ and the four static items hold 28 bytes each', () => {
    const n = 1_000_000;
    const box = new MailboxState('INBOX', false);
    box.exists(n);
    for (let s = 1; s <= n; s++) {
      box.setUid(s, s * 2);
      box.setModseq(s, BigInt(s));
    }
    for (const item of ['ENVELOPE', 'BODYSTRUCTURE', 'RFC822.SIZE', 'INTERNALDATE'] as const) box.setStatic(n, item, 7);
    expect(box.heldBytes()).toBe(n * (4 + 8 + 16));
    expect(box.seqOfUid(2 * 777_777)).toBe(777_777);
    // UIDs alone: 4 bytes a message.
    const small = new MailboxState('INBOX', false);
    small.exists(n);
    for (let s = 1; s <= n; s++) small.setUid(s, s);
    expect(small.heldBytes()).toBe(4 * n);
  });

  test('arrays grow by doubling when EXISTS grows one by one', () => {
    const box = new MailboxState('INBOX', false);
    for (let i = 1; i <= 5000; i++) box.exists(i);
    expect(box.heldBytes()).toBeLessThanOrEqual(4 * 2 * 5000);
    expect(box.count).toBe(5000);
  });

  test('fingerprints: equal values equal, key order ignored, different values differ', () => {
    const a = { from: [{ name: 'A', mailbox: 'a', host: 'x' }], subject: 'hi', size: 3n, raw: new Uint8Array([1, 2]) };
    const b = { raw: new Uint8Array([1, 2]), size: 3n, subject: 'hi', from: [{ host: 'x', mailbox: 'a', name: 'A' }] };
    expect(fingerprint(a)).toBe(fingerprint(b));
    expect(fingerprint({ ...a, subject: 'ho' })).not.toBe(fingerprint(a));
    expect(fingerprint(['ab', 'c'])).not.toBe(fingerprint(['a', 'bc']));
    expect(fingerprint(1)).not.toBe(fingerprint('1'));
    expect(fingerprint(null)).not.toBe(0);
  });
});
