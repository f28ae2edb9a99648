// Deterministic workloads for the benchmark. Every generator is seeded, so
// two runs (and every contender in one run) see the same bytes.

const enc = new TextEncoder();

/** A small deterministic PRNG (mulberry32). */
export function rng(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const pad2 = (n) => (n < 10 ? '0' + n : String(n));

function dateTime(r) {
  const day = 1 + Math.floor(r() * 28);
  const d = day < 10 ? ' ' + day : String(day);
  return `"${d}-${MONTHS[Math.floor(r() * 12)]}-${2015 + Math.floor(r() * 10)} ${pad2(Math.floor(r() * 24))}:${pad2(Math.floor(r() * 60))}:${pad2(Math.floor(r() * 60))} ${r() < 0.5 ? '+0000' : '-0700'}"`;
}

const FLAG_SETS = ['(\\Seen \\Answered)', '(\\Seen)', '()', '(\\Seen \\Flagged)', '(\\Seen $Forwarded)'];

/** Join byte pieces into one buffer. */
export function concat(parts) {
  let total = 0;
  for (const p of parts) total += p.length;
  const out = new Uint8Array(total);
  let o = 0;
  for (const p of parts) {
    out.set(p, o);
    o += p.length;
  }
  return out;
}

/** (1) `n` small FETCH lines, exactly the shape of the issue. */
export function smallFetch(n = 50_000) {
  const r = rng(1);
  const lines = [];
  for (let i = 1; i <= n; i++) {
    lines.push(`* ${i} FETCH (UID ${i + 1000} FLAGS (\\Seen \\Answered) INTERNALDATE ${dateTime(r)} RFC822.SIZE ${2000 + Math.floor(r() * 60000)})\r\n`);
  }
  return { name: '(1) small FETCH', bytes: enc.encode(lines.join('')), responses: n };
}

/** A message body of `size` bytes: header lines then text lines, CRLF-terminated (so literals hold LFs). */
export function messageBody(size, seed) {
  const r = rng(seed);
  const words = ['the', 'meeting', 'report', 'imap', 'quarterly', 'please', 'attached', 'review', 'server', 'thanks', 'budget', 'Grüße', 'déjà'];
  let s = `Return-Path: <alice@example.org>\r\nFrom: Alice <alice@example.org>\r\nTo: Bob <bob@example.com>\r\nSubject: Report ${seed}\r\nMessage-ID: <${seed}@example.org>\r\nMIME-Version: 1.0\r\nContent-Type: text/plain; charset=utf-8\r\n\r\n`;
  while (s.length < size) {
    let line = '';
    while (line.length < 70) line += words[Math.floor(r() * words.length)] + ' ';
    s += line + '\r\n';
  }
  const b = enc.encode(s);
  return b.subarray(0, size);
}

/**
 * (2) `n` FETCH lines, one of every 25 carrying a `BODY[]` literal of
 * `bodySize` bytes (about 46 MB for the defaults).
 */
export function bodyFetch(n = 50_000, every = 25, bodySize = 20 * 1024) {
  const r = rng(2);
  const bodies = [messageBody(bodySize, 1), messageBody(bodySize, 2), messageBody(bodySize, 3)];
  const parts = [];
  let literalBytes = 0;
  let pending = '';
  for (let i = 1; i <= n; i++) {
    const head = `* ${i} FETCH (UID ${i + 1000} FLAGS ${FLAG_SETS[i % FLAG_SETS.length]} INTERNALDATE ${dateTime(r)} RFC822.SIZE ${2000 + Math.floor(r() * 60000)}`;
    if (i % every === 0) {
      const body = bodies[i % 3];
      parts.push(enc.encode(pending + head + ` BODY[] {${body.length}}\r\n`), body);
      literalBytes += body.length;
      pending = ')\r\n';
    } else pending += head + ')\r\n';
  }
  parts.push(enc.encode(pending));
  return { name: '(2) FETCH + 20 KB BODY[]', bytes: concat(parts), responses: n, literalBytes };
}

// ---- (3) ENVELOPE + BODYSTRUCTURE -------------------------------------------

const NAMES = ['Alice Martin', 'Bob Ödegaard', '=?utf-8?q?J=C3=BCrgen_M=C3=BCller?=', 'Carol', 'Dan "the man" Smith', 'Équipe support'];
const HOSTS = ['example.org', 'mail.example.com', 'lists.example.net'];

function q(s) {
  return '"' + s.replace(/[\\"]/g, (c) => '\\' + c) + '"';
}

function address(r) {
  const name = r() < 0.2 ? 'NIL' : q(NAMES[Math.floor(r() * NAMES.length)]);
  const mbox = ['alice', 'bob', 'carol.jones', 'noreply', 'dev-list'][Math.floor(r() * 5)];
  return `(${name} NIL ${q(mbox)} ${q(HOSTS[Math.floor(r() * HOSTS.length)])})`;
}

function addressList(r, max) {
  const n = 1 + Math.floor(r() * max);
  let s = '(';
  for (let i = 0; i < n; i++) s += address(r);
  return s + ')';
}

function envelope(r, i) {
  const from = addressList(r, 1);
  const subj = ['Quarterly report', '=?utf-8?b?w4RwZmVsIHVuZCBCaXJuZW4=?=', 'Re: [dev] imap codec \\"fast\\" path', 'Lunch?', 'Invoice #' + i][i % 5];
  return `(${q('Mon, 7 Feb 1994 21:52:25 -0800')} ${q(subj)} ${from} ${from} ${from} ${addressList(r, 3)} ${r() < 0.5 ? addressList(r, 2) : 'NIL'} NIL ${r() < 0.4 ? q('<' + (i - 1) + '@example.org>') : 'NIL'} ${q('<' + i + '.' + Math.floor(r() * 1e6) + '@example.org>')})`;
}

function textPart(r, sub, ext) {
  const size = 200 + Math.floor(r() * 20000);
  const base = `("TEXT" "${sub}" ("CHARSET" "utf-8") NIL NIL "${r() < 0.5 ? 'QUOTED-PRINTABLE' : '7BIT'}" ${size} ${1 + Math.floor(size / 60)}`;
  return ext ? base + ' NIL NIL NIL NIL)' : base + ')';
}

function attachment(r) {
  const size = 10000 + Math.floor(r() * 500000);
  const name = ['report.pdf', 'photo.jpg', 'Übersicht.xlsx'][Math.floor(r() * 3)];
  const type = name.endsWith('pdf') ? '"APPLICATION" "PDF"' : name.endsWith('jpg') ? '"IMAGE" "JPEG"' : '"APPLICATION" "VND.OPENXMLFORMATS-OFFICEDOCUMENT.SPREADSHEETML.SHEET"';
  return `(${type} ("NAME" ${q(name)}) NIL NIL "BASE64" ${size} NIL ("ATTACHMENT" ("FILENAME" ${q(name)})) NIL NIL)`;
}

function bodyStructure(r, i) {
  const alt = `(${textPart(r, 'PLAIN', true)}${textPart(r, 'HTML', true)} "ALTERNATIVE" ("BOUNDARY" "b1_${i}") NIL NIL NIL)`;
  switch (i % 4) {
    case 0:
      return textPart(r, 'PLAIN', true);
    case 1:
      return alt;
    case 2:
      return `(${alt}${attachment(r)} "MIXED" ("BOUNDARY" "b0_${i}") NIL NIL NIL)`;
    default: {
      // A forwarded message: message/rfc822 with its own envelope and body.
      const inner = `("MESSAGE" "RFC822" NIL NIL NIL "7BIT" 4242 ${envelope(r, i + 1)} ${textPart(r, 'PLAIN', false)} 88 NIL NIL NIL NIL)`;
      return `(${textPart(r, 'PLAIN', true)}${inner} "MIXED" ("BOUNDARY" "b2_${i}") NIL NIL NIL)`;
    }
  }
}

/** (3) `n` FETCH responses with ENVELOPE and BODYSTRUCTURE of realistic (multipart) mail. */
export function envelopeFetch(n = 10_000) {
  const r = rng(3);
  const lines = [];
  for (let i = 1; i <= n; i++) {
    lines.push(`* ${i} FETCH (UID ${i + 1000} FLAGS ${FLAG_SETS[i % FLAG_SETS.length]} ENVELOPE ${envelope(r, i)} BODYSTRUCTURE ${bodyStructure(r, i)})\r\n`);
  }
  return { name: '(3) ENVELOPE + BODYSTRUCTURE', bytes: enc.encode(lines.join('')), responses: n };
}

// ---- (4) LIST / STATUS session ------------------------------------------------

/** (4) A LIST / STATUS heavy session: folder listing, a STATUS per folder, completions. */
export function listStatus(folders = 20_000) {
  const r = rng(4);
  const lines = [];
  let tag = 1;
  let count = 0;
  const attrs = ['(\\HasNoChildren)', '(\\HasChildren)', '(\\HasNoChildren \\Sent)', '(\\Noselect \\HasChildren)', '(\\HasNoChildren \\Trash)'];
  const names = [];
  for (let i = 0; i < folders; i++) {
    const name = i % 7 === 0 ? `Archive/${2000 + (i % 25)}/Projekt &AMQ-bersicht ${i}` : `INBOX/Folder ${i}`;
    names.push(name);
    lines.push(`* LIST ${attrs[i % attrs.length]} "/" ${q(name)}\r\n`);
    count++;
  }
  lines.push(`A${tag++} OK LIST completed (0.012 + 0.000 + 0.011 secs).\r\n`);
  count++;
  for (let i = 0; i < folders; i++) {
    lines.push(`* STATUS ${q(names[i])} (MESSAGES ${Math.floor(r() * 50000)} UIDNEXT ${Math.floor(r() * 90000) + 1} UNSEEN ${Math.floor(r() * 100)} UIDVALIDITY ${1600000000 + i})\r\n`);
    lines.push(`A${tag++} OK STATUS completed\r\n`);
    count += 2;
  }
  return { name: '(4) LIST / STATUS session', bytes: enc.encode(lines.join('')), responses: count };
}

// ---- (5) server side: a command mix ---------------------------------------------

/**
 * (5) What a server reads: FETCH, UID STORE, SEARCH and APPEND with a
 * synchronizing literal. `flights` splits the stream where a real client
 * stops to wait for "+" (just after each `{n}` line), so every contender
 * sees literal data only after the literal was accepted.
 */
export function commandMix(n = 40_000) {
  const r = rng(5);
  const flights = [];
  let cur = '';
  let curParts = [];
  const msg = [messageBody(2000, 11), messageBody(6000, 12), messageBody(12000, 13)];
  let appends = 0;
  for (let i = 1; i <= n; i++) {
    const tag = 'A' + i;
    switch (i % 10) {
      case 0: {
        const data = msg[appends++ % 3];
        cur += `${tag} APPEND INBOX (\\Seen) ${dateTime(r)} {${data.length}}\r\n`;
        curParts.push(enc.encode(cur));
        flights.push(concat(curParts));
        curParts = [data];
        cur = '\r\n';
        break;
      }
      case 1:
      case 4:
      case 7: {
        const a = 1 + Math.floor(r() * 90000);
        cur += `${tag} UID FETCH ${a}:${a + Math.floor(r() * 500)} (UID FLAGS INTERNALDATE RFC822.SIZE BODY.PEEK[HEADER.FIELDS (FROM TO SUBJECT DATE MESSAGE-ID)])\r\n`;
        break;
      }
      case 2:
      case 5:
      case 8: {
        const a = 1 + Math.floor(r() * 90000);
        cur += `${tag} UID STORE ${a},${a + 3}:${a + 9} +FLAGS.SILENT (\\Seen $Label1)\r\n`;
        break;
      }
      case 3:
        cur += `${tag} UID SEARCH UNSEEN SINCE 1-Feb-2024 FROM "smith" NOT DELETED\r\n`;
        break;
      case 6:
        cur += `${tag} SEARCH OR SUBJECT "quarterly report" BODY "déjà vu" LARGER 10000\r\n`;
        break;
      default:
        cur += `${tag} FETCH 1:100 (FLAGS UID ENVELOPE BODYSTRUCTURE)\r\n`;
    }
  }
  curParts.push(enc.encode(cur));
  flights.push(concat(curParts));
  const bytes = concat(flights);
  return { name: '(5) server command mix', bytes, flights, commands: n };
}

/** Split `bytes` into chunks of `size` (views, no copy). */
export function chunked(bytes, size) {
  const out = [];
  for (let i = 0; i < bytes.length; i += size) out.push(bytes.subarray(i, Math.min(bytes.length, i + size)));
  return out;
}

/** Chunks for the server side: each flight split into `size` chunks, never crossing a flight. */
export function flightChunks(flights, size) {
  const out = [];
  for (const f of flights) out.push(...chunked(f, size));
  return out;
}
