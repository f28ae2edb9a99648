import { describe, expect, test } from 'vitest';
import { allExamples, extractExamples, RFC_FILES } from './rfc-examples.js';
import { parseCommand } from '../../src/codec/parse-command.js';
import { serializeCommand } from '../../src/codec/encode-command.js';
import type { Command } from '../../src/model/command.js';

/** Examples that cannot parse, with the reason (each is checked to still fail). */
const CANNOT: Record<string, string> = {
  'rfc9051:5002': 'placeholder "[...]" for the SASL data',
  'rfc9051:5006': 'placeholder "[...]"',
  'rfc9051:5036': 'placeholder "[...]"',
  'rfc9051:5039': 'placeholder "[...]"',
  'rfc5530:134': 'placeholder "[...]"',
  'rfc5530:138': 'placeholder "[...]"',
  'rfc5530:242': 'placeholder "[...]"',
  'rfc5530:245': 'placeholder "[...]"',
  'rfc8474:218': 'placeholder "[...]"',
  'rfc4314:817': 'placeholder "..."',
  'rfc7162:962': 'placeholder "..."',
  'rfc4959:155': 'prose "(note that ...)" on the command line',
  'rfc4959:191': 'prose "(note that ...)" on the command line',
  'rfc5182:318': '"//" comment on the command line',
  'rfc5182:358': '"//" comment on the command line',
  'rfc5819:150': 'RFC typo: no space between ")" and the reference name',
  'rfc7162:1649': 'a sequence set wrapped across lines in the RFC text (the extractor joins with a space)',
};

const examples = allExamples();

describe('command examples extracted from the RFCs', () => {
  test('every listed RFC contributes examples, and there are many', () => {
    expect(examples.length).toBeGreaterThan(500);
    for (const rfc of ['rfc9051', 'rfc3501', 'rfc7162', 'rfc4469', 'rfc5258', 'rfc3502', 'rfc5464', 'rfc4314', 'rfc9208']) {
      expect(extractExamples(rfc).length, rfc).toBeGreaterThan(0);
    }
    expect(RFC_FILES.length).toBeGreaterThan(25);
  });

  test('each parses, except the listed ones, which fail for their stated reason', () => {
    const failed: string[] = [];
    for (const e of examples) {
      const key = `${e.rfc}:${e.line}`;
      let ok = true;
      try {
        parseCommand(e.wire);
      } catch {
        ok = false;
      }
      if (ok === (key in CANNOT)) failed.push(`${key} ${ok ? 'parses but is listed' : 'fails'}: ${JSON.stringify(e.wire.slice(0, 120))}`);
    }
    expect(failed).toEqual([]);
  });

  test('each parsed example serializes to a command that parses back equal', () => {
    for (const e of examples) {
      if (`${e.rfc}:${e.line}` in CANNOT) continue;
      const c = parseCommand(e.wire);
      expect(parseCommand(serializeCommand(c)), `${e.rfc}:${e.line}`).toEqual(c);
    }
  });

  test('canonical examples reproduce their bytes', () => {
    const canonical = [
      'A142 SELECT INBOX\r\n',
      'a003 fetch 12 full\r\n',
      'A654 FETCH 2:4 (FLAGS BODY[HEADER.FIELDS (DATE FROM)])\r\n',
      'A003 STORE 2:4 +FLAGS (\\Deleted)\r\n',
      'A282 SEARCH RETURN (MIN COUNT) FLAGGED SINCE 1-Feb-1994 NOT FROM Smith\r\n',
    ];
    const norm = (s: string) => s.replace('fetch 12 full', 'FETCH 12 FULL');
    for (const s of canonical) {
      expect(new TextDecoder().decode(serializeCommand(parseCommand(s)))).toBe(norm(s));
    }
  });
});

function find(rfc: string, startsWith: string): string {
  const e = extractExamples(rfc).find((x) => x.wire.startsWith(startsWith));
  if (e === undefined) throw new Error(`no example starting ${startsWith} in ${rfc}`);
  return e.wire;
}

