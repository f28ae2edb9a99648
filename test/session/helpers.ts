import { Checker, type CheckerOptions } from '../../src/session/checker.js';
import type { Finding } from '../../src/session/finding.js';
import type { ConversationEvent } from '../../src/capture/types.js';
import { transcript, type TranscriptOptions } from './transcript.js';

/** Every finding of a list of events (pushed, then end()). */
export function checkEvents(events: ConversationEvent[], options?: CheckerOptions): { findings: Finding[]; checker: Checker } {
  const checker = new Checker(options);
  const findings: Finding[] = [];
  for (const ev of events) findings.push(...checker.push(ev));
  findings.push(...checker.end());
  return { findings, checker };
}

/** The findings of one transcript. */
export function check(text: string, options?: CheckerOptions & TranscriptOptions): Finding[] {
  return checkEvents(transcript(text, options), options).findings;
}

/** `side:rule` of each finding, for compact assertions. */
export function ids(findings: readonly Finding[]): string[] {
  return findings.map((f) => `${f.side}:${f.rule}`);
}

/** A Dovecot-like IMAP4rev1 greeting, login and SELECT of INBOX with 3 messages (UIDs 10, 11, 12 after FETCH). */
export const REV1_LOGIN = `
S: * OK [CAPABILITY IMAP4rev1 LITERAL+ IDLE UIDPLUS CONDSTORE QRESYNC ENABLE AUTH=PLAIN] ready
C: a1 LOGIN alice secret
S: a1 OK [CAPABILITY IMAP4rev1 LITERAL+ IDLE UIDPLUS CONDSTORE QRESYNC ENABLE MOVE] Logged in
`;

export const SELECT_INBOX = `
C: s1 SELECT INBOX
S: * FLAGS (\\Answered \\Flagged \\Deleted \\Seen \\Draft $Forwarded)
S: * OK [PERMANENTFLAGS (\\Answered \\Flagged \\Deleted \\Seen \\Draft $Forwarded \\*)] Flags permitted.
S: * 3 EXISTS
S: * 0 RECENT
S: * OK [UIDVALIDITY 1700000000] UIDs valid
S: * OK [UIDNEXT 13] Predicted next UID
S: s1 OK [READ-WRITE] Select completed.
C: f1 FETCH 1:3 (UID FLAGS)
S: * 1 FETCH (UID 10 FLAGS (\\Seen))
S: * 2 FETCH (UID 11 FLAGS ())
S: * 3 FETCH (UID 12 FLAGS ($Forwarded))
S: f1 OK Fetch completed.
`;

export const SELECTED = REV1_LOGIN + SELECT_INBOX;
