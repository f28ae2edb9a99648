// Write the RFC-style C:/S: form of the first IMAP connection of a capture:
//   node test/capture/to-transcript.mjs CAPTURE [PORT] > out.txt   (after npm run build)
// Every line of each direction becomes "C: line" or "S: line", in the order the
// lines completed in the capture.
import { readFileSync } from 'node:fs';
import { readCapture } from '../../dist/capture/index.js';

const [file, port] = process.argv.slice(2);
const events = readCapture(readFileSync(file), { name: file, ports: port ? [Number(port)] : [] });
const first = events.find((e) => e.type === 'open');
if (!first) {
  console.error(`${file}: no IMAP connection`);
  process.exit(2);
}
const pending = { client: '', server: '' };
let out = '';
for (const e of events) {
  if (e.type !== 'data' || e.connection !== first.connection.id) continue;
  pending[e.direction] += Buffer.from(e.bytes).toString('latin1');
  let nl;
  while ((nl = pending[e.direction].indexOf('\n')) >= 0) {
    const line = pending[e.direction].slice(0, nl).replace(/\r$/, '');
    out += `${e.direction === 'client' ? 'C' : 'S'}: ${line}\n`;
    pending[e.direction] = pending[e.direction].slice(nl + 1);
  }
}
process.stdout.write(Buffer.from(out, 'latin1'));
