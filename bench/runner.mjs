// Measurement: every contender of a workload runs in this one process,
// round-robin (the order rotates each round) after warm-up rounds, the median of the timed rounds is reported.
// On a shared machine absolute numbers drift; ratios taken this way hold.
//
// GC is forced once before a workload's warm-up, never between the steady
// timed runs: on Node 20 a forced full GC (`gc()`) deoptimizes every
// optimized function ("weak objects"), so each timed run would re-pay JIT
// warm-up. Garbage a contender leaves is collected during later runs; the
// rotating order spreads that cost over everyone. The cold variant
// (`cold: true`) forces a full GC before every run on purpose: it measures a
// process that just started or is under memory pressure.

import v8 from 'node:v8';
import { runInNewContext } from 'node:vm';

v8.setFlagsFromString('--expose-gc');
export const gc = runInNewContext('gc');

export function median(xs) {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 === 1 ? s[m] : (s[m - 1] + s[m]) / 2;
}

/**
 * The clock the tables use: `cpu` (default) is the process's user + system
 * CPU time over the run (process.cpuUsage: every thread, so the GC's and the
 * compiler's helper threads count too), which a machine shared with other
 * work distorts far less than the wall clock; `wall` is performance.now().
 */
export const CLOCK = process.env.BENCH_CLOCK === 'wall' ? 'wall' : 'cpu';

/**
 * Run `contenders` ({ name, run: () => result | Promise<result>, check(result) })
 * for `warmup + rounds` rounds. Returns { name, ms, wallMs, cpuMs, all, result }
 * per contender: medians of the timed rounds, `ms` by CLOCK.
 * With `cold`, a full GC is forced before every run (outside the timing).
 */
export async function roundRobin(contenders, { rounds = 5, warmup = 1, cold = false, log = () => {} } = {}) {
  const times = new Map(contenders.map((c) => [c.name, []]));
  const results = new Map();
  gc();
  for (let r = 0; r < warmup + rounds; r++) {
    for (let k = 0; k < contenders.length; k++) {
      const c = contenders[(k + r) % contenders.length];
      if (cold) gc();
      const c0 = process.cpuUsage();
      const t0 = performance.now();
      const res = await c.run();
      const wall = performance.now() - t0;
      const used = process.cpuUsage(c0);
      const cpu = (used.user + used.system) / 1000;
      const problem = c.check(res);
      if (problem) throw new Error(`${c.name}: ${problem}`);
      results.set(c.name, res);
      if (r >= warmup) {
        times.get(c.name).push({ wall, cpu });
      }
    }
    log(`  ${cold ? 'cold ' : ''}round ${r + 1}/${warmup + rounds}${r < warmup ? ' (warm-up)' : ''}`);
  }
  return contenders.map((c) => {
    const all = times.get(c.name);
    const wallMs = median(all.map((t) => t.wall));
    const cpuMs = median(all.map((t) => t.cpu));
    return { name: c.name, ms: CLOCK === 'cpu' ? cpuMs : wallMs, wallMs, cpuMs, all, result: results.get(c.name) };
  });
}

/**
 * Bytes allocated on the V8 heap while `run()` (sync or async) runs:
 * used_heap_size after − before, plus what every GC in between freed
 * (its used_heap_size before − after, from v8.GCProfiler, which records each
 * scavenge and full GC with the heap statistics around it). Exact to within
 * 0.1 % for JS objects, strings and typed-array headers; ArrayBuffer backing
 * stores live outside the V8 heap and are not counted. The median of
 * `repeat` runs is kept: a run that recompiles a function also counts the
 * code it allocates, and now and then the heap shrinks outside any GC
 * (seen early in a process), which would make one run read low.
 * Returns { bytes, gcs (of the median run), result }.
 */
export async function allocated(run, { repeat = 3 } = {}) {
  const runs = [];
  let result;
  for (let i = 0; i < repeat; i++) {
    const prof = new v8.GCProfiler();
    const before = v8.getHeapStatistics().used_heap_size;
    prof.start();
    result = await run();
    const after = v8.getHeapStatistics().used_heap_size;
    const { statistics } = prof.stop();
    let freed = 0;
    for (const s of statistics) freed += s.beforeGC.heapStatistics.usedHeapSize - s.afterGC.heapStatistics.usedHeapSize;
    runs.push({ bytes: after - before + freed, gcs: statistics.length });
  }
  runs.sort((a, b) => a.bytes - b.bytes);
  const mid = runs[runs.length >> 1];
  return { bytes: mid.bytes, gcs: mid.gcs, result };
}

/** Sample memory while `fn` runs (it calls `sample()` now and then); returns peaks over the baseline. */
export function peakMemory(fn) {
  gc();
  gc();
  const base = process.memoryUsage();
  let peakAb = 0;
  let peakRss = 0;
  let peakHeap = 0;
  const sample = () => {
    const m = process.memoryUsage();
    peakAb = Math.max(peakAb, m.arrayBuffers - base.arrayBuffers);
    peakRss = Math.max(peakRss, m.rss - base.rss);
    peakHeap = Math.max(peakHeap, m.heapUsed - base.heapUsed);
  };
  const t0 = performance.now();
  const result = fn(sample);
  const ms = performance.now() - t0;
  sample();
  return { ms, result, arrayBuffers: peakAb, rss: peakRss, heap: peakHeap };
}

export const fmt = {
  int: (n) => Math.round(n).toLocaleString('en-US'),
  mb: (n) => (n / 1e6).toFixed(1),
  x: (n) => (n >= 10 ? n.toFixed(0) : n.toFixed(1)) + '×',
};
