// Benchmarks: `npm run bench` (builds first). See docs/performance.md.
// Prints a table and writes bench/results.md. Environment:
//   BENCH_ROUNDS=n   timed rounds per workload (default 5, after 1 warm-up)
//   BENCH_ONLY=1,3   run only these workloads (1..6, m for memory, s for literal streaming,
//                    t for every per-type workload, t:exists,t:capability,... for some; keys in bench/types.mjs)
//   BENCH_COLD_ROUNDS=n  cold rounds (a full GC before every run) per workload (default 3; 0: none)
//   BENCH_CLOCK=wall time by the wall clock instead of the process's CPU time (user + system)
//   BENCH_ALLOC=0    skip the allocation runs (bytes allocated per response)
//   BENCH_WRITE_BASELINE=1  record this run's imapwire bytes/response and ratios in bench/baseline-alloc.json
//   BENCH_CLI=1      also run the imapwire command against tshark (bench/cli.mjs; BENCH_ONLY=c runs only that)
import os from 'node:os';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import * as W from './workloads.mjs';
import * as P from './peers.mjs';
import { typeWorkloads } from './types.mjs';
import { roundRobin, peakMemory, allocated, fmt, CLOCK } from './runner.mjs';
import { runStreaming, formatStreaming } from './streaming.mjs';
import { runCliBench, cliSection, withCliSection } from './cli.mjs';
import { ResponseDecoder, Framer } from '../dist/index.js';

const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 5);
const ONLY = process.env.BENCH_ONLY ? new Set(process.env.BENCH_ONLY.split(',')) : null;
const want = (k) => ONLY === null || ONLY.has(k);
const wantType = (key) => ONLY === null || ONLY.has('t') || ONLY.has('t:' + key);
const COLD_ROUNDS = Number(process.env.BENCH_COLD_ROUNDS ?? 3);
const ALLOC = process.env.BENCH_ALLOC !== '0';
const CHUNK = 64 * 1024;
const log = (s) => process.stderr.write(s + '\n');

const toBuf = (u8) => Buffer.from(u8.buffer, u8.byteOffset, u8.length);
const chunksOf = (bytes) => W.chunked(toBuf(bytes), CHUNK);

const expectCount = (n) => (res) => (res.count === n ? null : `parsed ${res.count} responses, expected ${n}`);
const expectBody = (n, bytes) => (res) =>
  res.count !== n ? `parsed ${res.count} responses, expected ${n}` : res.bodyBytes !== bytes ? `got ${res.bodyBytes} literal bytes, expected ${bytes}` : null;

/**
 * One row per contender: { workload, name, ms, coldMs, alloc, units, bytes, ref }
 * (ref: a contender imapwire is compared with; coldMs: median with a full GC
 * before every run; alloc: V8 heap bytes allocated by one run).
 */
const rows = [];
/** The same for the per-type workloads, reported in their own table: { workload, key, label, ... }. */
const typeRows = [];

/**
 * Steady rounds, then cold rounds, then one allocation run per contender
 * (after the timed rounds, so the code is warm).
 */
async function measure(contenders) {
  const steady = await roundRobin(contenders, { rounds: ROUNDS, log });
  const cold = COLD_ROUNDS > 0 ? await roundRobin(contenders, { rounds: COLD_ROUNDS, warmup: 0, cold: true, log }) : null;
  const out = [];
  for (let i = 0; i < contenders.length; i++) {
    const c = contenders[i];
    let alloc = NaN;
    if (ALLOC) {
      const a = await allocated(c.run);
      const problem = c.check(a.result);
      if (problem) throw new Error(`${c.name}: ${problem}`);
      alloc = a.bytes;
    }
    out.push({ ...steady[i], coldMs: cold !== null ? cold[i].ms : NaN, alloc });
  }
  if (ALLOC) log('  allocation measured');
  return out;
}

