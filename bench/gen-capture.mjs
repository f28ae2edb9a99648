// A generated pcap of many interleaved IMAP sessions, for the command-line
// benchmark (bench/cli.mjs) and the bounded-memory test (test/cli). Each
// session: greeting, CAPABILITY, LOGIN, SELECT, FETCH of flags and
// envelopes, a message body as a literal, a STORE, LOGOUT; `concurrent`
// sessions run at once, their steps round-robin, so the packets of many
// connections interleave as on a busy server. The PcapWriter is passed in
// (the test uses the TypeScript source, the benchmarks the build). Also the
// capture benchmark's input (bench/capture.mjs), written by a child process:
//   npm run build && node bench/gen-capture.mjs OUT.pcap [MB]
const enc = new TextEncoder();

function body(n, size) {
  const head = `From: Sender ${n} <s${n}@example.org>\r\nTo: r@example.org\r\nSubject: Message ${n}\r\n\r\n`;
  let text = head;
  while (text.length < size) text += `Line ${text.length} of message ${n}, some text to fill the body.\r\n`;
  return text.slice(0, size);
}

function session(i, bodySize) {
  const steps = [];
  const S = (s) => steps.push(['server', s]);
  const C = (s) => steps.push(['client', s]);
  S('* OK [CAPABILITY IMAP4rev1 SASL-IR LOGIN-REFERRALS ID ENABLE IDLE LITERAL+ AUTH=PLAIN] Dovecot ready.\r\n');
  C('a1 CAPABILITY\r\n');
  S('* CAPABILITY IMAP4rev1 SASL-IR LOGIN-REFERRALS ID ENABLE IDLE SORT THREAD=REFERENCES MULTIAPPEND UNSELECT CHILDREN NAMESPACE UIDPLUS LIST-EXTENDED I18NLEVEL=1 CONDSTORE QRESYNC ESEARCH ESORT SEARCHRES WITHIN CONTEXT=SEARCH LIST-STATUS BINARY MOVE SPECIAL-USE\r\na1 OK Pre-login capabilities listed.\r\n');
  C(`a2 LOGIN user${i} pw${i}secret\r\n`);
  S('a2 OK [CAPABILITY IMAP4rev1 SASL-IR ID ENABLE IDLE SORT CONDSTORE QRESYNC MOVE] Logged in\r\n');
  C('a3 SELECT INBOX\r\n');
  S('* FLAGS (\\Answered \\Flagged \\Deleted \\Seen \\Draft)\r\n* OK [PERMANENTFLAGS (\\Answered \\Flagged \\Deleted \\Seen \\Draft \\*)] Flags permitted.\r\n* 8 EXISTS\r\n* 0 RECENT\r\n* OK [UIDVALIDITY 1764600000] UIDs valid\r\n* OK [UIDNEXT 9] Predicted next UID\r\n* OK [HIGHESTMODSEQ 42] Highest\r\na3 OK [READ-WRITE] Select completed (0.001 + 0.000 secs).\r\n');
  C('a4 UID FETCH 1:8 (UID FLAGS RFC822.SIZE INTERNALDATE ENVELOPE)\r\n');
  let f = '';
  for (let m = 1; m <= 8; m++) {
    f += `* ${m} FETCH (UID ${m} FLAGS (\\Seen) RFC822.SIZE ${bodySize} INTERNALDATE "01-Dec-2026 12:00:0${m} +0000" ENVELOPE ("Tue, 01 Dec 2026 12:00:0${m} +0000" "Message ${m} of session ${i}" (("Sender ${m}" NIL "s${m}" "example.org")) (("Sender ${m}" NIL "s${m}" "example.org")) (("Sender ${m}" NIL "s${m}" "example.org")) ((NIL NIL "r" "example.org")) NIL NIL NIL "<m${m}.${i}@example.org>"))\r\n`;
  }
  S(f + 'a4 OK Fetch completed.\r\n');
  C('a5 UID FETCH 8 (BODY.PEEK[])\r\n');
  const b = body(i, bodySize);
  S(`* 8 FETCH (UID 8 BODY[] {${b.length}}\r\n${b})\r\na5 OK Fetch completed.\r\n`);
  C('a6 UID STORE 8 +FLAGS.SILENT (\\Flagged)\r\n');
  S('a6 OK Store completed.\r\n');
  C('a7 LOGOUT\r\n');
  S('* BYE Logging out\r\na7 OK Logout completed.\r\n');
  return steps;
}

/**
 * Writes a pcap of about `bytes` bytes through `write(chunk)` (called with
 * chunks of about 1 MiB, so the whole file is never held).
 * Returns { bytes, sessions, commands, responses }.
 */
export function generateCapture(PcapWriter, { bytes, concurrent = 64, bodySize = 2048, write, start = 1764600000 }) {
  const w = new PcapWriter();
  let pending = [];
  let pendingBytes = 0;
  let total = 0;
  const emit = (b) => {
    if (b.length === 0) return;
    pending.push(b);
    pendingBytes += b.length;
    total += b.length;
    if (pendingBytes >= 1 << 20) flush();
  };
  const flush = () => {
    if (pending.length === 0) return;
    const out = new Uint8Array(pendingBytes);
    let o = 0;
    for (const p of pending) {
      out.set(p, o);
      o += p.length;
    }
    pending = [];
    pendingBytes = 0;
    write(out);
  };
  emit(w.header());
  let t = start;
  let next = 0;
  let commands = 0;
  let responses = 0;
  const active = [];
  const open = () => {
    const i = next++;
    const port = 10000 + (i % 50000);
    const c = w.connect({ address: `10.${(i >> 16) & 255}.${(i >> 8) & 255}.${i & 255}`, port }, { address: '192.0.2.1', port: 143 }, { time: t });
    emit(c.bytes);
    active.push({ id: c.id, steps: session(i, bodySize), at: 0 });
  };
  while (total < bytes || active.length > 0) {
    while (total < bytes && active.length < concurrent) open();
    for (let k = 0; k < active.length; k++) {
      const s = active[k];
      const [dir, text] = s.steps[s.at++];
      t += 0.0001;
      emit(w.send(s.id, dir, enc.encode(text), t));
      if (dir === 'client') commands++;
      else responses += text.split('\r\n').length - 1;
      if (s.at === s.steps.length) {
        emit(w.close(s.id, t));
        active.splice(k--, 1);
      }
    }
  }
  flush();
  return { bytes: total, sessions: next, commands };
}

if (process.argv[1] === (await import('node:url')).fileURLToPath(import.meta.url)) {
  const { closeSync, openSync, writeSync } = await import('node:fs');
  const [out, mb = '100'] = process.argv.slice(2);
  if (!out) {
    console.error('usage: node bench/gen-capture.mjs OUT.pcap [MB]');
    process.exit(2);
  }
  const { PcapWriter } = await import('../dist/capture/pcap-writer.js');
  const fd = openSync(out, 'w');
  generateCapture(PcapWriter, { bytes: Number(mb) * 1e6, write: (b) => writeSync(fd, b) });
  closeSync(fd);
}
