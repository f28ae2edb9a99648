// Literal streaming: 1 GiB of FETCH responses, each with a 1 MiB BODY[]
// literal, generated on the fly and pushed in 64 KiB chunks from one reused
// buffer through ResponseDecoder({ streamLiteralsAbove }). Reports peak RSS
// and arrayBuffers over the baseline, and MB/s of input.
//
//   npm run build --silent && node bench/streaming.mjs
//   IMAPWIRE_DIST=/tmp/x/index.js node bench/streaming.mjs   # a build elsewhere
// (bench/run.mjs imports runStreaming() for its report.)
import { fileURLToPath, pathToFileURL } from 'node:url';

const MiB = 1 << 20;

export async function runStreaming({ total = 1024 * MiB, literal = MiB, chunk = 64 * 1024, ResponseDecoder } = {}) {
  if (ResponseDecoder === undefined) {
    const dist = process.env.IMAPWIRE_DIST ? pathToFileURL(process.env.IMAPWIRE_DIST).href : '../dist/index.js';
    ({ ResponseDecoder } = await import(dist));
  }
  const te = new TextEncoder();
  const buf = new Uint8Array(chunk);
  for (let i = 0; i < chunk; i++) buf[i] = 0x41 + (i % 26);
  const tail = te.encode(' FLAGS (\\Seen))\r\n');
  const messages = Math.floor(total / literal);
  const d = new ResponseDecoder({ streamLiteralsAbove: 64 * 1024 });
  globalThis.gc?.();
  const m0 = process.memoryUsage();
  let peakRss = m0.rss;
  let peakAb = m0.arrayBuffers;
  let delivered = 0;
  let responses = 0;
  let input = 0;
  const take = (evs) => {
    for (const e of evs) {
      if (e.type === 'literal-chunk') delivered += e.bytes.length;
      else if (e.type === 'response') responses++;
      else if (e.type === 'error') throw e.error;
    }
  };
  const t0 = process.hrtime.bigint();
  for (let n = 1; n <= messages; n++) {
    const head = te.encode(`* ${n} FETCH (UID ${n} BODY[] {${literal}}\r\n`);
    input += head.length + literal + tail.length;
    take(d.push(head));
    for (let left = literal; left > 0; left -= chunk) take(d.push(left >= chunk ? buf : buf.subarray(0, left)));
    take(d.push(tail));
    if (n % 16 === 0) {
      const m = process.memoryUsage();
      if (m.rss > peakRss) peakRss = m.rss;
      if (m.arrayBuffers > peakAb) peakAb = m.arrayBuffers;
    }
  }
  take(d.end());
  const secs = Number(process.hrtime.bigint() - t0) / 1e9;
  if (delivered !== messages * literal || responses !== messages) throw new Error(`delivered ${delivered} bytes in ${responses} responses`);
  return {
    messages,
    delivered,
    secs,
    mbps: input / 1e6 / secs,
    rssBefore: m0.rss,
    peakRss,
    rssGrowth: peakRss - m0.rss,
    abGrowth: peakAb - m0.arrayBuffers,
  };
}

export function formatStreaming(r) {
  const mb = (x) => (x / MiB).toFixed(1);
  return [
    `| input | delivered in literal-chunk events | time | MB/s | peak RSS | RSS growth | arrayBuffers growth |`,
    `|---|---|---|---|---|---|---|`,
    `| ${r.messages} × 1 MiB BODY[] in 64 KiB chunks | ${mb(r.delivered)} MiB | ${r.secs.toFixed(2)} s | ${r.mbps.toFixed(0)} | ${mb(r.peakRss)} MiB | ${mb(r.rssGrowth)} MiB | ${mb(r.abGrowth)} MiB |`,
  ].join('\n');
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const r = await runStreaming();
  console.log(`node ${process.version}`);
  console.log(formatStreaming(r));
}