async function responseWorkload(w) {
  log(`${w.name}: ${fmt.mb(w.bytes.length)} MB, ${fmt.int(w.responses)} responses`);
  const chunks = chunksOf(w.bytes);
  const check = w.literalBytes !== undefined ? expectBody(w.responses, w.literalBytes) : expectCount(w.responses);
  const res = await measure([
    { name: 'imapwire ResponseDecoder', run: () => P.imapwireResponses(chunks), check },
    { name: 'imapwire Framer only (ceiling)', run: () => P.imapwireFramer(chunks), check: expectCount(w.responses) },
    { name: 'node-imap 0.8.19 Parser', run: () => P.nodeImap(chunks, w.responses), check },
    { name: 'imapflow 2.10.2 ImapStream + parser', run: () => P.imapflow(chunks, w.responses), check: expectCount(w.responses) },
    { name: 'emailjs-imap-handler 3.0.6 parser', run: () => P.emailjsParse(chunks), check: expectCount(w.responses) },
  ]);
  for (const r of res) rows.push({ workload: w.name, name: r.name, ms: r.ms, coldMs: r.coldMs, alloc: r.alloc, units: w.responses, bytes: w.bytes.length, ref: !r.name.startsWith('imapwire') });
}

/** A per-type workload: imapwire, its framer alone, node-imap; every response counted by kind on both sides. */
async function typeWorkload(w) {
  log(`${w.name}: ${fmt.mb(w.bytes.length)} MB, ${fmt.int(w.responses)} responses`);
  const chunks = chunksOf(w.bytes);
  const want = JSON.stringify(Object.entries(w.types).sort());
  const check = (res) => {
    if (res.count !== w.responses) return `parsed ${res.count} responses, expected ${w.responses}`;
    const got = JSON.stringify(Object.entries(res.types).sort());
    return got === want ? null : `parsed ${got}, expected ${want}`;
  };
  const res = await measure([
    { name: 'imapwire ResponseDecoder', run: () => P.imapwireTyped(chunks), check },
    { name: 'imapwire Framer only (ceiling)', run: () => P.imapwireFramer(chunks), check: expectCount(w.responses) },
    { name: 'node-imap 0.8.19 Parser', run: () => P.nodeImapTyped(chunks, w.responses), check },
  ]);
  const [mine, framer, nodeImap] = res;
  typeRows.push({ workload: w.name, key: w.key, label: w.label, units: w.responses, bytes: w.bytes.length, mine, framer, nodeImap });
}

async function commandWorkload() {
  const w = W.commandMix();
  log(`${w.name}: ${fmt.mb(w.bytes.length)} MB, ${fmt.int(w.commands)} commands`);
  const chunks = W.flightChunks(w.flights.map(toBuf), CHUNK);
  const check = expectCount(w.commands);
  const res = await measure([
    { name: 'imapwire CommandDecoder', run: () => P.imapwireCommands(chunks), check },
    { name: 'emailjs-imap-handler 3.0.6 parser (wildduck\'s parser derives from it)', run: () => P.emailjsCommands(chunks), check },
    { name: 'imapflow 2.10.2 ImapStream + parser', run: () => P.imapflow(chunks, w.commands), check },
  ]);
  for (const r of res) rows.push({ workload: w.name, name: r.name, ms: r.ms, coldMs: r.coldMs, alloc: r.alloc, units: w.commands, bytes: w.bytes.length, ref: !r.name.startsWith('imapwire') });
}

