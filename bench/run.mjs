// Benchmarks: `npm run bench` (builds first). Reports ratios measured in one
// run, since absolute times on a shared machine are noise.
import { Framer } from '../dist/index.js';

const enc = new TextEncoder();

function smallFetchStream(n) {
  const parts = [];
  for (let i = 1; i <= n; i++) {
    parts.push(`* ${i} FETCH (UID ${i + 1000} FLAGS (\\Seen \\Answered) INTERNALDATE "17-Jul-1996 02:44:25 -0700" RFC822.SIZE ${4000 + (i % 977)})\r\n`);
  }
  return enc.encode(parts.join(''));
}

function bodyStream(n) {
  const body = new Uint8Array(20 * 1024).fill(0x61);
  const chunks = [];
  for (let i = 1; i <= n; i++) {
    if (i % 25 === 0) {
      chunks.push(enc.encode(`* ${i} FETCH (UID ${i} BODY[] {${body.length}}\r\n`), body, enc.encode(')\r\n'));
    } else {
      chunks.push(enc.encode(`* ${i} FETCH (UID ${i} FLAGS (\\Seen))\r\n`));
    }
  }
  const total = chunks.reduce((a, c) => a + c.length, 0);
  const out = new Uint8Array(total);
  let o = 0;
  for (const c of chunks) { out.set(c, o); o += c.length; }
  return out;
}

function frameAll(bytes, chunk) {
  const f = new Framer({ side: 'client' });
  let frames = 0;
  for (let i = 0; i < bytes.length; i += chunk) {
    for (const ev of f.push(bytes.subarray(i, Math.min(bytes.length, i + chunk)))) if (ev.type === 'frame') frames++;
  }
  f.end();
  return frames;
}

function median(xs) {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
}

function measure(name, fn, rounds = 7) {
  fn(); // warm-up
  const times = [];
  let result;
  for (let r = 0; r < rounds; r++) {
    const t0 = process.hrtime.bigint();
    result = fn();
    times.push(Number(process.hrtime.bigint() - t0) / 1e6);
  }
  return { name, ms: median(times), result };
}

const small = smallFetchStream(50_000);
const bodies = bodyStream(2_000);
const rows = [
  measure('framer: 50k small FETCH, one chunk', () => frameAll(small, small.length)),
  measure('framer: 50k small FETCH, 64 KiB chunks', () => frameAll(small, 65536)),
  measure('framer: 20 KB bodies every 25 lines, 64 KiB chunks', () => frameAll(bodies, 65536)),
];
const big = new Uint8Array(2 * 1024 * 1024);
big.set(enc.encode('* 1 FETCH (BODY[] {' + (big.length - 100) + '}\r\n'));
const head = enc.encode('* 1 FETCH (BODY[] {' + (big.length - 100) + '}\r\n');
const frame = new Uint8Array(head.length + big.length - 100 + 3);
frame.set(head);
frame.set(enc.encode(')\r\n'), frame.length - 3);
const one = measure('framer: 2 MB frame, one chunk', () => frameAll(frame, frame.length), 5);
const byByte = measure('framer: 2 MB frame, one byte at a time', () => frameAll(frame, 1), 3);

console.log('| workload | median ms | MB/s | frames |');
console.log('|---|---:|---:|---:|');
for (const r of [...rows, one, byByte]) {
  const bytes = r.name.includes('small') ? small.length : r.name.includes('bodies') ? bodies.length : frame.length;
  console.log(`| ${r.name} | ${r.ms.toFixed(2)} | ${(bytes / 1e6 / (r.ms / 1000)).toFixed(0)} | ${r.result} |`);
}
console.log(`\none byte at a time / one chunk: ${(byByte.ms / one.ms).toFixed(0)}x (linear: the per-push cost, not growth)`);
