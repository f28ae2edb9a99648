/**
 * The client session against a scripted server, on generated sessions:
 * fast-check picks commands (NOOP, LIST, STATUS, FETCH, SEARCH, APPEND with
 * a synchronizing literal), the answers each gets (OK / NO / BAD, its own
 * untagged data, data nobody asked for) and where the server's bytes are
 * cut into chunks. The server reads the session's bytes with
 * CommandDecoder and answers each command as it arrives (`+` or NO for a
 * literal). Property: every command completes as planned, with exactly its
 * own untagged responses, the rest comes as events, and any chunking gives
 * the same completions.
 */
import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import { ClientSession, CommandDecoder, parseResponse, type CommandInput, type CommandHandle, type ClientSessionEvent, type Response } from '../../src/index.js';
import { chunk } from '../bytes.js';

const enc = new TextEncoder();

interface Op {
  input: CommandInput;
  status: 'OK' | 'NO' | 'BAD';
  /** Untagged lines the command asked for. */
  own: string[];
  /** Untagged lines nobody asked for, sent before the command's own. */
  other: string[];
  /** APPEND: the server refuses the literal instead of sending `+`. */
  refuseLiteral?: boolean;
}

const status = fc.constantFrom<'OK' | 'NO' | 'BAD'>('OK', 'OK', 'OK', 'NO', 'BAD');
const name = fc.constantFrom('INBOX', 'Sent', 'a b', 'Entw&APw-rfe');
const noise = fc.array(fc.constantFrom('* 9 EXISTS', '* 4 RECENT', '* 77 FETCH (FLAGS (\\Seen))', '* OK [ALERT] hello'), { maxLength: 2 });

const op: fc.Arbitrary<Op> = fc.oneof(
  fc.record({ status, other: noise }).map(({ status, other }) => ({ input: { type: 'NOOP' } as CommandInput, status, own: [], other })),
  fc.record({ status, other: noise, boxes: fc.uniqueArray(name, { maxLength: 3 }) }).map(({ status, other, boxes }) => ({
    input: { type: 'LIST', reference: '', patterns: ['*'] } as CommandInput,
    status,
    own: boxes.map((b) => `* LIST () "/" ${b.includes(' ') ? `"${b}"` : b}`),
    other,
  })),
  fc.record({ status, other: noise, box: name, n: fc.nat(1000) }).map(({ status, other, box, n }) => ({
    input: { type: 'STATUS', mailbox: box, items: ['MESSAGES'] } as CommandInput,
    status,
    own: status === 'OK' ? [`* STATUS ${box.includes(' ') ? `"${box}"` : box} (MESSAGES ${n})`] : [],
    other,
  })),
  fc.record({ status, other: noise, seqs: fc.uniqueArray(fc.integer({ min: 1, max: 20 }), { minLength: 1, maxLength: 4 }) }).map(({ status, other, seqs }) => ({
    input: { type: 'FETCH', set: seqs.join(','), items: ['FLAGS'] } as CommandInput,
    status,
    own: status === 'OK' ? seqs.map((s) => `* ${s} FETCH (FLAGS ())`) : [],
    other,
  })),
  fc.record({ status, other: noise, ids: fc.array(fc.integer({ min: 1, max: 99 }), { maxLength: 4 }) }).map(({ status, other, ids }) => ({
    input: { type: 'SEARCH', uid: true, criteria: [{ type: 'ALL' }] } as CommandInput,
    status,
    own: status === 'OK' ? [`* SEARCH${ids.map((i) => ` ${i}`).join('')}`] : [],
    other,
  })),
  fc.record({ status, refuse: fc.boolean(), size: fc.integer({ min: 1, max: 300 }) }).map(({ status, refuse, size }) => ({
    input: { type: 'APPEND', mailbox: 'INBOX', messages: [{ data: { type: 'literal', data: new Uint8Array(size).fill(0x61), binary: false } }] } as CommandInput,
    status: refuse ? ('NO' as const) : status,
    own: [],
    other: [],
    refuseLiteral: refuse,
  })),
);

interface Outcome {
  handles: CommandHandle[];
  events: ClientSessionEvent[];
  serverStream: Uint8Array[];
}

/** Run the plan; `cut` splits each batch of server bytes before the session receives it. */
function play(ops: Op[], cut: (b: Uint8Array) => Uint8Array[]): Outcome {
  const s = new ClientSession({ mailboxUtf7: false });
  const events: ClientSessionEvent[] = [];
  const server = new CommandDecoder({ authenticated: true, capabilities: ['IMAP4rev1'] });
  const byTag = new Map<string, Op>();
  const serverStream: Uint8Array[] = [];
  const handles = ops.map((o) => {
    const h = s.command(o.input);
    byTag.set(h.tag, o);
    return h;
  });
  let pending = enc.encode('* OK [CAPABILITY IMAP4rev1] ready\r\n');
  for (let round = 0; round < 1000 && pending.length > 0; round++) {
    serverStream.push(pending);
    for (const part of cut(pending)) events.push(...s.receive(part));
    let answer = '';
    const take = (evs: ReturnType<CommandDecoder['push']>): void => {
      for (const e of evs) {
        if (e.type === 'literal') {
          const o = byTag.get(e.tag!)!;
          if (o.refuseLiteral === true) {
            answer += `${e.tag} NO refused\r\n`;
            take(server.rejectLiteral());
          } else {
            answer += '+ go ahead\r\n';
            take(server.acceptLiteral());
          }
        } else if (e.type === 'command') {
          const o = byTag.get(e.command.tag)!;
          for (const l of [...o.other, ...o.own]) answer += `${l}\r\n`;
          answer += `${e.command.tag} ${o.status} done\r\n`;
        } else if (e.type === 'error') {
          throw new Error(`the session wrote something the server cannot read: ${e.error.message}`);
        }
      }
    };
    take(server.push(s.takeOutput()));
    pending = enc.encode(answer);
  }
  s.end();
  return { handles, events, serverStream };
}

const parse = (line: string): Response => parseResponse(`${line}\r\n`);

function summary(o: Outcome) {
  return { completions: o.handles.map((h) => [h.tag, h.error?.failure ?? 'ok', h.completion?.untagged]), events: o.events };
}

describe('ClientSession on generated sessions', () => {
  it('property: planned completions, own data to each command, the rest as events, for any chunking', () => {
    fc.assert(
      fc.property(fc.array(op, { minLength: 1, maxLength: 12 }), fc.array(fc.nat(), { maxLength: 6 }), (ops, cuts) => {
        const whole = play(ops, (b) => [b]);
        ops.forEach((o, i) => {
          const h = whole.handles[i];
          expect(h.settled).toBe(true);
          expect(h.error?.failure ?? 'ok').toBe(o.status === 'OK' ? 'ok' : o.status.toLowerCase());
          expect(h.completion?.tagged.status).toBe(o.status);
          expect(h.completion?.untagged).toEqual(o.own.map(parse));
        });
        const unsolicited = whole.events.flatMap((e) => (e.type === 'unsolicited' ? [e.response] : []));
        // The literal refused: the server answered NO where the + would have been, nothing else went astray.
        expect(unsolicited).toEqual(ops.flatMap((o) => o.other.map(parse)));
        expect(whole.events.filter((e) => e.type === 'error')).toEqual([]);
        expect(summary(play(ops, (b) => chunk(b, cuts)))).toEqual(summary(whole));
        expect(summary(play(ops, (b) => chunk(b, [-1])))).toEqual(summary(whole));
      }),
      { numRuns: 100 },
    );
  }, 60_000);
});