describe('a sample of RFC examples give the expected values', () => {
  const cases: [string, string, Command][] = [
    ['rfc9051', 'a001 LOGIN SMITH SESAME', { tag: 'a001', type: 'LOGIN', userid: 'SMITH', password: 'SESAME' }],
    ['rfc9051', 'A142 SELECT INBOX', { tag: 'A142', type: 'SELECT', mailbox: 'INBOX' }],
    ['rfc9051', 'A101 LIST "" ""', { tag: 'A101', type: 'LIST', reference: '', patterns: [''] }],
    [
      'rfc9051', 'A042 STATUS blurdybloop (UIDNEXT MESSAGES)',
      { tag: 'A042', type: 'STATUS', mailbox: 'blurdybloop', items: ['UIDNEXT', 'MESSAGES'] },
    ],
    [
      'rfc9051', 'A003 STORE 2:4 +FLAGS (\\Deleted)',
      { tag: 'A003', type: 'STORE', uid: false, set: [[2, 4]], action: 'add', silent: false, flags: ['\\Deleted'] },
    ],
    [
      'rfc9051', 'A999 UID FETCH 4827313:4828442 FLAGS',
      { tag: 'A999', type: 'FETCH', uid: true, set: [[4827313, 4828442]], items: [{ type: 'FLAGS' }] },
    ],
    [
      'rfc9051', 'A282 SEARCH RETURN (MIN COUNT) FLAGGED',
      {
        tag: 'A282', type: 'SEARCH', uid: false, return: [{ name: 'MIN' }, { name: 'COUNT' }],
        criteria: [{ type: 'FLAGGED' }, { type: 'SINCE', date: { year: 1994, month: 2, day: 1 } }, { type: 'NOT', key: { type: 'FROM', value: 'Smith' } }],
      },
    ],
    ['rfc2971', 'a023 ID ("name" "sodr" "version" "19.34"', {
      tag: 'a023', type: 'ID',
      params: [['name', 'sodr'], ['version', '19.34'], ['vendor', 'Pink Floyd Music Limited']],
    }],
    ['rfc5161', 't2 ENABLE CONDSTORE X-GOOD-IDEA', { tag: 't2', type: 'ENABLE', capabilities: ['CONDSTORE', 'X-GOOD-IDEA'] }],
    ['rfc5258', 'a3.1 LIST "" (% music/rock)', { tag: 'a3.1', type: 'LIST', reference: '', patterns: ['%', 'music/rock'] }],
    [
      'rfc9051', 'A03 AUTHENTICATE PLAIN dGVzdAB0ZXN0AHRlc3Q=',
      { tag: 'A03', type: 'AUTHENTICATE', mechanism: 'PLAIN', initialResponse: new TextEncoder().encode('test\0test\0test') },
    ],
    ['rfc4314', 'A002 SETACL INBOX/Drafts Chris +cda', { tag: 'A002', type: 'SETACL', mailbox: 'INBOX/Drafts', identifier: 'Chris', rights: '+cda' }],
    ['rfc9208', 'S0002 SETQUOTA "!partition/sda4" (STORAGE 99999999)', { tag: 'S0002', type: 'SETQUOTA', root: '!partition/sda4', limits: [{ resource: 'STORAGE', limit: 99999999n }] }],
    ['rfc6154', 't2 CREATE MySpecial (USE (\\Drafts \\Sent))', {
      tag: 't2', type: 'CREATE', mailbox: 'MySpecial', params: [{ type: 'USE', uses: ['\\Drafts', '\\Sent'] }],
    }],
    ['rfc7162', 'a103 UID STORE 6,4,8 (UNCHANGEDSINCE 12121230045)', {
      tag: 'a103', type: 'STORE', uid: true, set: [6, 4, 8], modifiers: [{ type: 'UNCHANGEDSINCE', modSeq: 12121230045n }],
      action: 'add', silent: true, flags: ['\\Deleted'],
    }],
    ['rfc7162', 's100 UID FETCH 1:* (FLAGS) (CHANGEDSINCE 12345)', {
      tag: 's100', type: 'FETCH', uid: true, set: [[1, '*']], items: [{ type: 'FLAGS' }], modifiers: [{ type: 'CHANGEDSINCE', modSeq: 12345n }],
    }],
    ['rfc5256', 'A283 SORT (SUBJECT REVERSE DATE) UTF-8 ALL', {
      tag: 'A283', type: 'SORT', uid: false, criteria: [{ key: 'SUBJECT', reverse: false }, { key: 'DATE', reverse: true }], charset: 'UTF-8', search: [{ type: 'ALL' }],
    }],
    ['rfc5256', 'A283 THREAD ORDEREDSUBJECT UTF-8 SINCE 5-MAR-2000', {
      tag: 'A283', type: 'THREAD', uid: false, algorithm: 'ORDEREDSUBJECT', charset: 'UTF-8', search: [{ type: 'SINCE', date: { year: 2000, month: 3, day: 5 } }],
    }],
    ['rfc4315', 'A003 UID EXPUNGE 3000:3002', { tag: 'A003', type: 'UID EXPUNGE', set: [[3000, 3002]] }],
    ['rfc5258', 'A04 LIST (REMOTE) "" "%" RETURN (CHILDREN)', {
      tag: 'A04', type: 'LIST', selection: [{ name: 'REMOTE' }], reference: '', patterns: ['%'], return: [{ type: 'CHILDREN' }],
    }],
  ];
  for (const [rfc, start, expected] of cases) {
    test(`${rfc}: ${start}`, () => {
      expect(parseCommand(find(rfc, start))).toEqual(expected);
    });
  }

  test('rfc3502 MULTIAPPEND: two messages with their literals', () => {
    const c = parseCommand(find('rfc3502', 'A003 APPEND saved-messages (\\Seen)'));
    expect(c.type).toBe('APPEND');
    if (c.type !== 'APPEND') return;
    expect(c.messages.length).toBe(2);
    expect(c.messages[0].flags).toEqual(['\\Seen']);
    const body = (i: number) => new TextDecoder().decode(c.messages[i].data.type === 'literal' ? c.messages[i].data.data : new Uint8Array());
    expect(body(0)).toMatch(/^Date: Mon, 7 Feb 1994 21:52:25[\s\S]*Hello Joe, do you think we can meet at 3:30 tomorrow\?\r\n$/);
    expect(c.messages[1].date).toEqual({ year: 1994, month: 2, day: 7, hour: 22, minute: 43, second: 4, zone: '-0800' });
    expect(body(1)).toContain('3:30 is fine with me.');
  });

  test('rfc4469 CATENATE: URL and TEXT parts', () => {
    const c = parseCommand(find('rfc4469', 'A003 APPEND Drafts (\\Seen \\Draft $MDNSent) CATENATE (URL'));
    if (c.type !== 'APPEND' || c.messages[0].data.type !== 'CATENATE') throw new Error('not a CATENATE');
    const types = c.messages[0].data.parts.map((p) => p.type);
    expect(types[0]).toBe('URL');
    expect(types).toContain('TEXT');
    expect(c.messages[0].flags).toEqual(['\\Seen', '\\Draft', '$MDNSent']);
  });

});
