import { describe, it, expect } from 'vitest';
import { parseResponse } from '../../src/codec/parse-response.js';

// `* OK `, `* BYE ` ... in upper case are read straight off the bytes
// (grammar/response.ts statusWord); any other spelling goes through the
// response-name interner. Both must give the same values.

const mixed = (w: string): string => [...w].map((c, i) => (i % 2 === 0 ? c.toLowerCase() : c)).join('');

describe('untagged status words', () => {
  const WORDS = ['OK', 'NO', 'BAD', 'BYE', 'PREAUTH'] as const;
  const RESTS = ['Logging out', '[ALERT] Disk is full', '[UIDNEXT 4392] Predicted next UID', '[CAPABILITY IMAP4rev1 IDLE] ready'];

  it('upper case (the fast path) and any other case read alike', () => {
    for (const w of WORDS) {
      for (const rest of RESTS) {
        const upper = parseResponse(`* ${w} ${rest}\r\n`);
        expect(upper.type).toBe(w);
        expect(parseResponse(`* ${mixed(w)} ${rest}\r\n`)).toEqual(upper);
        expect(parseResponse(`* ${w.toLowerCase()} ${rest}\r\n`)).toEqual(upper);
      }
    }
  });

  it('a status word glued to more name is no status word', () => {
    expect(() => parseResponse('* OK[ALERT] x\r\n')).toThrow(/SP after OK/);
    expect(parseResponse('* BYEBYE now\r\n')).toMatchObject({ type: 'unknown', name: 'BYEBYE' });
    expect(parseResponse('* PREAUTHX now\r\n')).toMatchObject({ type: 'unknown', name: 'PREAUTHX' });
  });

  it('a status word at the line end still takes the missing-text path', () => {
    const warnings: string[] = [];
    expect(parseResponse('* BYE\r\n', { onWarning: (w) => warnings.push(w.name) })).toEqual({ type: 'BYE', text: '' });
    expect(warnings).toEqual(['missing-text']);
  });
});
