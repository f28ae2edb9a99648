/**
 * Building commands by hand: CommandInput (no tag, uid optional, sets and
 * FETCH items as strings), the `tag` and `mailboxUtf7` encoder options,
 * the matching mailbox-name decoding, and findResponse.
 */
import { describe, expect, test } from 'vitest';
import fc from 'fast-check';
import { command, sequenceSet, fetchAtt } from '../arbitraries/commands.js';
import { serializeCommand, encodeCommand } from '../../src/codec/encode-command.js';
import { parseCommand } from '../../src/codec/parse-command.js';
import { toCommand } from '../../src/codec/command-input.js';
import { utf8MailboxNames } from '../../src/codec/capabilities.js';
import { decodeMailboxName, mailboxNameOf } from '../../src/codec/mailbox-names.js';
import { findResponse, findResponses } from '../../src/util/find-response.js';
import { formatSequenceSet } from '../../src/util/sequence-set.js';
import { Writer } from '../../src/wire/writer.js';
import { writeFetchAtt } from '../../src/grammar/fetch-command.js';
import { ImapEncodeError } from '../../src/wire/errors.js';
import type { Command } from '../../src/model/command.js';
import type { CommandInput, CommandInputOf } from '../../src/model/command-input.js';
import type { Response } from '../../src/model/response.js';
import { text } from './helpers.js';

const s = (c: CommandInput, o?: Parameters<typeof serializeCommand>[1]) => text(serializeCommand(c, o));

describe('CommandInput and the tag option', () => {
  test('a command without its tag, the tag given to the encoder', () => {
    expect(s({ type: 'NOOP' }, { tag: 'A1' })).toBe('A1 NOOP\r\n');
    expect(s({ type: 'LOGIN', userid: 'fred', password: 'pass word' }, { tag: 'a2' })).toBe('a2 LOGIN fred "pass word"\r\n');
    const frags = encodeCommand({ type: 'APPEND', mailbox: 'INBOX', messages: [{ data: { type: 'literal', data: new Uint8Array([104, 105]), binary: false } }] }, { tag: 'a3' });
    expect(frags.map((f) => text(f.bytes))).toEqual(['a3 APPEND INBOX {2}\r\n', 'hi', '\r\n']);
  });

  test('the option wins over a tag in the value; a full Command is an input too', () => {
    const full: Command = { tag: 'X1', type: 'CAPABILITY' };
    expect(s(full)).toBe('X1 CAPABILITY\r\n');
    expect(s(full, { tag: 'X2' })).toBe('X2 CAPABILITY\r\n');
  });

  test('no tag at all is an ImapEncodeError naming it', () => {
    expect(() => serializeCommand({ type: 'NOOP' })).toThrow(ImapEncodeError);
    expect(() => serializeCommand({ type: 'NOOP' })).toThrow(/tag/);
  });

  test('uid is optional where it is a flag', () => {
    expect(s({ type: 'FETCH', set: [1], items: 'FAST' }, { tag: 'a' })).toBe('a FETCH 1 FAST\r\n');
    expect(s({ type: 'COPY', uid: true, set: [1], mailbox: 'Trash' }, { tag: 'a' })).toBe('a UID COPY 1 Trash\r\n');
    expect(s({ type: 'SEARCH', criteria: [{ type: 'ALL' }] }, { tag: 'a' })).toBe('a SEARCH ALL\r\n');
    expect(toCommand({ type: 'STORE', set: '2', action: 'add', silent: true, flags: ['\\Seen'] }, { tag: 't' })).toEqual({
      tag: 't', type: 'STORE', uid: false, set: [2], action: 'add', silent: true, flags: ['\\Seen'],
    });
  });

  test('the input types: one variant per command, optional tag and uid', () => {
    const sel: CommandInputOf<'SELECT'> = { type: 'SELECT', mailbox: 'INBOX' };
    const fetch: CommandInputOf<'FETCH'> = { type: 'FETCH', set: '1:*', items: ['UID', 'FLAGS'] };
    // @ts-expect-error a SELECT needs its mailbox
    const bad: CommandInputOf<'SELECT'> = { type: 'SELECT' };
    // @ts-expect-error NOOP has no set (an excess property on a literal)
    const bad2: CommandInput = { type: 'NOOP', set: '1' };
    expect([sel, fetch, bad, bad2].length).toBe(4);
  });
});

