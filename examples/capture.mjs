// Read a capture with imapwire/capture: connections, bytes per direction, the
// first lines each side sent. Then write a small pcap with the PcapWriter and
// read it back.
//   npm run build && node examples/capture.mjs [FILE]    (default: examples/captures/fetchmail.pcap)
import { createReadStream } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { CaptureReader, CaptureError, PcapWriter, readCapture } from '../dist/capture/index.js';

const file = process.argv[2] ?? fileURLToPath(new URL('./captures/fetchmail.pcap', import.meta.url));
const reader = new CaptureReader({ name: file });
const conns = new Map();

function handle(ev) {
  switch (ev.type) {
    case 'open':
      conns.set(ev.connection.id, { info: ev.connection, bytes: { client: 0, server: 0 }, head: { client: '', server: '' }, gaps: 0 });
      break;
    case 'data': {
      const c = conns.get(ev.connection);
      c.bytes[ev.direction] += ev.bytes.length;
      if (c.head[ev.direction].length < 200) c.head[ev.direction] += new TextDecoder().decode(ev.bytes.subarray(0, 200));
      break;
    }
    case 'gap':
      conns.get(ev.connection).gaps++;
      break;
    case 'notice':
      console.log(`notice: ${ev.message}`);
      break;
  }
}

try {
  for await (const chunk of createReadStream(file)) reader.push(chunk).forEach(handle);
  reader.end().forEach(handle);
} catch (e) {
  if (!(e instanceof CaptureError)) throw e;
  console.error(`${file}: ${e.message}`);
  process.exit(2);
}

console.log(`${file}: ${reader.format}, ${conns.size} connection(s)`);
for (const c of conns.values()) {
  console.log(`\n${c.info.id} (${c.info.reason}${c.info.tls ? ', TLS' : ''}): client ${c.bytes.client} B, server ${c.bytes.server} B, ${c.gaps} gap(s)`);
  for (const dir of ['server', 'client']) {
    const line = c.head[dir].split('\r\n')[0];
    console.log(`  first ${dir} line: ${line.length > 72 ? line.slice(0, 72) + '…' : line}`);
  }
}

// Writing: a session as a pcap (Ethernet/IPv4/TCP, real sequence numbers), read back.
const enc = (s) => new TextEncoder().encode(s);
const w = new PcapWriter();
const c = w.connect({ address: '192.0.2.10', port: 50000 }, { address: '192.0.2.1', port: 143 });
const parts = [w.header(), c.bytes, w.send(c.id, 'server', enc('* OK ready\r\n')), w.send(c.id, 'client', enc('a1 LOGOUT\r\n')),
  w.send(c.id, 'server', enc('* BYE bye\r\na1 OK done\r\n')), w.close(c.id)];
const pcap = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
parts.reduce((o, p) => (pcap.set(p, o), o + p.length), 0);
const back = readCapture(pcap).filter((e) => e.type === 'data').map((e) => `${e.direction}@${e.offset}: ${JSON.stringify(new TextDecoder().decode(e.bytes))}`);
console.log(`\nwritten ${pcap.length} B of pcap, read back:\n  ${back.join('\n  ')}`);
