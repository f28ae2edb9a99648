// Bounded memory: a generated 200 MB capture of many interleaved sessions
// streams through. Counted, not timed: the bytes the capture reader and
// the output held at most, and the peak resident memory (VmHWM) of the
// command, which must not grow with the input (a 20 MB capture is the
// baseline) and must stay far below the input's size.
import { beforeAll, describe, expect, it } from 'vitest';
import { closeSync, openSync, rmSync, statSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { spawn } from 'node:child_process';
import { generateCapture } from '../../bench/gen-capture.mjs';
import { PcapWriter } from '../../src/capture/pcap-writer.js';
import { cliEntry, tempDir } from './run.js';

const MB = 1e6;
let dir: string;

function generate(name: string, bytes: number): string {
  const p = join(dir, name);
  const fd = openSync(p, 'w');
  try {
    generateCapture(PcapWriter, { bytes, write: (chunk) => writeSync(fd, chunk) });
  } finally {
    closeSync(fd);
  }
  return p;
}

interface MemoryReport {
  peakRss: number;
  bytesRead: number;
  connections: number;
  maxHeldBytes: number;
  maxOutputHeld: number;
}

/** Runs the command with its stdout to /dev/null; gives the exit status and the memory report it prints on stderr. */
function measure(args: string[]): Promise<{ code: number | null; report: MemoryReport }> {
  return new Promise((resolve, reject) => {
    const devnull = openSync('/dev/null', 'w');
    const child = spawn(process.execPath, [cliEntry(), ...args], { stdio: ['ignore', devnull, 'pipe'], env: { ...process.env, IMAPWIRE_MEMORY_REPORT: '1' } });
    let err = '';
    child.stderr!.on('data', (c: Buffer) => (err += c.toString()));
    child.on('error', reject);
    child.on('close', (code) => {
      closeSync(devnull);
      const line = err.split('\n').find((l) => l.startsWith('{"memoryReport"'));
      if (line === undefined) return reject(new Error(`no memory report: ${err}`));
      resolve({ code, report: (JSON.parse(line) as { memoryReport: MemoryReport }).memoryReport });
    });
  });
}

let small: string;
let big: string;

beforeAll(() => {
  cliEntry();
  dir = tempDir('memory');
  small = generate('small.pcap', 20 * MB);
  big = generate('big.pcap', 200 * MB);
  return () => rmSync(dir, { recursive: true, force: true });
}, 600_000);

describe('a 200 MB capture in bounded memory (VmHWM: Linux)', () => {
  it('validate', async () => {
    const base = await measure(['validate', small]);
    const r = await measure(['validate', big]);
    expect(r.code).toBe(0);
    expect(r.report.bytesRead).toBe(statSync(big).size);
    expect(r.report.connections).toBeGreaterThan(20000);
    // What the pipeline held: partial records and out-of-order segments, and unwritten output.
    expect(r.report.maxHeldBytes).toBeLessThan(1 << 20);
    expect(r.report.maxOutputHeld).toBeLessThan(8 << 20);
    // Ten times the input, and the peak barely moves.
    expect(r.report.peakRss).toBeLessThan(base.report.peakRss + 48 * MB);
    expect(r.report.peakRss).toBeLessThan(160 * MB);
  }, 600_000);
});
