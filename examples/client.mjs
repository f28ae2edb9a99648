// An IMAP client on imapwire's sans-I/O ClientSession over node:net: the session
// allocates tags, waits for "+" before synchronizing literals and routes responses;
// this file only moves bytes and checks results. Exit 0 only if every step succeeded.
//   IMAP_HOST=127.0.0.1 IMAP_PORT=21143 IMAP_USER=carol IMAP_PASSWORD='c a"r\ol' node examples/client.mjs
import { connect } from 'node:net';
import { ClientSession, fetchItem, findPartByType, decodeTextPart, decodeSubject } from 'imapwire';

const env = process.env;
const socket = connect({ host: env.IMAP_HOST ?? '127.0.0.1', port: Number(env.IMAP_PORT ?? 21143) });
// nonSyncLiterals: false, so APPEND's literal waits for the server's "+" even under LITERAL+.
const session = new ClientSession({ onOutput: (b) => socket.write(b), nonSyncLiterals: false, onEvent: (e) => e.type === 'unsolicited' && console.log('  event', e.response.type) });
socket.on('data', (b) => session.receive(b));
socket.on('close', () => session.end());
socket.on('error', (e) => fail(`socket: ${e.message}`));

let n = 0;
function fail(why) { console.error(`step ${n} failed: ${why}`); process.exit(1); }
function check(ok, why) { if (!ok) fail(why); }
async function step(name, handle, show = (c) => c.tagged.text) {
  n++;
  const c = await handle.then(undefined, (e) => fail(`${name}: ${e.message}`));
  console.log(`ok ${n} - ${name}: ${show(c)}`);
  return c;
}

n++; const greeting = await session.greeted();
console.log(`ok ${n} - greeting: ${greeting.type} ${greeting.text}`);
await step('LOGIN', session.login(env.IMAP_USER ?? 'carol', env.IMAP_PASSWORD ?? 'c a"r\\ol'));
const list = await step('LIST', session.command({ type: 'LIST', reference: '', patterns: ['*'] }), (c) => c.untagged.map((r) => r.mailbox).join(', '));
check(list.untagged.some((r) => r.type === 'LIST' && r.mailbox === 'INBOX'), 'no INBOX in LIST');
const message = 'Subject: =?UTF-8?Q?Gr=C3=BC=C3=9Fe?=\r\nFrom: carol@example.org\r\nContent-Type: multipart/mixed; boundary=b\r\n\r\n' +
  '--b\r\nContent-Type: text/plain; charset=utf-8\r\n\r\nHello from the session client.\r\n--b--\r\n';
const append = await step('APPEND (synchronizing literal)', session.command({ type: 'APPEND', mailbox: 'INBOX', messages: [{ flags: ['\\Seen'], data: { type: 'literal', data: new TextEncoder().encode(message), binary: false } }] }));
check(append.tagged.code?.type === 'APPENDUID', 'no APPENDUID');
const uid = append.tagged.code.uids[0];
await step('SELECT', session.select('INBOX'), () => `${session.selected.count} messages, UIDVALIDITY ${session.selected.uidValidity}`);
const meta = await step('FETCH ENVELOPE BODYSTRUCTURE', session.command({ type: 'FETCH', uid: true, set: String(uid), items: ['UID', 'ENVELOPE', 'BODYSTRUCTURE'] }),
  (c) => `subject ${JSON.stringify(decodeSubject(fetchItem(c.untagged[0].items, 'ENVELOPE').value))}`);
check(meta.untagged.length === 1 && decodeSubject(fetchItem(meta.untagged[0].items, 'ENVELOPE').value) === 'Grüße', 'wrong envelope');
const part = findPartByType(fetchItem(meta.untagged[0].items, 'BODYSTRUCTURE').value, 'text/*');
check(part !== undefined, 'no text part');
const body = await step(`FETCH BODY.PEEK[${part.part}]`, session.command({ type: 'FETCH', uid: true, set: String(uid), items: [`BODY.PEEK[${part.part}]`] }),
  (c) => JSON.stringify(decodeTextPart(fetchItem(c.untagged[0].items, 'BODY[]').value, part.body)));
check(decodeTextPart(fetchItem(body.untagged[0].items, 'BODY[]').value, part.body)?.startsWith('Hello from the session client.'), 'wrong text');
const idle = session.idle();
check(await idle.accepted(), 'IDLE refused');
await new Promise((r) => setTimeout(r, 300));
idle.done();
await step('IDLE/DONE', idle);
const bye = await step('LOGOUT', session.logout());
check(bye.untagged.some((r) => r.type === 'BYE'), 'no BYE');
socket.end();
console.log(`all ${n} steps succeeded`);
