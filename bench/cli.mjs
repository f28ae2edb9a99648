// The `imapwire` command on a generated ~100 MB pcap of many interleaved
// sessions, side by side with tshark's IMAP dissector when tshark is
// installed. `BENCH_CLI=1 npm run bench` runs it after the other workloads;
// `npm run build && node bench/cli.mjs` runs it alone. Either way its
// section of bench/results.md is replaced. Environment:
//   BENCH_CLI_MB=n      size of the generated capture in MB (default 100)
//   BENCH_CLI_ROUNDS=n  runs per contender, the median is shown (default 1)
//
// Each contender is a child process with its output to /dev/null. Wall
// time, CPU time (user + system) and peak resident memory (VmHWM) are read
// from /proc/<pid> while it runs (Linux); imapwire also reports its own
// peak (IMAPWIRE_MEMORY_REPORT=1) and the larger of the two is shown.
import { spawn, spawnSync } from 'node:child_process';
import { closeSync, existsSync, mkdirSync, openSync, readFileSync, statSync, writeFileSync, writeSync } from 'node:fs';
import os from 'node:os';
import { fileURLToPath } from 'node:url';
import { generateCapture } from './gen-capture.mjs';

const HERE = fileURLToPath(new URL('.', import.meta.url));
const BIN = fileURLToPath(new URL('../bin/imapwire.mjs', import.meta.url));
const RESULTS = fileURLToPath(new URL('./results.md', import.meta.url));
export const SECTION = '## The imapwire command on a generated capture (bench/cli.mjs)';
const TICKS = 100; // USER_HZ on Linux

/** Peak RSS and CPU of a running child, read from /proc until it exits. */
function watch(pid) {
  const m = { peak: 0, cpu: 0 };
  const read = () => {
    try {
      const st = readFileSync(`/proc/${pid}/status`, 'utf8');
      const hwm = /^VmHWM:\s+(\d+) kB/m.exec(st);
      if (hwm) m.peak = Math.max(m.peak, Number(hwm[1]) * 1024);
      const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
      const f = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      m.cpu = Math.max(m.cpu, (Number(f[11]) + Number(f[12])) / TICKS);
    } catch {
      // gone
    }
  };
  const timer = setInterval(read, 20);
  return { m, stop: () => (read(), clearInterval(timer)) };
}

function runOnce(cmd, args, env = {}) {
  return new Promise((resolve, reject) => {
    const devnull = openSync('/dev/null', 'w');
    const t0 = performance.now();
    const child = spawn(cmd, args, { stdio: ['ignore', devnull, 'pipe'], env: { ...process.env, ...env } });
    const w = watch(child.pid);
    let err = '';
    child.stderr.on('data', (c) => (err += c));
    child.on('error', reject);
    child.on('exit', () => w.stop());
    child.on('close', (code) => {
      closeSync(devnull);
      const ms = performance.now() - t0;
      const report = err.split('\n').find((l) => l.startsWith('{"memoryReport"'));
      const self = report ? JSON.parse(report).memoryReport.peakRss ?? 0 : 0;
      resolve({ code, ms, cpu: w.m.cpu, peak: Math.max(w.m.peak, self), err });
    });
  });
}

const median = (xs) => [...xs].sort((a, b) => a - b)[xs.length >> 1];

async function measure(name, cmd, args, rounds, log, env) {
  const runs = [];
  for (let i = 0; i < rounds; i++) {
    const r = await runOnce(cmd, args, env);
    if (r.code !== 0 && r.code !== 1) throw new Error(`${name}: exit ${r.code}: ${r.err.trim().split('\n').pop()}`);
    runs.push(r);
    log(`  ${name}: ${(r.ms / 1000).toFixed(1)} s wall, ${r.cpu.toFixed(1)} s CPU, ${(r.peak / 1e6).toFixed(0)} MB peak`);
  }
  return { name, ms: median(runs.map((r) => r.ms)), cpu: median(runs.map((r) => r.cpu)), peak: median(runs.map((r) => r.peak)) };
}

