// Decode a recorded client stream into typed commands, the way a server
// (or a proxy) reads it, and write each one back.
//   node examples/commands.mjs [file]     (default: examples/dovecot-session.client.imap)
import { readFileSync } from 'node:fs';
import { CommandDecoder, serializeCommand } from '../dist/index.js';

const file = process.argv[2] ?? new URL('./dovecot-session.client.imap', import.meta.url);
const bytes = new Uint8Array(readFileSync(file));
const show = (v) =>
  JSON.stringify(v, (_k, x) => (typeof x === 'bigint' ? `${x}n` : x instanceof Uint8Array ? `<${x.length} bytes>` : x));

const decoder = new CommandDecoder({ capabilities: ['IMAP4rev1', 'LITERAL+'] });
decoder.authenticated = true;
const events = [...decoder.push(bytes), ...decoder.end()];
let n = 0;
for (const ev of events) {
  if (ev.type === 'command') {
    n++;
    console.log(show(ev.command));
    console.log('  → ' + JSON.stringify(new TextDecoder().decode(serializeCommand(ev.command)).slice(0, 100)));
  } else if (ev.type === 'literal') {
    console.log(`  (synchronizing literal of ${ev.length} bytes announced by ${ev.tag}: a server answers "+" first)`);
    events.push(...decoder.acceptLiteral());
  } else {
    console.log(ev);
  }
}
console.log(`\n${n} commands from ${bytes.length} bytes`);
