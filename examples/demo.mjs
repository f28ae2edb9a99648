// Frame a recorded server stream and print each frame with its tokens.
//   node examples/demo.mjs [file]      (default: examples/dovecot-session.imap)
// The file holds the exact bytes a server sent, CRLFs and literals included.
import { readFileSync } from 'node:fs';
import { Framer, tokenize, ImapParseError } from '../dist/index.js';

const file = process.argv[2] ?? new URL('./dovecot-session.imap', import.meta.url);
const bytes = new Uint8Array(readFileSync(file));

// Feed it in small chunks, as a socket would: frames come out whole anyway.
const framer = new Framer({ side: 'client' });
const events = [];
for (let i = 0; i < bytes.length; i += 100) events.push(...framer.push(bytes.subarray(i, i + 100)));
events.push(...framer.end());

const show = (t) => {
  switch (t.type) {
    case 'sp': return null;
    case 'crlf': return null;
    case 'literal': return `{${t.value.length}${t.binary ? ' binary' : ''}}`;
    case 'quoted': return JSON.stringify(t.value);
    case 'text': return `text:${JSON.stringify(t.value)}`;
    case 'nil': return 'NIL';
    case 'atom': case 'number': return t.value;
    default: return t.type;
  }
};

let n = 0;
for (const ev of events) {
  if (ev.type === 'error') {
    console.log(`error: ${ev.error.message}`);
    continue;
  }
  if (ev.type !== 'frame') continue;
  const { frame } = ev;
  n++;
  const lits = frame.literals.length ? `, literals: ${frame.literals.map((l) => l.length + ' B').join(', ')}` : '';
  console.log(`frame ${n} @${frame.offset} (${frame.bytes.length} bytes${lits})`);
  try {
    console.log('  ' + tokenize(frame.bytes, frame.offset).map(show).filter((x) => x !== null).join(' '));
  } catch (e) {
    if (e instanceof ImapParseError) console.log('  tokens: ' + e.message);
    else throw e;
  }
}
console.log(`${n} frames from ${bytes.length} bytes`);