/** Runs the benchmark; returns its section of results.md (markdown). */
export async function runCliBench({ log = (s) => process.stderr.write(s + '\n') } = {}) {
  const mb = Number(process.env.BENCH_CLI_MB ?? 100);
  const rounds = Number(process.env.BENCH_CLI_ROUNDS ?? 1);
  const { PcapWriter } = await import('../dist/capture/pcap-writer.js');
  mkdirSync(`${HERE}.tmp`, { recursive: true });
  const file = `${HERE}.tmp/cli-${mb}mb.pcap`;
  let info;
  if (!existsSync(file)) {
    log(`cli: generating ${mb} MB of interleaved sessions in ${file}`);
    const fd = openSync(file, 'w');
    info = generateCapture(PcapWriter, { bytes: mb * 1e6, write: (b) => writeSync(fd, b) });
    closeSync(fd);
  }
  const size = statSync(file).size;
  const loadStart = os.loadavg();
  const mem = { IMAPWIRE_MEMORY_REPORT: '1' };
  const rows = [];
  rows.push(await measure('imapwire parse --format json > /dev/null', process.execPath, [BIN, 'parse', '--format', 'json', file], rounds, log, mem));
  rows.push(await measure('imapwire validate', process.execPath, [BIN, 'validate', file], rounds, log, mem));
  rows.push(await measure('imapwire stats', process.execPath, [BIN, 'stats', file], rounds, log, mem));
  const tshark = spawnSync('tshark', ['--version'], { encoding: 'utf8' });
  let ref;
  if (tshark.status === 0) {
    const version = tshark.stdout.split('\n')[0].trim().replace(/\.$/, '');
    ref = await measure(`${version}: -Y imap -T fields -e imap.request_tag -e imap.response.status`, 'tshark', ['-r', file, '-Y', 'imap', '-T', 'fields', '-e', 'imap.request_tag', '-e', 'imap.response.status'], rounds, log);
    rows.push(ref);
  } else log('cli: tshark is not installed; imapwire alone');
  const sessions = info ? `, ${info.sessions.toLocaleString('en-US')} sessions` : '';
  const lines = [
    SECTION,
    '',
    `Run ${new Date().toISOString()} · Node ${process.version} · ${os.cpus().length} × ${os.cpus()[0]?.model ?? 'unknown CPU'} · load average ${loadStart.map((x) => x.toFixed(2)).join(' ')} at start, ${os.loadavg().map((x) => x.toFixed(2)).join(' ')} at end.`,
    `Input: ${(size / 1e6).toFixed(1)} MB pcap of interleaved IMAP sessions${sessions} (bench/gen-capture.mjs, 64 at a time), output to /dev/null, ${rounds} run(s) each, median shown.`,
    'MB/s by wall time and by CPU time (user + system: what the process itself spent, less sensitive to a busy machine); peak = VmHWM.',
    '',
    '| command | wall s | MB/s (wall) | CPU s | MB/s (CPU) | peak RSS MB | vs tshark: throughput (CPU) | vs tshark: peak memory |',
    '|---|---:|---:|---:|---:|---:|---:|---:|',
  ];
  for (const r of rows) {
    const vsT = ref && r !== ref ? `${(ref.cpu / r.cpu).toFixed(1)}×` : r === ref ? '—' : '';
    const vsM = ref && r !== ref ? `${(r.peak / ref.peak).toFixed(2)}×` : r === ref ? '—' : '';
    lines.push(`| ${r.name} | ${(r.ms / 1000).toFixed(1)} | ${(size / 1e6 / (r.ms / 1000)).toFixed(1)} | ${r.cpu.toFixed(1)} | ${(size / 1e6 / r.cpu).toFixed(1)} | ${(r.peak / 1e6).toFixed(0)} | ${vsT} | ${vsM} |`);
  }
  if (ref) {
    const goal = (r) => `${r.name.split(' ')[1]}: ${(ref.cpu / r.cpu).toFixed(1)}× tshark's throughput (goal ≥ 10×: ${ref.cpu / r.cpu >= 10 ? 'met' : 'missed'}), ${(r.peak / ref.peak).toFixed(2)}× its peak memory (goal ≤ 0.25×: ${r.peak / ref.peak <= 0.25 ? 'met' : 'missed'}).`;
    lines.push('', ...rows.slice(0, 2).map(goal));
  }
  return lines.join('\n');
}

/** results.md with its CLI section replaced by `section` (or appended). */
export function withCliSection(text, section) {
  const at = text.indexOf(SECTION);
  if (at < 0) return text.replace(/\n*$/, '\n\n') + section + '\n';
  const next = text.indexOf('\n## ', at + SECTION.length);
  return text.slice(0, at) + section + '\n' + (next < 0 ? '' : text.slice(next));
}

/** The CLI section of results.md as it is, to carry over a run that did not measure it. */
export function cliSection(text) {
  const at = text.indexOf(SECTION);
  if (at < 0) return null;
  const next = text.indexOf('\n## ', at + SECTION.length);
  return text.slice(at, next < 0 ? undefined : next).trimEnd();
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const section = await runCliBench();
  console.log(section);
  writeFileSync(RESULTS, withCliSection(readFileSync(RESULTS, 'utf8'), section));
}
