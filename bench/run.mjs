// Benchmarks: `npm run bench` (builds first). See docs/performance.md.
// Prints a table and writes bench/results.md. Environment:
//   BENCH_ROUNDS=n   timed rounds per workload (default 5, after 1 warm-up)
//   BENCH_ONLY=1,3   run only these workloads (1..6, m for memory, s for literal streaming)
//   BENCH_CLI=1      also run the imapwire command against tshark (bench/cli.mjs; BENCH_ONLY=c runs only that)
import os from 'node:os';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import * as W from './workloads.mjs';
import * as P from './peers.mjs';
import { roundRobin, peakMemory, fmt } from './runner.mjs';
import { runStreaming, formatStreaming } from './streaming.mjs';
import { runCliBench, cliSection, withCliSection } from './cli.mjs';
import { ResponseDecoder, Framer } from '../dist/index.js';

const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 5);
const ONLY = process.env.BENCH_ONLY ? new Set(process.env.BENCH_ONLY.split(',')) : null;
const want = (k) => ONLY === null || ONLY.has(k);
const CHUNK = 64 * 1024;
const log = (s) => process.stderr.write(s + '\n');

const toBuf = (u8) => Buffer.from(u8.buffer, u8.byteOffset, u8.length);
const chunksOf = (bytes) => W.chunked(toBuf(bytes), CHUNK);

const expectCount = (n) => (res) => (res.count === n ? null : `parsed ${res.count} responses, expected ${n}`);
const expectBody = (n, bytes) => (res) =>
  res.count !== n ? `parsed ${res.count} responses, expected ${n}` : res.bodyBytes !== bytes ? `got ${res.bodyBytes} literal bytes, expected ${bytes}` : null;

/** One row per contender: { workload, name, ms, units, bytes, ref } (ref: a contender imapwire is compared with). */
const rows = [];

async function responseWorkload(w) {
  log(`${w.name}: ${fmt.mb(w.bytes.length)} MB, ${fmt.int(w.responses)} responses`);
  const chunks = chunksOf(w.bytes);
  const check = w.literalBytes !== undefined ? expectBody(w.responses, w.literalBytes) : expectCount(w.responses);
  const res = await roundRobin(
    [
      { name: 'imapwire ResponseDecoder', run: () => P.imapwireResponses(chunks), check },
      { name: 'imapwire Framer only (ceiling)', run: () => P.imapwireFramer(chunks), check: expectCount(w.responses) },
      { name: 'node-imap 0.8.19 Parser', run: () => P.nodeImap(chunks, w.responses), check },
      { name: 'imapflow 2.10.2 ImapStream + parser', run: () => P.imapflow(chunks, w.responses), check: expectCount(w.responses) },
      { name: 'emailjs-imap-handler 3.0.6 parser', run: () => P.emailjsParse(chunks), check: expectCount(w.responses) },
    ],
    { rounds: ROUNDS, log },
  );
  for (const r of res) rows.push({ workload: w.name, name: r.name, ms: r.ms, units: w.responses, bytes: w.bytes.length, ref: !r.name.startsWith('imapwire') });
}

async function commandWorkload() {
  const w = W.commandMix();
  log(`${w.name}: ${fmt.mb(w.bytes.length)} MB, ${fmt.int(w.commands)} commands`);
  const chunks = W.flightChunks(w.flights.map(toBuf), CHUNK);
  const check = expectCount(w.commands);
  const res = await roundRobin(
    [
      { name: 'imapwire CommandDecoder', run: () => P.imapwireCommands(chunks), check },
      { name: 'emailjs-imap-handler 3.0.6 parser (wildduck\'s parser derives from it)', run: () => P.emailjsCommands(chunks), check },
      { name: 'imapflow 2.10.2 ImapStream + parser', run: () => P.imapflow(chunks, w.commands), check },
    ],
    { rounds: ROUNDS, log },
  );
  for (const r of res) rows.push({ workload: w.name, name: r.name, ms: r.ms, units: w.commands, bytes: w.bytes.length, ref: !r.name.startsWith('imapwire') });
}

async function serializeWorkload(w) {
  const name = `(6) serialize ${w.name.slice(4)}`;
  log(`${name}: preparing values`);
  const values = [];
  const d = new ResponseDecoder();
  for (const c of chunksOf(w.bytes)) for (const ev of d.push(c)) values.push(ev.response);
  const trees = await P.imapflowTrees(toBuf(w.bytes));
  const check = (res) => (res.count === w.responses ? null : `wrote ${res.count} responses, expected ${w.responses}`);
  const res = await roundRobin(
    [
      { name: 'imapwire serializeResponse', run: () => P.imapwireSerialize(values), check },
      { name: 'imapflow 2.10.2 compiler', run: () => P.imapflowCompile(trees), check },
    ],
    { rounds: ROUNDS, log },
  );
  for (const r of res) rows.push({ workload: name, name: r.name, ms: r.ms, units: w.responses, bytes: r.result.bytes, ref: !r.name.startsWith('imapwire') });
}