describe('sequence sets as strings', () => {
  test('parsed with the sequence-set reader', () => {
    expect(s({ type: 'FETCH', set: '1:*', items: ['UID'] }, { tag: 'a' })).toBe('a FETCH 1:* UID\r\n');
    expect(s({ type: 'STORE', uid: true, set: '1,3:5', action: 'remove', silent: false, flags: ['\\Deleted'] }, { tag: 'a' }))
      .toBe('a UID STORE 1,3:5 -FLAGS (\\Deleted)\r\n');
    expect(s({ type: 'UID EXPUNGE', set: '7:9' }, { tag: 'a' })).toBe('a UID EXPUNGE 7:9\r\n');
    expect(s({ type: 'MOVE', set: '$', mailbox: 'Archive' }, { tag: 'a' })).toBe('a MOVE $ Archive\r\n');
  });

  test('a bad string is an ImapEncodeError naming the field', () => {
    for (const bad of ['', '0', '1:', 'a', '1,,2', '1 2']) {
      expect(() => serializeCommand({ type: 'FETCH', set: bad, items: ['UID'] }, { tag: 'a' })).toThrow(/^set: /);
    }
  });

  test('property: the string form writes what the model form writes', () => {
    fc.assert(
      fc.property(sequenceSet, (set) => {
        const str = typeof set === 'string' ? set : formatSequenceSet(set);
        expect(s({ type: 'COPY', set: str, mailbox: 'x' }, { tag: 'a' })).toBe(s({ type: 'COPY', set, mailbox: 'x' }, { tag: 'a' }));
      }),
    );
  });
});

describe('FETCH items as names', () => {
  test('bare names, sections, partials and macros', () => {
    expect(s({ type: 'FETCH', uid: true, set: '1:*', items: ['UID', 'FLAGS', 'BODY.PEEK[]'] }, { tag: 'a' }))
      .toBe('a UID FETCH 1:* (UID FLAGS BODY.PEEK[])\r\n');
    expect(s({ type: 'FETCH', set: '1', items: ['uid', { type: 'ENVELOPE' }, 'BODY.PEEK[HEADER.FIELDS (Subject From)]<0.512>'] }, { tag: 'a' }))
      .toBe('a FETCH 1 (UID ENVELOPE BODY.PEEK[HEADER.FIELDS (Subject From)]<0.512>)\r\n');
    expect(s({ type: 'FETCH', set: '1', items: 'FAST' }, { tag: 'a' })).toBe('a FETCH 1 FAST\r\n');
    expect(s({ type: 'FETCH', set: '1', items: 'full' }, { tag: 'a' })).toBe('a FETCH 1 FULL\r\n');
    expect(s({ type: 'FETCH', set: '1', items: '(UID BINARY.PEEK[1]<0.100>)' }, { tag: 'a' })).toBe('a FETCH 1 (UID BINARY.PEEK[1]<0.100>)\r\n');
    expect(toCommand({ type: 'FETCH', set: '1', items: ['X-GM-LABELS', 'BINARY.SIZE[2]'] }, { tag: 'a' })).toMatchObject({
      items: [{ type: 'X-GM-LABELS' }, { type: 'BINARY.SIZE[]', part: [2] }],
    });
  });

  test('a bad name is an ImapEncodeError naming the element', () => {
    expect(() => serializeCommand({ type: 'FETCH', set: '1', items: ['UID', 'BODY['] }, { tag: 'a' })).toThrow(/^items\[1\]: /);
    expect(() => serializeCommand({ type: 'FETCH', set: '1', items: ['UID FLAGS'] }, { tag: 'a' })).toThrow(/^items\[0\]: /);
    expect(() => serializeCommand({ type: 'FETCH', set: '1', items: '(UID' }, { tag: 'a' })).toThrow(/^items: /);
  });

  test('property: each fetch-att written as a string reads back to the same item', () => {
    fc.assert(
      fc.property(fc.array(fetchAtt, { minLength: 1, maxLength: 4 }), (atts) => {
        const names = atts.map((a) => {
          const w = new Writer();
          writeFetchAtt(w, a);
          return text(w.toBytes());
        });
        expect(toCommand({ type: 'FETCH', set: [1], items: names }, { tag: 'a' })).toEqual({ tag: 'a', type: 'FETCH', uid: false, set: [1], items: atts });
      }),
    );
  });
});

