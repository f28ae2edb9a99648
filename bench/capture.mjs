// Throughput of the capture layer (pcap container, link/IP/TCP decoding,
// reassembly) on a generated pcap of many interleaved sessions:
//   npm run build && node bench/capture.mjs [MB]      (default 100)
// The capture is written to a temporary file first, then read back in 1 MiB
// chunks as a command would; reported: MB/s (wall clock, and per second of CPU
// time, which a loaded machine distorts less), bytes held at most, peak RSS.
import { createReadStream, createWriteStream, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { PacketReader } from '../dist/capture/index.js';
import { generateCapture } from './capture-gen.mjs';

const mb = Number(process.argv[2] ?? 100);
const file = path.join(tmpdir(), `imapwire-bench-${process.pid}.pcap`);
const out = createWriteStream(file);
for (const chunk of generateCapture({ bytes: mb * 1e6 })) if (!out.write(chunk)) await new Promise((r) => out.once('drain', r));
await new Promise((r) => out.end(r));
const size = statSync(file).size;

const reader = new PacketReader();
let held = 0;
let opens = 0;
let data = 0;
let rss = 0;
const c0 = process.cpuUsage();
const t0 = process.hrtime.bigint();
for await (const chunk of createReadStream(file, { highWaterMark: 1 << 20 })) {
  for (const e of reader.push(chunk)) {
    if (e.type === 'data') data += e.bytes.length;
    else if (e.type === 'open') opens++;
  }
  held = Math.max(held, reader.heldBytes());
  rss = Math.max(rss, process.memoryUsage.rss());
}
reader.end();
const s = Number(process.hrtime.bigint() - t0) / 1e9;
const used = process.cpuUsage(c0);
const cpu = (used.user + used.system) / 1e6;
rmSync(file);
console.log(`capture layer: ${(size / 1e6).toFixed(1)} MB pcap, ${opens} connections, ${(data / 1e6).toFixed(1)} MB of stream data`);
console.log(`  ${(size / 1e6 / s).toFixed(0)} MB/s wall (${s.toFixed(2)} s), ${(size / 1e6 / cpu).toFixed(0)} MB/s of CPU time (${cpu.toFixed(2)} s, GC threads included)`);
console.log(`  at most ${held} bytes held, peak RSS ${(rss / 1e6).toFixed(0)} MB (node ${process.version}, load average ${(await import('node:os')).loadavg()[0].toFixed(1)})`);
