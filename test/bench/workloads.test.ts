/**
 * The benchmark's per-type workloads and its allocation counter: every
 * workload decodes without error, to exactly the responses it declares, in
 * imapwire and in node-imap (the peer it is compared with), and the counter
 * measures a known allocation.
 */
import { describe, it, expect } from 'vitest';
import { createRequire } from 'node:module';
import { PassThrough } from 'node:stream';
import { ResponseDecoder, type Response } from '../../src/index.js';
import { typeWorkloads } from '../../bench/types.mjs';
import { allocated } from '../../bench/runner.mjs';

const require = createRequire(import.meta.url);
// eslint-disable-next-line @typescript-eslint/no-require-imports
const NodeImapParser = require('imap/lib/Parser.js').Parser as new (s: PassThrough) => NodeJS.EventEmitter;

const kind = (r: Response) => (r.type === 'tagged' ? `tagged ${r.status}` : r.type);

function imapwireKinds(bytes: Uint8Array): Record<string, number> {
  const d = new ResponseDecoder();
  const out: Record<string, number> = {};
  const take = (evs: ReturnType<ResponseDecoder['push']>) => {
    for (const ev of evs) {
      if (ev.type !== 'response') throw new Error(`${ev.type}: ${'error' in ev ? String(ev.error) : ''}`);
      expect(ev.warnings ?? []).toEqual([]);
      out[kind(ev.response)] = (out[kind(ev.response)] ?? 0) + 1;
    }
  };
  for (let i = 0; i < bytes.length; i += 65536) take(d.push(bytes.subarray(i, i + 65536)));
  take(d.end());
  return out;
}

async function nodeImapKinds(bytes: Uint8Array): Promise<Record<string, number>> {
  const stream = new PassThrough();
  const p = new NodeImapParser(stream);
  const out: Record<string, number> = {};
  p.on('untagged', (u: { type: string }) => (out[u.type.toUpperCase()] = (out[u.type.toUpperCase()] ?? 0) + 1));
  p.on('tagged', (t: { type: string }) => (out[`tagged ${t.type.toUpperCase()}`] = (out[`tagged ${t.type.toUpperCase()}`] ?? 0) + 1));
  stream.end(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.length));
  await new Promise((resolve) => stream.on('end', resolve));
  await new Promise((resolve) => setImmediate(resolve));
  return out;
}

describe('per-type workloads (bench/types.mjs)', { timeout: 60_000 }, () => {
  const workloads = typeWorkloads(() => true, { bytes: 30_000 });

  it('cover the response types issue 14 names, one kind each (QUOTA with its QUOTAROOT)', () => {
    const kinds = workloads.map((w) => Object.keys(w.types).sort().join('+'));
    expect(kinds).toEqual(['OK', 'tagged OK', 'tagged NO', 'tagged BAD', 'BYE', 'CAPABILITY', 'LIST', 'LSUB', 'STATUS', 'EXISTS', 'EXPUNGE', 'RECENT', 'FLAGS', 'SEARCH', 'ESEARCH', 'SORT', 'THREAD', 'NAMESPACE', 'QUOTA+QUOTAROOT', 'FETCH']);
    for (const w of workloads) expect(w.bytes.length).toBeGreaterThanOrEqual(30_000);
  });

  it('are seeded: the same bytes every time', () => {
    const again = typeWorkloads(() => true, { bytes: 30_000 });
    expect(again.map((w) => w.bytes)).toEqual(workloads.map((w) => w.bytes));
  });

  for (const w of workloads) {
    it(`${w.label}: imapwire and node-imap both see every response, of the declared kind`, async () => {
      expect(imapwireKinds(w.bytes)).toEqual(w.types);
      expect(await nodeImapKinds(w.bytes)).toEqual(w.types);
    });
  }
});

describe('allocated (bench/runner.mjs)', () => {
  it('counts across garbage collections what it counts without one', async () => {
    // The same objects, few enough to fit in the young generation (no GC: the
    // heap growth alone is the truth) and 8,000 times as many (many GCs: some
    // 320 MB, past even a 16 MB semi-space twenty times over).
    // Class instances: object literals carry an allocation memento until
    // their code is optimized, which would make the two runs differ.
    class Point {
      constructor(
        readonly a: number,
        readonly b: number,
        readonly c: unknown,
      ) {}
    }
    const ring: unknown[] = new Array(1024).fill(null);
    const run = (n: number) => () => {
      for (let i = 0; i < n; i++) ring[i & 1023] = new Point(i, n, ring);
      return n;
    };
    run(10_000)();
    const small = await allocated(run(1_000), { repeat: 5 });
    const big = await allocated(run(8_000_000));
    expect(small.gcs).toBe(0);
    expect(big.gcs).toBeGreaterThan(5);
    expect(big.result).toBe(8_000_000);
    const each = small.bytes / 1_000;
    expect(each).toBeGreaterThan(0);
    expect(big.bytes / 8_000_000 / each).toBeGreaterThan(0.97);
    expect(big.bytes / 8_000_000 / each).toBeLessThan(1.01);
  });
});