async function serializeWorkload(w) {
  const name = `(6) serialize ${w.name.slice(4)}`;
  log(`${name}: preparing values`);
  const values = [];
  const d = new ResponseDecoder();
  for (const c of chunksOf(w.bytes)) for (const ev of d.push(c)) values.push(ev.response);
  const trees = await P.imapflowTrees(toBuf(w.bytes));
  const check = (res) => (res.count === w.responses ? null : `wrote ${res.count} responses, expected ${w.responses}`);
  const res = await measure([
    { name: 'imapwire serializeResponse', run: () => P.imapwireSerialize(values), check },
    { name: 'imapflow 2.10.2 compiler', run: () => P.imapflowCompile(trees), check },
  ]);
  for (const r of res) rows.push({ workload: name, name: r.name, ms: r.ms, coldMs: r.coldMs, alloc: r.alloc, units: w.responses, bytes: r.result.bytes, ref: !r.name.startsWith('imapwire') });
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

const perResp = (alloc, units) => (Number.isNaN(alloc) ? '' : fmt.int(alloc / units));
const ms1 = (ms) => (Number.isNaN(ms) ? '' : ms.toFixed(1));

function table() {
  const lines = [];
  lines.push('| workload | contender | median ms | responses/s | MB/s | imapwire is | cold median ms | cold: imapwire is | heap B/response |');
  lines.push('|---|---|---:|---:|---:|---:|---:|---:|---:|');
  const byWorkload = new Map();
  for (const r of rows) (byWorkload.get(r.workload) ?? byWorkload.set(r.workload, []).get(r.workload)).push(r);
  for (const [wl, rs] of byWorkload) {
    const mine = rs[0];
    for (const r of rs) {
      const ratio = r.ref ? fmt.x(r.ms / mine.ms) : r === mine ? '—' : '';
      const cold = Number.isNaN(r.coldMs) ? '' : r.ref ? fmt.x(r.coldMs / mine.coldMs) : r === mine ? '—' : '';
      lines.push(`| ${wl} | ${r.name} | ${r.ms.toFixed(1)} | ${fmt.int(r.units / (r.ms / 1000))} | ${fmt.int(r.bytes / 1e6 / (r.ms / 1000))} | ${ratio} | ${ms1(r.coldMs)} | ${cold} | ${perResp(r.alloc, r.units)} |`);
    }
  }
  return lines.join('\n');
}

/** The per-type table: imapwire against node-imap and against its own framer, steady and cold. */
function typeTable() {
  const l = [];
  l.push('| response type | responses | MB | imapwire ms | node-imap ms | imapwire is | cold: imapwire is | framer-only ms | framer-only is (ceiling) | imapwire at % of framer throughput | imapwire heap B/response | node-imap heap B/response |');
  l.push('|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|');
  for (const t of typeRows) {
    const cold = Number.isNaN(t.mine.coldMs) ? '' : fmt.x(t.nodeImap.coldMs / t.mine.coldMs);
    l.push(`| ${t.label} | ${fmt.int(t.units)} | ${fmt.mb(t.bytes)} | ${t.mine.ms.toFixed(1)} | ${t.nodeImap.ms.toFixed(1)} | ${fmt.x(t.nodeImap.ms / t.mine.ms)} | ${cold} | ${t.framer.ms.toFixed(1)} | ${fmt.x(t.nodeImap.ms / t.framer.ms)} | ${Math.round((100 * t.framer.ms) / t.mine.ms)} % | ${perResp(t.mine.alloc, t.units)} | ${perResp(t.nodeImap.alloc, t.units)} |`);
  }
  return l.join('\n');
}

function ratio(wl, peer) {
  const rs = rows.filter((r) => r.workload.startsWith(wl));
  const mine = rs[0];
  const p = rs.find((r) => r.name.startsWith(peer));
  return mine && p ? p.ms / mine.ms : NaN;
}

const BASELINE = fileURLToPath(new URL('./baseline-alloc.json', import.meta.url));
const baseline = existsSync(BASELINE) ? JSON.parse(readFileSync(BASELINE, 'utf8')) : null;

/** imapwire's row and the first peer's per workload, the six and the per-type ones alike: { workload, units, bytes, mine, peer, decode }. */
function allWorkloads() {
  const out = [];
  const byWorkload = new Map();
  for (const r of rows) (byWorkload.get(r.workload) ?? byWorkload.set(r.workload, []).get(r.workload)).push(r);
  for (const [wl, rs] of byWorkload) {
    const peer = rs.find((r) => r.name.startsWith('node-imap')) ?? rs.find((r) => r.ref);
    out.push({ workload: wl, units: rs[0].units, bytes: rs[0].bytes, mine: rs[0], peer, decode: rs[0].name === 'imapwire ResponseDecoder' });
  }
  for (const t of typeRows) out.push({ workload: t.workload, units: t.units, bytes: t.bytes, mine: t.mine, peer: t.nodeImap, decode: true });
  return out;
}

/** A decoding workload whose frames average under 200 bytes: where the fixed cost per frame dominates. */
const SMALL_FRAME = 200;
const isSmall = (w) => w.decode && w.bytes / w.units < SMALL_FRAME;

function allocTable() {
  const l = [];
  l.push('| workload | mean frame B | imapwire B/response | baseline B/response | × baseline | peer B/response (peer) |');
  l.push('|---|---:|---:|---:|---:|---:|');
  for (const w of allWorkloads()) {
    if (Number.isNaN(w.mine.alloc)) continue;
    const mine = w.mine.alloc / w.units;
    const base = baseline?.bytesPerResponse?.[w.workload];
    const peer = w.peer !== undefined && !Number.isNaN(w.peer.alloc) ? `${fmt.int(w.peer.alloc / w.units)} (${w.peer.name.split(' ')[0]})` : '';
    l.push(`| ${w.workload}${isSmall(w) ? ' (small frames)' : ''} | ${fmt.int(w.bytes / w.units)} | ${fmt.int(mine)} | ${base === undefined ? '' : fmt.int(base)} | ${base === undefined ? '' : (mine / base).toFixed(2) + '×'} | ${peer} |`);
  }
  return l.join('\n');
}

/** bench/baseline-alloc.json: imapwire's bytes per response and its ratios in this run, for later runs to compare with. */
function baselineOf(commit) {
  const bytesPerResponse = {};
  const ratios = {};
  for (const w of allWorkloads()) {
    if (!Number.isNaN(w.mine.alloc)) bytesPerResponse[w.workload] = Math.round(w.mine.alloc / w.units);
    if (w.peer !== undefined) ratios[w.workload] = { peer: w.peer.name, steady: +(w.peer.ms / w.mine.ms).toFixed(2), cold: Number.isNaN(w.mine.coldMs) ? null : +(w.peer.coldMs / w.mine.coldMs).toFixed(2) };
  }
  return {
    about: 'imapwire heap bytes allocated per response (bytesPerResponse) and its speed ratios against the first peer (node-imap where it runs), per workload, from one run of bench/run.mjs with BENCH_WRITE_BASELINE=1; commit: the last commit that changed src/. Later runs show their allocation against it (bench/results.md, Allocation and Targets).',
    recorded: started.toISOString(),
    commit,
    node: process.version,
    bytesPerResponse,
    ratios,
  };
}

function targets() {
  const t = [];
  const line = (what, got, goal) => t.push(`| ${what} | ${Number.isNaN(got) ? 'not run' : fmt.x(got)} | ≥ ${goal}× | ${Number.isNaN(got) ? '' : got >= goal ? 'met' : 'missed'} |`);
  const row = (what, measured, goal, met) => t.push(`| ${what} | ${measured} | ${goal} | ${met === null ? '' : met ? 'met' : 'missed'} |`);
  t.push('| target | measured | goal | |');
  t.push('|---|---:|---:|---|');
  line('(1) small FETCH vs node-imap', ratio('(1)', 'node-imap'), 5);
  line('(2) FETCH + bodies vs node-imap (MB/s)', ratio('(2)', 'node-imap'), 5);
  line('(3) ENVELOPE + BODYSTRUCTURE vs node-imap', ratio('(3)', 'node-imap'), 5);
  line('(5) commands vs emailjs-imap-handler', ratio('(5)', 'emailjs'), 5);
  line('(5) commands vs imapflow', ratio('(5)', 'imapflow'), 5);
  for (const w of ['small FETCH', 'FETCH + 20 KB BODY[]', 'ENVELOPE + BODYSTRUCTURE']) line(`(6) serialize ${w} vs imapflow compiler`, ratio(`(6) serialize ${w}`, 'imapflow'), 3);
  // Issue 14.
  if (typeRows.length > 0) {
    const by = typeRows.map((x) => ({ label: x.label, r: x.nodeImap.ms / x.mine.ms }));
    const low = by.reduce((a, b) => (b.r < a.r ? b : a));
    const under = by.filter((x) => x.r < 5).length;
    row('(t) every response type vs node-imap', `lowest ${fmt.x(low.r)} (${low.label}); ${under} of ${by.length} under 5×`, '≥ 5× each', under === 0);
    const env = typeRows.find((x) => x.key === 'fetch-envbs');
    if (env) line('(t) FETCH ENVELOPE + BODYSTRUCTURE, real multipart mail, vs node-imap', env.nodeImap.ms / env.mine.ms, 5);
  }
  const smallMine = rows.find((r) => r.workload.startsWith('(1)') && r.name === 'imapwire ResponseDecoder');
  const smallFramer = rows.find((r) => r.workload.startsWith('(1)') && r.name.startsWith('imapwire Framer'));
  if (smallMine && smallFramer) {
    const share = smallFramer.ms / smallMine.ms;
    row('(1) small FETCH throughput, share of framer-only', `${Math.round(share * 100)} %`, '≥ 40 %', share >= 0.4);
  }
  if (smallMine && !Number.isNaN(smallMine.coldMs)) {
    const ni = rows.find((r) => r.workload.startsWith('(1)') && r.name.startsWith('node-imap'));
    row('(1) small FETCH vs node-imap, cold heap (full GC before each run)', fmt.x(ni.coldMs / smallMine.coldMs), 'reported beside the steady ratio', null);
  }
  const smallOnes = allWorkloads().filter((w) => isSmall(w) && !Number.isNaN(w.mine.alloc) && baseline?.bytesPerResponse?.[w.workload] !== undefined);
  if (smallOnes.length > 0) {
    const x = smallOnes.map((w) => ({ w: w.workload, r: w.mine.alloc / w.units / baseline.bytesPerResponse[w.workload] }));
    const worst = x.reduce((a, b) => (b.r > a.r ? b : a));
    const met = x.filter((v) => v.r <= 0.5).length;
    row(`allocation per response on small-frame workloads (frames < ${SMALL_FRAME} B), × baseline (${baseline.recorded.slice(0, 10)})`, `worst ${worst.r.toFixed(2)}× (${worst.w}); ${met} of ${x.length} halved`, '≤ 0.5× each', met === x.length);
  }
  if (baseline?.ratios) {
    const six = allWorkloads().filter((w) => /^\([1-6]\)/.test(w.workload) && baseline.ratios[w.workload] !== undefined && w.peer !== undefined);
    const below = six.filter((w) => w.peer.ms / w.mine.ms < baseline.ratios[w.workload].steady * 0.9);
    if (six.length > 0) row('no regression: (1)–(6) ratios vs the baseline run (10 % noise allowed)', below.length === 0 ? 'none below' : below.map((w) => `${w.workload.slice(0, 3)} ${fmt.x(w.peer.ms / w.mine.ms)} < ${fmt.x(baseline.ratios[w.workload].steady)}`).join(', '), 'none below', below.length === 0);
  }
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
const loadAtStart = os.loadavg();
const w1 = W.smallFetch();
const w2 = W.bodyFetch();
const w3 = W.envelopeFetch();
if (want('1')) await responseWorkload(w1);
if (want('2')) await responseWorkload(w2);
if (want('3')) await responseWorkload(w3);
if (want('4')) await responseWorkload(W.listStatus());
if (want('5')) await commandWorkload();
if (want('6')) for (const w of [w1, w2, w3]) await serializeWorkload(w);
for (const w of typeWorkloads(wantType)) await typeWorkload(w);
const mem = want('m') ? memoryChecks() : [];
const copies = want('2') ? copyStats(w2) : null;
const streaming = want('s') ? await runStreaming({ ResponseDecoder }) : null;
const RESULTS = fileURLToPath(new URL('./results.md', import.meta.url));
const cli = process.env.BENCH_CLI === '1' || want('c') && ONLY !== null ? await runCliBench({ log }) : null;

const cpu = os.cpus()[0]?.model ?? 'unknown CPU';
const header = [
  `Run ${started.toISOString()} · Node ${process.version} · ${os.cpus().length} × ${cpu} · load average ${loadAtStart.map((x) => x.toFixed(2)).join(' ')} at start, ${os.loadavg().map((x) => x.toFixed(2)).join(' ')} at end`,
  `${ROUNDS} timed rounds after 1 warm-up, round-robin in one process, median shown; input fed in 64 KiB chunks.`,
  CLOCK === 'cpu'
    ? 'Times ("ms") are CPU time: user + system of the process over the run (all its threads), which a shared machine distorts less than the wall clock; BENCH_CLOCK=wall for wall-clock times.'
    : 'Times ("ms") are wall-clock time (BENCH_CLOCK=wall).',
  `Cold: ${COLD_ROUNDS} more rounds with a forced full GC before every run (median). Heap B/response: V8 heap bytes allocated by one run (after the timed rounds) / responses; see docs/performance.md, Allocation.`,
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
  ...(typeRows.length > 0
    ? ['## Per response type (real server lines, bench/types.mjs)', '',
       'Each workload is one response type, from Dovecot 2.3 recordings in the repo (or in the exact shape Dovecot 2.3 / Cyrus 3.6 send where the recordings lack the type), repeated with varied numbers and names to about 2.5 MB. Both sides count every response by its kind and must match the workload. "framer-only is" = node-imap\'s time / the bare framer\'s (the most any decoder on that framer could reach); "% of framer throughput" = framer time / imapwire time.', '',
       typeTable(), '']
    : []),
  ...(ALLOC && (rows.length > 0 || typeRows.length > 0)
    ? ['## Allocation (V8 heap bytes per response)', '', allocTable(), '',
       `Baseline: bench/baseline-alloc.json (${baseline === null ? 'none recorded' : `${baseline.recorded}, ${baseline.commit.slice(0, 10)}`}). Small frames: decoding workloads whose frames average under ${SMALL_FRAME} bytes. ArrayBuffer backing stores (the framer's copies of frames that span chunks, literal buffers) are outside the V8 heap and not counted.`, '']
    : []),
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
if (process.env.BENCH_WRITE_BASELINE === '1') {
  const { execFileSync } = await import('node:child_process');
  // The code measured: the last commit that changed src/.
  const commit = execFileSync('git', ['log', '-1', '--format=%H', '--', 'src'], { encoding: 'utf8' }).trim();
  const prev = baseline ?? { bytesPerResponse: {}, ratios: {} };
  const now = baselineOf(commit);
  // Workloads not run this time keep their recorded values.
  const merged = { ...now, bytesPerResponse: { ...prev.bytesPerResponse, ...now.bytesPerResponse }, ratios: { ...prev.ratios, ...now.ratios } };
  writeFileSync(BASELINE, JSON.stringify(merged, null, 2) + '\n');
  log(`baseline written: ${BASELINE}`);
}
// The command's section is kept from the last run that measured it.
const kept = cli ?? (existsSync(RESULTS) ? cliSection(readFileSync(RESULTS, 'utf8')) : null);
if (cli !== null) console.log('\n' + cli);
if (ONLY === null) writeFileSync(RESULTS, report + '\n' + (kept !== null ? '\n' + kept + '\n' : ''));
else if (cli !== null) writeFileSync(RESULTS, withCliSection(readFileSync(RESULTS, 'utf8'), cli));