function memoryChecks() {
  const enc = new TextEncoder();
  const frameOf = (size) => {
    const head = enc.encode(`* 1 FETCH (UID 7 BODY[] {${size}}\r\n`);
    const out = new Uint8Array(head.length + size + 3);
    out.set(head);
    out.set(W.messageBody(Math.min(size, 1 << 20), 9), head.length);
    for (let o = head.length + (1 << 20); o < head.length + size; o += 1 << 20) out.copyWithin(o, head.length, head.length + Math.min(1 << 20, head.length + size - o));
    out.set(enc.encode(')\r\n'), head.length + size);
    return out;
  };
  const decode = (frame, step) => (sample) => {
    const d = new ResponseDecoder();
    let n = 0;
    let value;
    for (let i = 0; i < frame.length; i += step) {
      for (const ev of d.push(frame.subarray(i, Math.min(frame.length, i + step)))) {
        if (ev.type !== 'response') throw ev.error;
        value = ev.response;
        n++;
      }
      if ((i & 0x3ffff) === 0) sample();
    }
    d.end();
    if (n !== 1) throw new Error('expected one response');
    return value;
  };
  const out = [];
  for (const size of [10 * 1024 * 1024, 2.5 * 1024 * 1024]) {
    const frame = frameOf(size);
    const one = peakMemory(decode(frame, frame.length));
    const byte = peakMemory(decode(frame, 1));
    out.push({ size: frame.length, one, byte });
    log(`memory: ${fmt.mb(frame.length)} MB frame done`);
  }
  return out;
}

function table() {
  const lines = [];
  lines.push('| workload | contender | median ms | responses/s | MB/s | imapwire is |');
  lines.push('|---|---|---:|---:|---:|---:|');
  const byWorkload = new Map();
  for (const r of rows) (byWorkload.get(r.workload) ?? byWorkload.set(r.workload, []).get(r.workload)).push(r);
  for (const [wl, rs] of byWorkload) {
    const mine = rs[0];
    for (const r of rs) {
      const ratio = r.ref ? fmt.x(r.ms / mine.ms) : r === mine ? '—' : '';
      lines.push(`| ${wl} | ${r.name} | ${r.ms.toFixed(1)} | ${fmt.int(r.units / (r.ms / 1000))} | ${fmt.int(r.bytes / 1e6 / (r.ms / 1000))} | ${ratio} |`);
    }
  }
  return lines.join('\n');
}

function ratio(wl, peer) {
  const rs = rows.filter((r) => r.workload.startsWith(wl));
  const mine = rs[0];
  const p = rs.find((r) => r.name.startsWith(peer));
  return mine && p ? p.ms / mine.ms : NaN;
}

function targets() {
  const t = [];
  const line = (what, got, goal) => t.push(`| ${what} | ${Number.isNaN(got) ? 'not run' : fmt.x(got)} | ≥ ${goal}× | ${Number.isNaN(got) ? '' : got >= goal ? 'met' : 'missed'} |`);
  t.push('| target | measured | goal | |');
  t.push('|---|---:|---:|---|');
  line('(1) small FETCH vs node-imap', ratio('(1)', 'node-imap'), 5);
  line('(2) FETCH + bodies vs node-imap (MB/s)', ratio('(2)', 'node-imap'), 5);
  line('(3) ENVELOPE + BODYSTRUCTURE vs node-imap', ratio('(3)', 'node-imap'), 5);
  line('(5) commands vs emailjs-imap-handler', ratio('(5)', 'emailjs'), 5);
  line('(5) commands vs imapflow', ratio('(5)', 'imapflow'), 5);
  for (const w of ['small FETCH', 'FETCH + 20 KB BODY[]', 'ENVELOPE + BODYSTRUCTURE']) line(`(6) serialize ${w} vs imapflow compiler`, ratio(`(6) serialize ${w}`, 'imapflow'), 3);
  const small = rows.find((r) => r.workload.startsWith('(1)') && r.name === 'imapwire ResponseDecoder');
  if (small) t.push(`\nMoonshot: ${fmt.int(small.units / (small.ms / 1000))} small FETCH responses/s (goal 1,000,000).`);
  return t.join('\n');
}