describe('property: an input without its tag writes what the tagged command writes', () => {
  test('any command', () => {
    fc.assert(
      fc.property(command, (c) => {
        const { tag, ...rest } = c;
        expect(s(rest as CommandInput, { tag })).toBe(s(c));
      }),
      { numRuns: 300 },
    );
  });
});

describe('mailbox names in modified UTF-7 (mailboxUtf7)', () => {
  const rev1 = { capabilities: ['IMAP4rev1', 'LITERAL+', 'UTF8=ACCEPT'] };
  test('encoded unless UTF-8 names are in effect', () => {
    expect(s({ type: 'SELECT', mailbox: 'Entwürfe' }, { tag: 'a', mailboxUtf7: true, ...rev1 })).toBe('a SELECT Entw&APw-rfe\r\n');
    expect(s({ type: 'SELECT', mailbox: 'Entwürfe' }, { tag: 'a', mailboxUtf7: true, ...rev1, enabled: ['UTF8=ACCEPT'] })).toBe('a SELECT "Entwürfe"\r\n');
    expect(s({ type: 'SELECT', mailbox: 'Entwürfe' }, { tag: 'a', mailboxUtf7: true, capabilities: ['IMAP4rev2'] })).toBe('a SELECT "Entwürfe"\r\n');
    expect(s({ type: 'SELECT', mailbox: 'Entwürfe' }, { tag: 'a', mailboxUtf7: true, capabilities: ['IMAP4rev1', 'IMAP4rev2'] })).toBe('a SELECT Entw&APw-rfe\r\n');
    expect(s({ type: 'SELECT', mailbox: 'Entwürfe' }, { tag: 'a', mailboxUtf7: true, capabilities: ['IMAP4rev1', 'IMAP4rev2'], enabled: ['IMAP4rev2'] })).toBe('a SELECT "Entwürfe"\r\n');
    expect(s({ type: 'SELECT', mailbox: 'Entwürfe' }, { tag: 'a', mailboxUtf7: true, utf8: true })).toBe('a SELECT "Entwürfe"\r\n');
    // Without the option names are written as they are (here as a literal: no UTF-8 in quoted strings).
    expect(s({ type: 'SELECT', mailbox: 'Entwürfe' }, { tag: 'a' })).toBe('a SELECT {9}\r\nEntwürfe\r\n');
  });

  test('every mailbox field: mailbox, RENAME from/to, LIST and LSUB reference and patterns', () => {
    const o = { tag: 't', mailboxUtf7: true };
    expect(s({ type: 'RENAME', from: 'A&B', to: '日本語' }, o)).toBe('t RENAME A&-B &ZeVnLIqe-\r\n');
    expect(s({ type: 'LIST', reference: 'Entwürfe/', patterns: ['%', 'Träume*'] }, o)).toBe('t LIST Entw&APw-rfe/ (% Tr&AOQ-ume*)\r\n');
    expect(s({ type: 'LSUB', reference: '', pattern: 'Ü*' }, o)).toBe('t LSUB "" &ANw-*\r\n');
    expect(s({ type: 'COPY', uid: true, set: '1', mailbox: 'Entwürfe' }, o)).toBe('t UID COPY 1 Entw&APw-rfe\r\n');
    expect(s({ type: 'STATUS', mailbox: 'Entwürfe', items: ['MESSAGES'] }, o)).toBe('t STATUS Entw&APw-rfe (MESSAGES)\r\n');
    expect(parseCommand(serializeCommand({ type: 'APPEND', mailbox: 'Entwürfe', messages: [{ data: { type: 'literal', data: new Uint8Array([120]), binary: false } }] }, o)))
      .toMatchObject({ mailbox: 'Entw&APw-rfe' });
  });

  test('utf8MailboxNames: enabled, or a server that speaks IMAP4rev2 only', () => {
    expect(utf8MailboxNames({})).toBe(false);
    expect(utf8MailboxNames({ capabilities: ['IMAP4rev1', 'UTF8=ACCEPT'] })).toBe(false);
    expect(utf8MailboxNames({ enabled: ['utf8=accept'] })).toBe(true);
    expect(utf8MailboxNames({ enabled: ['IMAP4rev2'] })).toBe(true);
    expect(utf8MailboxNames({ enabled: ['CONDSTORE'] })).toBe(false);
    expect(utf8MailboxNames({ capabilities: ['imap4rev2', 'IDLE'] })).toBe(true);
  });

  test('decoding LIST, LSUB and STATUS names, and the round trip with the encoder', () => {
    expect(decodeMailboxName('Entw&APw-rfe')).toBe('Entwürfe');
    expect(decodeMailboxName('A&-B')).toBe('A&B');
    expect(decodeMailboxName('Entw&APw-rfe', { enabled: ['UTF8=ACCEPT'] })).toBe('Entw&APw-rfe');
    expect(decodeMailboxName('Entwürfe')).toBe('Entwürfe'); // not modified UTF-7: kept
    expect(mailboxNameOf({ type: 'LSUB', attributes: [], delimiter: '/', mailbox: '&ZeVnLIqe-' })).toBe('日本語');
    expect(mailboxNameOf({ type: 'STATUS', mailbox: 'Tr&AOQ-ume', items: [] })).toBe('Träume');
    fc.assert(
      fc.property(fc.string({ unit: fc.constantFrom('a', '&', '-', 'ü', '日', '/', ' ', '😀'), minLength: 1, maxLength: 10 }), (name) => {
        const cmd = parseCommand(serializeCommand({ type: 'SELECT', mailbox: name }, { tag: 'a', mailboxUtf7: true }));
        expect(decodeMailboxName((cmd as { mailbox: string }).mailbox)).toBe(name);
      }),
    );
  });
});

describe('findResponse / findResponses', () => {
  const list: Response[] = [
    { type: 'FLAGS', flags: ['\\Seen'] },
    { type: 'EXISTS', count: 23 },
    { type: 'RECENT', count: 1 },
    { type: 'LIST', attributes: [], delimiter: '/', mailbox: 'INBOX' },
    { type: 'LSUB', attributes: [], delimiter: '/', mailbox: 'Sent' },
    { type: 'LIST', attributes: [], delimiter: '/', mailbox: 'Trash' },
  ];
  test('the first of a type, narrowed', () => {
    const e = findResponse(list, 'EXISTS');
    const count: number | undefined = e?.count;
    expect(count).toBe(23);
    expect(findResponse(list, 'RECENT')?.count).toBe(1);
    expect(findResponse(list, 'EXPUNGE')).toBeUndefined();
  });
  test('all of a type, in order; LIST does not match LSUB', () => {
    expect(findResponses(list, 'LIST').map((l) => l.mailbox)).toEqual(['INBOX', 'Trash']);
    expect(findResponses(list, 'LSUB').map((l) => l.mailbox)).toEqual(['Sent']);
    expect(findResponses(list, 'FETCH')).toEqual([]);
  });
});
