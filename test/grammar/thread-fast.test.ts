import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import { Writer } from '../../src/wire/writer.js';
import { fastThreadList, readThreadList, readThreadListGeneral, writeThreadList } from '../../src/grammar/thread.js';
import { threadResponseArb } from '../arbitraries/responses.js';
import type { Thread } from '../../src/model/response.js';

import { mutated, outcome } from './fast-paths.js';

const enc = new TextEncoder();

function bytesOf(t: Thread): Uint8Array {
  const w = new Writer({ side: 'server' });
  writeThreadList(w, t);
  w.ascii('\r\n');
  return w.toBytes();
}

/** Thread lists with ids servers send (small numbers) and any the grammar allows. */
const ids = fc.oneof(fc.integer({ min: 1, max: 999 }), fc.integer({ min: 1, max: 4294967295 }));
const threadArb: fc.Arbitrary<Thread> = fc.letrec<{ t: Thread }>((tie) => ({
  t: fc.oneof(
    { depthSize: 'small' },
    fc.array(ids, { minLength: 1, maxLength: 4 }).map((ids): Thread => ({ ids, children: [] })),
    fc.tuple(fc.array(ids, { maxLength: 3 }), fc.array(tie('t'), { minLength: 2, maxLength: 3 })).map(([ids, children]): Thread => ({ ids, children })),
  ),
})).t;
const anyThread = fc.oneof(threadArb, threadResponseArb.filter((v) => v.threads.length > 0).map((v) => v.threads[0]));

describe('thread-list fast path', () => {
  it('gives what the general path gives (value, warnings, cursor, errors), for thread lists and broken ones', () => {
    let taken = 0;
    fc.assert(
      fc.property(
        anyThread.chain((t) => fc.tuple(fc.constant(t), mutated(bytesOf(t)))),
        fc.boolean(),
        fc.integer({ min: 1, max: 6 }),
        ([, wire], strict, maxDepth) => {
          const options = { strict, maxDepth };
          expect(outcome(wire, readThreadList, options)).toEqual(outcome(wire, readThreadListGeneral, options));
          if (fastThreadList(wire, 0, wire.length, maxDepth) !== undefined) taken++;
        },
      ),
      { numRuns: 3000 },
    );
    expect(taken).toBeGreaterThan(150);
  });

  it('takes every thread list a server writes (ids up to 9 digits) and reads it back equal', () => {
    fc.assert(
      fc.property(threadArb, (t) => {
        const wire = bytesOf(t);
        const fast = fastThreadList(wire, 0, wire.length, 256);
        const big = JSON.stringify(t).match(/\d{10}/) !== null;
        if (big) expect(fast).toBeUndefined();
        else expect(fast).toEqual(t);
      }),
    );
  });

  it('leaves the unusual forms to the general path', () => {
    for (const s of ['(1 (2))', '(1 2 )', '(1 (2) (3))', '(1(2)(3))', '(01)', '(1234567890)', '()', '( 1)', '(1  2)', '(1\r\n']) {
      const b = enc.encode(s + '\r\n');
      expect(fastThreadList(b, 0, b.length, 256), s).toBeUndefined();
    }
    const b = enc.encode('(3 6 (4 23)(44 7 96))\r\n');
    expect(fastThreadList(b, 0, b.length, 256)).toEqual({ ids: [3, 6], children: [{ ids: [4, 23], children: [] }, { ids: [44, 7, 96], children: [] }] });
    expect(fastThreadList(b, 0, b.length, 1)).toBeUndefined();
  });
});
