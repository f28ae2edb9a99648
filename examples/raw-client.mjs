// A small IMAP client on the raw codec: node:net for the socket, imapwire's
// encodeCommand for the bytes and ResponseDecoder for the answers. It walks
// greeting -> LOGIN -> LIST -> SELECT -> FETCH -> find a part -> BODY.PEEK
// -> APPEND (a synchronizing literal) -> IDLE/DONE -> LOGOUT, prints what
// it sees and exits 0 only when every step succeeded (1 otherwise).
//
//   npm run build && node examples/raw-client.mjs
//   IMAP_HOST=127.0.0.1 IMAP_PORT=21143 IMAP_USER=alice IMAP_PASSWORD=alicepw node examples/raw-client.mjs
//
// The defaults are those of the test server (test/realserver/dovecot-up.sh).
// Plain IMAP on 127.0.0.1 only: use node:tls (or STARTTLS) for anything else.
import { connect } from 'node:net';
import {
  ResponseDecoder,
  encodeCommand,
  fetchItem,
  findPartByType,
  decodeTextPart,
  decodeSubject,
  formatSequenceSet,
} from 'imapwire';

const host = process.env.IMAP_HOST ?? '127.0.0.1';
const port = Number(process.env.IMAP_PORT ?? 21143);
const user = process.env.IMAP_USER ?? 'alice';
const password = process.env.IMAP_PASSWORD ?? 'alicepw';

const socket = connect({ host, port });
const decoder = new ResponseDecoder();

// Responses arrive in wire order; whoever waits takes the next one.
const queue = [];
const waiting = [];
let closed = null;
function deliver(item) {
  const w = waiting.shift();
  if (w !== undefined) w(item);
  else queue.push(item);
}
socket.on('data', (chunk) => {
  for (const ev of decoder.push(chunk)) {
    if (ev.type === 'response') deliver(ev.response);
    else if (ev.type === 'error') deliver(ev.error); // one bad frame; decoding goes on
  }
});
socket.on('close', () => {
  closed = new Error('the server closed the connection');
  for (const ev of decoder.end()) if (ev.type === 'error') deliver(ev.error);
  while (waiting.length > 0) waiting.shift()(closed);
});
socket.on('error', (e) => {
  closed = e;
  while (waiting.length > 0) waiting.shift()(e);
});

function next() {
  if (queue.length > 0) return Promise.resolve(queue.shift());
  if (closed !== null) return Promise.resolve(closed);
  return new Promise((resolve) => waiting.push(resolve));
}

async function nextResponse() {
  const r = await next();
  if (r instanceof Error) throw r;
  return r;
}

let capabilities = ['IMAP4rev1'];
let tagNumber = 0;

/**
 * Send one command and collect the untagged responses until its tagged
 * completion; wait for "+" before each synchronizing literal. Throws
 * unless the server answers OK.
 */
async function run(command, { onContinue } = {}) {
  const tag = `A${++tagNumber}`;
  const cmd = { ...command, tag };
  const untagged = [];
  for (const f of encodeCommand(cmd, { capabilities })) {
    if (f.type === 'literal' && f.mode === 'sync') {
      // RFC 9051 §4.3: the server must say "+" before the literal's bytes.
      for (;;) {
        const r = await nextResponse();
        if (r.type === 'continue') break;
        if (r.type === 'tagged' && r.tag === tag) throw new Error(`${command.type}: ${r.status} ${r.text}`);
        untagged.push(r);
      }
    }
    socket.write(f.bytes);
  }
  for (;;) {
    const r = await nextResponse();
    if (r.type === 'continue' && onContinue !== undefined) {
      await onContinue(r, untagged);
      continue;
    }
    if (r.type === 'tagged' && r.tag === tag) {
      if (r.status !== 'OK') throw new Error(`${command.type}: ${r.status} ${r.text}`);
      return { untagged, tagged: r };
    }
    untagged.push(r);
  }
}

const MESSAGE =
  'From: Example <example@example.org>\r\n' +
  'To: alice@example.org\r\n' +
  'Subject: =?UTF-8?Q?Gr=C3=BC=C3=9Fe_from_examples/raw-client.mjs?=\r\n' +
  'MIME-Version: 1.0\r\n' +
  'Content-Type: multipart/alternative; boundary="b1"\r\n' +
  '\r\n' +
  '--b1\r\n' +
  'Content-Type: text/plain; charset=utf-8\r\n' +
  'Content-Transfer-Encoding: quoted-printable\r\n' +
  '\r\n' +
  'Gr=C3=BC=C3=9Fe, this is the plain part.\r\n' +
  '--b1\r\n' +
  'Content-Type: text/html; charset=utf-8\r\n' +
  '\r\n' +
  '<p>Hello</p>\r\n' +
  '--b1--\r\n';

async function append() {
  // No LITERAL+ in the capabilities passed to encodeCommand: the message
  // goes as a synchronizing literal, so run() waits for "+".
  const { tagged } = await run({
    type: 'APPEND',
    mailbox: 'INBOX',
    messages: [{ flags: ['\\Seen'], data: { type: 'literal', data: new TextEncoder().encode(MESSAGE), binary: false } }],
  });
  return tagged;
}

