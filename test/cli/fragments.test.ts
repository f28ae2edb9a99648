/**
 * The command on a capture whose TCP segments were sent as IP fragments:
 * the same conversation as the capture of the whole segments.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { ipFragments } from '../../src/capture/index.js';
import { pcapFile, sessionFrames } from '../capture/helpers.js';
import { cliEntry, imapwire } from './run.js';

// Builds the command once (minutes at most on a busy machine).
beforeAll(() => {
  cliEntry();
}, 180_000);

describe('imapwire on IP fragments', () => {
  it('parse and stats read a fragmented capture as the capture of whole segments', async () => {
    const frames = sessionFrames();
    const whole = pcapFile(frames.map((data, i) => ({ data, time: 1764547200 + i })));
    // Every frame longer than its headers, cut into 16-byte fragments, last one first.
    const cut = pcapFile(frames.flatMap((f, i) => (f.length > 14 + 20 + 20 ? ipFragments(f, 16, i).reverse() : [f]).map((data) => ({ data, time: 1764547200 + i }))));
    const [a, b] = await Promise.all([imapwire(['stats', '--format', 'json', '-'], { stdin: whole }), imapwire(['stats', '--format', 'json', '-'], { stdin: cut })]);
    expect([a.code, b.code]).toEqual([0, 0]);
    const sa = JSON.parse(a.stdout.toString());
    const sb = JSON.parse(b.stdout.toString());
    expect(sb.bytesRead).toBeGreaterThan(sa.bytesRead);
    expect({ ...sb, bytesRead: 0 }).toEqual({ ...sa, bytesRead: 0 });
    expect(sb.notices).toBe(0);
    const parsed = (r: typeof a): unknown[] => r.stdout.toString().trim().split('\n').map((l) => {
      const { source, ...rest } = JSON.parse(l) as Record<string, unknown>;
      return rest;
    });
    const [pa, pb] = await Promise.all([imapwire(['parse', '-'], { stdin: whole }), imapwire(['parse', '-'], { stdin: cut })]);
    expect(parsed(pb)).toEqual(parsed(pa));
    expect(parsed(pa).length).toBeGreaterThan(8);
  });
});