function memoryTable(mem) {
  const l = [];
  l.push('| frame | feed | time ms | time ratio | ns/byte | peak arrayBuffers | peak RSS | peak heap |');
  l.push('|---|---|---:|---:|---:|---:|---:|---:|');
  for (const m of mem) {
    for (const [feed, x] of [['one chunk', m.one], ['one byte at a time', m.byte]]) {
      l.push(`| ${fmt.mb(m.size)} MB | ${feed} | ${x.ms.toFixed(1)} | ${fmt.x(x.ms / m.one.ms)} | ${((x.ms * 1e6) / m.size).toFixed(1)} | ${fmt.mb(x.arrayBuffers)} MB (${(x.arrayBuffers / m.size).toFixed(2)}× frame) | ${fmt.mb(x.rss)} MB (${(x.rss / m.size).toFixed(2)}×) | ${fmt.mb(x.heap)} MB |`);
    }
  }
  return l.join('\n');
}

/** How many bytes the framer copies on (2) in 64 KiB chunks: frames spanning chunks are copied, each byte at most once. */
function copyStats(w) {
  const f = new Framer({ side: 'client' });
  for (const c of chunksOf(w.bytes)) f.push(c);
  f.end();
  return { input: w.bytes.length, literal: w.literalBytes, copied: f.stats.copied, scanned: f.stats.scanned };
}

const started = new Date();
const w1 = W.smallFetch();
const w2 = W.bodyFetch();
const w3 = W.envelopeFetch();
if (want('1')) await responseWorkload(w1);
if (want('2')) await responseWorkload(w2);
if (want('3')) await responseWorkload(w3);
if (want('4')) await responseWorkload(W.listStatus());
if (want('5')) await commandWorkload();
if (want('6')) for (const w of [w1, w2, w3]) await serializeWorkload(w);
const mem = want('m') ? memoryChecks() : [];
const copies = want('2') ? copyStats(w2) : null;
const streaming = want('s') ? await runStreaming({ ResponseDecoder }) : null;
const RESULTS = fileURLToPath(new URL('./results.md', import.meta.url));
const cli = process.env.BENCH_CLI === '1' || want('c') && ONLY !== null ? await runCliBench({ log }) : null;

const cpu = os.cpus()[0]?.model ?? 'unknown CPU';
const header = [
  `Run ${started.toISOString()} · Node ${process.version} · ${os.cpus().length} × ${cpu} · load average at start ${os.loadavg().map((x) => x.toFixed(2)).join(' ')}`,
  `${ROUNDS} timed rounds after 1 warm-up, round-robin in one process, median shown; input fed in 64 KiB chunks.`,
  '"imapwire is" = the peer\'s median time / imapwire\'s (how many times faster imapwire is).',
].join('\n');
const report = [
  '# Benchmark results',
  '',
  'Generated by `npm run bench` (bench/run.mjs); how the numbers are taken: docs/performance.md.',
  '',
  header,
  '',
  table(),
  '',
  '## Targets',
  '',
  targets(),
  '',
  ...(copies !== null
    ? [`Copying on (2), 64 KiB chunks: the framer copied ${fmt.mb(copies.copied)} MB of ${fmt.mb(copies.input)} MB input (${(copies.copied / copies.input).toFixed(2)}× — only frames that span two chunks are copied, each byte once; everything else is a view), and looked at ${fmt.mb(copies.scanned - copies.literal)} MB of line bytes (literal bytes are passed over unexamined).`, '']
    : []),
  ...(mem.length > 0
    ? ['## One byte at a time vs one chunk (ResponseDecoder, one FETCH with one BODY[] literal)', '', memoryTable(mem), '',
       'Peaks are over the baseline taken just before decoding (the input frame itself is not counted); the decoded value holds a view of the frame buffer, so about 1× the frame is the floor.', '']
    : []),
  ...(streaming !== null
    ? ['## Literal streaming (1 GiB of BODY[] through ResponseDecoder({ streamLiteralsAbove: 65536 }))', '', formatStreaming(streaming), '',
       'Growth is over the baseline taken just before decoding; peak RSS is the whole process (in a full run it includes what earlier workloads left). Literal data is handed out as views of the pushed chunks and never copied, so MB/s is the decoder\'s overhead per chunk, not a parsing rate; `node bench/streaming.mjs` runs this alone.', '']
    : []),
].join('\n');
console.log(report);
// The command's section is kept from the last run that measured it.
const kept = cli ?? (existsSync(RESULTS) ? cliSection(readFileSync(RESULTS, 'utf8')) : null);
if (cli !== null) console.log('\n' + cli);
if (ONLY === null) writeFileSync(RESULTS, report + '\n' + (kept !== null ? '\n' + kept + '\n' : ''));
else if (cli !== null) writeFileSync(RESULTS, withCliSection(readFileSync(RESULTS, 'utf8'), cli));