const steps = [];
function step(name, detail) {
  steps.push(name);
  console.log(`ok ${steps.length} - ${name}${detail === undefined ? '' : `: ${detail}`}`);
}

async function main() {
  const greeting = await nextResponse();
  if (greeting.type !== 'OK' && greeting.type !== 'PREAUTH') throw new Error(`greeting: ${greeting.type} ${greeting.text ?? ''}`);
  if (greeting.code?.type === 'CAPABILITY') capabilities = greeting.code.capabilities;
  step('greeting', greeting.text);

  const login = await run({ type: 'LOGIN', userid: user, password });
  if (login.tagged.code?.type === 'CAPABILITY') capabilities = login.tagged.code.capabilities;
  // Keep LITERAL+ out so APPEND below shows the synchronizing handshake.
  capabilities = capabilities.filter((c) => !/^LITERAL[+-]$/i.test(c));
  step('LOGIN', user);

  const list = await run({ type: 'LIST', reference: '', patterns: ['*'] });
  const names = list.untagged.filter((r) => r.type === 'LIST').map((r) => r.mailbox);
  if (!names.some((n) => n.toUpperCase() === 'INBOX')) throw new Error('LIST: no INBOX');
  step('LIST', names.join(', '));

  let select = await run({ type: 'SELECT', mailbox: 'INBOX' });
  let exists = select.untagged.find((r) => r.type === 'EXISTS')?.count ?? 0;
  if (exists === 0) {
    // An empty INBOX has nothing to fetch: put the sample message there first.
    await append();
    select = await run({ type: 'SELECT', mailbox: 'INBOX' });
    exists = select.untagged.find((r) => r.type === 'EXISTS')?.count ?? 0;
  }
  step('SELECT', `INBOX has ${exists} messages`);

  const fetched = await run({
    type: 'FETCH',
    set: [[exists, exists]],
    items: [{ type: 'UID' }, { type: 'ENVELOPE' }, { type: 'BODYSTRUCTURE' }],
  });
  const fetch = fetched.untagged.find((r) => r.type === 'FETCH' && r.seq === exists);
  const uid = fetch && fetchItem(fetch.items, 'UID')?.value;
  const envelope = fetch && fetchItem(fetch.items, 'ENVELOPE')?.value;
  const structure = fetch && fetchItem(fetch.items, 'BODYSTRUCTURE')?.value;
  if (uid === undefined || envelope === undefined || structure === undefined) throw new Error('FETCH: no UID, ENVELOPE or BODYSTRUCTURE');
  step('FETCH', `UID ${uid}, subject ${JSON.stringify(decodeSubject(envelope))}`);

  const part = findPartByType(structure, 'text/plain') ?? findPartByType(structure, 'text/*');
  if (part === undefined) throw new Error('no text part');
  step('find a part', `text part ${part.part} (${part.body.encoding ?? '7bit'})`);

  const body = await run({
    type: 'FETCH',
    set: [[exists, exists]],
    items: [{ type: 'BODY[]', peek: true, section: { part: part.path } }],
  });
  const bodyFetch = body.untagged.find((r) => r.type === 'FETCH' && r.seq === exists);
  const bytes = bodyFetch && fetchItem(bodyFetch.items, 'BODY[]')?.value;
  if (bytes === undefined || bytes === null) throw new Error(`BODY.PEEK[${part.part}]: no data`);
  const text = decodeTextPart(bytes, part.body);
  if (text === null) throw new Error(`BODY.PEEK[${part.part}]: unknown transfer encoding or charset`);
  step(`BODY.PEEK[${part.part}]`, JSON.stringify(text.slice(0, 60)));

  const appended = await append();
  const appendUid = appended.code?.type === 'APPENDUID' ? ` (UID ${formatSequenceSet(appended.code.uids)})` : '';
  step('APPEND', `${MESSAGE.length} bytes as a synchronizing literal${appendUid}`);

  let idled = false;
  await run(
    { type: 'IDLE' },
    {
      onContinue: async () => {
        // "+ idling": the server now pushes updates; a client waits here,
        // then ends IDLE with DONE (RFC 2177 §3, RFC 9051 §6.3.13).
        idled = true;
        socket.write('DONE\r\n');
      },
    },
  );
  if (!idled) throw new Error('IDLE: no continuation');
  step('IDLE/DONE');

  const logout = await run({ type: 'LOGOUT' });
  if (!logout.untagged.some((r) => r.type === 'BYE')) throw new Error('LOGOUT: no BYE');
  step('LOGOUT');
  socket.end();
}

main().then(
  () => {
    console.log(`all ${steps.length} steps succeeded`);
    process.exitCode = 0;
  },
  (err) => {
    console.error(`step ${steps.length + 1} failed: ${err.message}`);
    socket.destroy();
    process.exitCode = 1;
  },
);
