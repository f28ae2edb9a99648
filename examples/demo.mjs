// Decode a recorded server stream into typed responses and print them.
//   node examples/demo.mjs [file] [--tokens]
// The file holds the exact bytes a server sent, CRLFs and literals included
// (default: examples/dovecot-session.imap, a real Dovecot 2.3 session).
// --tokens also prints each frame's generic tokens.
import { readFileSync } from 'node:fs';
import { Framer, ResponseDecoder, tokenize, serializeResponse } from '../dist/index.js';

const args = process.argv.slice(2);
const showTokens = args.includes('--tokens');
const file = args.find((a) => !a.startsWith('--')) ?? new URL('./dovecot-session.imap', import.meta.url);
const bytes = new Uint8Array(readFileSync(file));
const text = new TextDecoder();

// Values as compact JSON: bigints as 123n, message bytes as <n bytes "...">.
const show = (v) =>
  JSON.stringify(v, (_k, x) => {
    if (typeof x === 'bigint') return `${x}n`;
    if (x instanceof Uint8Array) {
      const s = text.decode(x.subarray(0, 24)).replace(/\r?\n/g, '⏎');
      return `<${x.length} bytes "${s}${x.length > 24 ? '…' : ''}">`;
    }
    return x;
  });

// Feed it in 100-byte chunks, as a socket would: values come out whole anyway.
const decoder = new ResponseDecoder({ onWarning: (w) => console.log(`  (lenient: ${w.name} at byte ${w.offset})`) });
const framer = new Framer({ side: 'client' });
let responses = 0;
let sameBytes = 0; // responses whose serialization equals the frame byte for byte
const frames = [];
for (let i = 0; i < bytes.length; i += 100) {
  const chunk = bytes.subarray(i, i + 100);
  for (const ev of framer.push(chunk)) if (ev.type === 'frame') frames.push(ev.frame);
  for (const ev of decoder.push(chunk)) {
    if (ev.type === 'error') {
      console.log(`error: ${ev.error.message}`);
      continue;
    }
    responses++;
    console.log(show(ev.response));
    const f = frames.shift();
    if (showTokens) {
      console.log('  tokens: ' + tokenize(f.bytes, f.offset).filter((t) => t.type !== 'sp' && t.type !== 'crlf')
        .map((t) => ('value' in t ? (t.value instanceof Uint8Array ? `{${t.value.length}}` : `${t.type}:${t.value}`) : t.type)).join(' '));
    }
    const again = serializeResponse(ev.response);
    if (again.length === f.bytes.length && again.every((b, k) => b === f.bytes[k])) sameBytes++;
  }
}
for (const ev of decoder.end()) if (ev.type === 'error') console.log(`error: ${ev.error.message}`);
console.log(`\n${responses} responses from ${bytes.length} bytes; ${sameBytes} serialize back to the very same bytes`);
