/**
 * The real-client captures recorded against the project's Dovecot
 * (examples/captures: mbsync with COMPRESS=DEFLATE, fetchmail; see
 * test/capture/record.sh), through the conversation decoder with strict
 * validation and the checker: clean on both sides.
 */
import { describe, test, expect } from 'vitest';
import { readFileSync } from 'node:fs';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { decodeConversation, type ConversationEvent } from '../../src/capture/index.js';
import { nodeInflater } from '../capture/conversation-helpers.js';
import { checkEvents } from './helpers.js';
import { summaryLine } from '../../src/session/checker.js';

const EXAMPLES = join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'examples', 'captures');

async function events(name: string): Promise<ConversationEvent[]> {
  const out: ConversationEvent[] = [];
  const bytes = new Uint8Array(readFileSync(join(EXAMPLES, name)));
  for await (const ev of decodeConversation(bytes, { capture: { name }, inflater: nodeInflater, validate: {} })) out.push(ev);
  return out;
}

describe('real clients against Dovecot', () => {
  for (const name of ['mbsync.pcap', 'fetchmail.pcap', 'fetchmail.tcpflow.txt', 'fetchmail.transcript.txt']) {
    test(`${name}: no findings`, async () => {
      const evs = await events(name);
      expect(evs.filter((e) => e.type === 'command').length).toBeGreaterThan(3);
      const { findings, checker } = checkEvents(evs);
      expect(findings.map((f) => `${f.side}:${f.rule} ${f.tag ?? ''} ${f.message}`)).toEqual([]);
      const [s] = checker.summaries();
      expect(summaryLine(s)).toBe('client: 0 findings; server: 0 findings');
      expect(s.notChecked).toEqual([]);
      expect(checker.tracker(s.connection)!.greeted).toBe(true);
      // The session was followed to its end.
      expect(checker.tracker(s.connection)!.state).toBe('logout');
    });
  }
});

describe('fault scenarios through the conversation decoder, blamed on the right side', () => {
  const run = async (text: string) => {
    const out: ConversationEvent[] = [];
    for await (const ev of decodeConversation(new TextEncoder().encode(text), { capture: { name: 'faults.txt' }, validate: {} })) out.push(ev);
    return checkEvents(out).findings.map((f) => `${f.side}:${f.rule}`);
  };
  const head = [
    'S: * OK [CAPABILITY IMAP4rev1 LITERAL+ UIDPLUS] ready',
    'C: a1 LOGIN alice secret',
    'S: a1 OK Logged in',
    'C: s1 SELECT INBOX',
    'S: * FLAGS (\\Seen)',
    'S: * OK [PERMANENTFLAGS (\\Seen)] ok',
    'S: * 2 EXISTS',
    'S: * 0 RECENT',
    'S: * OK [UIDVALIDITY 9] ok',
    'S: * OK [UIDNEXT 3] ok',
    'S: s1 OK [READ-WRITE] done',
  ];
  test('a server that shrinks EXISTS, expunges during FETCH and answers a tag twice', async () => {
    expect(await run([...head,
      'C: f1 FETCH 1:2 (UID FLAGS)',
      'S: * 1 FETCH (UID 1 FLAGS ())',
      'S: * 1 EXPUNGE',
      'S: f1 OK done',
      'S: f1 OK done',
      'C: n1 NOOP',
      'S: * 0 EXISTS',
      'S: n1 OK done',
      'C: z LOGOUT',
      'S: * BYE bye',
      'S: z OK bye',
      '',
    ].join('\n'))).toEqual(['server:expunge-during-seq-command', 'server:tag-answered-twice', 'server:exists-decreased']);
  });

  test('a client that fetches before SELECT and reuses a tag in flight', async () => {
    expect(await run([
      'S: * OK [CAPABILITY IMAP4rev1] ready',
      'C: a1 LOGIN alice secret',
      'S: a1 OK Logged in',
      'C: f1 FETCH 1 FLAGS',
      'S: f1 BAD No mailbox selected',
      'C: n1 NOOP',
      'C: n1 NOOP',
      'S: n1 OK done',
      'S: n1 OK done',
      '',
    ].join('\n'))).toEqual(['client:state-command', 'client:tag-reused']);
  });
});
