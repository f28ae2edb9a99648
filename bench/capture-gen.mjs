// A generated pcap of many interleaved IMAP sessions, for benchmarks of the
// capture layer and the imapwire command. Built with imapwire's own PcapWriter
// (run `npm run build` first), yielded chunk by chunk so it never sits in memory.
//   import { generateCapture } from './capture-gen.mjs';
//   for (const chunk of generateCapture({ bytes: 100e6 })) ...
//   node bench/capture-gen.mjs OUT.pcap [MB]     writes a file
import { createWriteStream } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { PcapWriter } from '../dist/capture/index.js';

const enc = (s) => new TextEncoder().encode(s);

/** The exchanges of one session: [direction, text] in order; about `size` bytes of FETCH answers. */
function sessionScript(n, size) {
  const steps = [
    ['server', '* OK [CAPABILITY IMAP4rev1 SASL-IR LITERAL+ AUTH=PLAIN] ready\r\n'],
    ['client', `a1 LOGIN user${n} secret${n}\r\n`],
    ['server', 'a1 OK [CAPABILITY IMAP4rev1 IDLE UIDPLUS MOVE] Logged in\r\n'],
    ['client', 'a2 SELECT INBOX\r\n'],
    ['server', '* FLAGS (\\Answered \\Flagged \\Deleted \\Seen \\Draft)\r\n* 20 EXISTS\r\n* OK [UIDVALIDITY 1700000000] UIDs valid\r\n* OK [UIDNEXT 21] Predicted next UID\r\na2 OK [READ-WRITE] Select completed\r\n'],
  ];
  let tag = 3;
  let sent = 0;
  for (let m = 1; sent < size; m++) {
    const body = `From: a@example.org\r\nSubject: message ${m} of session ${n}\r\n\r\n${'The quick brown fox jumps over the lazy dog.\r\n'.repeat(8 + (m % 16))}`;
    steps.push(['client', `a${tag} UID FETCH ${m} (FLAGS BODY.PEEK[])\r\n`]);
    steps.push(['server', `* ${m} FETCH (UID ${m} FLAGS (\\Seen) BODY[] {${body.length}}\r\n${body})\r\na${tag} OK Fetch completed\r\n`]);
    sent += body.length;
    tag++;
  }
  steps.push(['client', `a${tag} LOGOUT\r\n`]);
  steps.push(['server', `* BYE Logging out\r\na${tag} OK Logout completed\r\n`]);
  return steps;
}

/**
 * Yields a pcap (Ethernet, IPv4, TCP with handshakes and FINs) of `sessions`
 * sessions, `parallel` at a time with their packets interleaved, until about
 * `bytes` bytes. Chunks are about 1 MB.
 */
export function* generateCapture({ bytes = 100e6, sessionBytes = 8000, parallel = 50 } = {}) {
  const w = new PcapWriter({ mss: 1448 });
  let total = 0;
  let pending = [w.header()];
  let pendingLength = pending[0].length;
  let n = 0;
  const flush = function* (force) {
    if (pendingLength >= 1 << 20 || (force && pendingLength > 0)) {
      const out = new Uint8Array(pendingLength);
      let o = 0;
      for (const p of pending) { out.set(p, o); o += p.length; }
      pending = [];
      pendingLength = 0;
      yield out;
    }
  };
  const active = [];
  while (total < bytes || active.length > 0) {
    while (active.length < parallel && total < bytes) {
      const client = { address: `10.${(n >> 16) & 255}.${(n >> 8) & 255}.${n & 255}`, port: 30000 + (n % 30000) };
      const c = w.connect(client, { address: '192.0.2.1', port: 143 });
      active.push({ id: c.id, steps: sessionScript(n, sessionBytes), at: 0 });
      pending.push(c.bytes);
      pendingLength += c.bytes.length;
      total += c.bytes.length;
      n++;
    }
    for (let i = 0; i < active.length; i++) {
      const s = active[i];
      const [dir, text] = s.steps[s.at++];
      const rec = w.send(s.id, dir, enc(text));
      pending.push(rec);
      pendingLength += rec.length;
      total += rec.length;
      if (s.at === s.steps.length) {
        const fin = w.close(s.id);
        pending.push(fin);
        pendingLength += fin.length;
        total += fin.length;
        active.splice(i--, 1);
      }
    }
    yield* flush(false);
  }
  yield* flush(true);
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const [out, mb = '100'] = process.argv.slice(2);
  if (!out) {
    console.error('usage: node bench/capture-gen.mjs OUT.pcap [MB]');
    process.exit(2);
  }
  const file = createWriteStream(out);
  for (const chunk of generateCapture({ bytes: Number(mb) * 1e6 })) if (!file.write(chunk)) await new Promise((r) => file.once('drain', r));
  file.end();
}
