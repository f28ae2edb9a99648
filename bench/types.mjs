// Per-type workloads: one response type each, built from real server lines
// and repeated (numbers, names and choices varied by a seeded PRNG) to a few
// MB. Where a line is quoted from a recording the repo holds, the comment
// names it:
//   interop  = test/corpus/dovecot/interop.server.imap (Dovecot 2.3.19, the
//              project's test server, recorded by test/corpus)
//   session  = test/corpus/dovecot/session.server.imap (same server)
//   fetchmail = examples/captures/fetchmail.rawlog.out (Dovecot's rawlog)
// Lines of a type those recordings do not hold are written in the exact shape
// the named server sends ("Dovecot 2.3 shape" / "Cyrus 3.6 shape").
//
// Tags are A<n> throughout: node-imap's parser only recognises tagged
// responses whose tag is "A" and digits (RE_TAGGED in imap/lib/Parser.js).
//
// Every workload says how many responses of which kind it holds (`types`,
// keyed as countKey() in peers.mjs names them), so the runner can check that
// each contender really produced one value per line of the expected type.

import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { rng } from './workloads.mjs';


const pick = (r, xs) => xs[Math.floor(r() * xs.length)];
const int = (r, lo, hi) => lo + Math.floor(r() * (hi - lo + 1));
const time = (r) => `(0.00${int(r, 0, 9)} + 0.000${r() < 0.5 ? '' : ` + 0.00${int(r, 0, 9)}`} secs).`;

/** Mailbox names: the interop session's own (modified UTF-7 included) and numbered ones like them. */
const REAL_NAMES = ['INBOX', 'Drafts', 'Sent', 'Junk', 'Trash', 'Archive', '"Old Mail"', '"Shared Folder"', 'Scratch', 'Projects', 'Projects/2026', 'Projects/2026/Q1', '"Re&AOc-us &- Envoy&AOk-s"', '&ZeVnLIqe-', 'Entw&APw-rfe'];
function mailbox(r, i) {
  switch (i % 4) {
    case 0:
      return pick(r, REAL_NAMES);
    case 1:
      return `Projects/${2000 + (i % 27)}/Q${1 + (i % 4)}`;
    case 2:
      return `"Archive ${2000 + (i % 25)}/Entw&APw-rfe ${i}"`;
    default:
      return `INBOX/Folder${i}`;
  }
}

const PERMANENT = ['(\\Answered \\Flagged \\Deleted \\Seen \\Draft \\*)', '(\\Answered \\Flagged \\Deleted \\Seen \\Draft $Label1 $Important $Checked \\*)', '()', '(\\Answered \\Flagged \\Deleted \\Seen \\Draft $Label1 \\*)'];
const FLAGS = ['(\\Answered \\Flagged \\Deleted \\Seen \\Draft)', '(\\Answered \\Flagged \\Deleted \\Seen \\Draft $Label1)', '(\\Answered \\Flagged \\Deleted \\Seen \\Draft $Label1 $Important)', '(\\Answered \\Flagged \\Deleted \\Seen \\Draft $Label1 $Important $Checked)', '(\\Answered \\Flagged \\Deleted \\Seen \\Draft $Label1 $Important $Resync)'];

/** A sequence set like the ones Dovecot writes in ESEARCH ALL: ranges and single numbers. */
function seqSet(r) {
  const parts = [];
  let n = int(r, 1, 50);
  const k = int(r, 1, 6);
  for (let i = 0; i < k; i++) {
    const len = int(r, 0, 40);
    parts.push(len === 0 ? String(n) : `${n}:${n + len}`);
    n += len + int(r, 2, 30);
  }
  return parts.join(',');
}

function numbers(r, k, max) {
  const out = [];
  for (let i = 0; i < k; i++) out.push(int(r, 1, max));
  return out;
}

/** A THREAD list in the shape of interop's `(1)(3)(5)(7)(9 (11)(10))(2)...`: single messages, chains, branches. */
function threads(r) {
  let s = '';
  let n = int(r, 1, 20);
  const k = int(r, 3, 12);
  for (let i = 0; i < k; i++) {
    const shape = r();
    if (shape < 0.5) s += `(${n++})`;
    else if (shape < 0.8) {
      s += `(${n} ${n + 1} ${n + 2})`;
      n += 3;
    } else {
      s += `(${n} (${n + 2})(${n + 1}))`;
      n += 3;
    }
  }
  return s;
}

// The CAPABILITY lines: Dovecot's pre- and post-login lists (session), and
// Cyrus 3.6's post-login list (Cyrus 3.6 shape).
const CAPABILITIES = [
  'IMAP4rev1 SASL-IR LOGIN-REFERRALS ID ENABLE IDLE LITERAL+ AUTH=PLAIN AUTH=LOGIN AUTH=CRAM-MD5 AUTH=SCRAM-SHA-1 AUTH=SCRAM-SHA-256 AUTH=ANONYMOUS',
  'IMAP4rev1 SASL-IR LOGIN-REFERRALS ID ENABLE IDLE SORT SORT=DISPLAY THREAD=REFERENCES THREAD=REFS THREAD=ORDEREDSUBJECT MULTIAPPEND URL-PARTIAL CATENATE UNSELECT CHILDREN NAMESPACE UIDPLUS LIST-EXTENDED I18NLEVEL=1 CONDSTORE QRESYNC ESEARCH ESORT SEARCHRES WITHIN CONTEXT=SEARCH LIST-STATUS BINARY MOVE SNIPPET=FUZZY PREVIEW=FUZZY PREVIEW STATUS=SIZE SAVEDATE LITERAL+ NOTIFY METADATA SPECIAL-USE COMPRESS=DEFLATE QUOTA ACL RIGHTS=texk',
  'IMAP4rev1 LITERAL+ ID ENABLE ACL RIGHTS=kxten QUOTA MAILBOX-REFERRALS NAMESPACE UIDPLUS NO_ATOMIC_RENAME UNSELECT CHILDREN MULTIAPPEND BINARY CATENATE CONDSTORE ESEARCH SEARCH=FUZZY SORT SORT=MODSEQ SORT=DISPLAY SORT=UID THREAD=ORDEREDSUBJECT THREAD=REFERENCES THREAD=REFS ANNOTATEMORE ANNOTATE-EXPERIMENT-1 METADATA LIST-EXTENDED LIST-STATUS LIST-MYRIGHTS LIST-METADATA WITHIN QRESYNC SCAN XLIST XMOVE MOVE SPECIAL-USE CREATE-SPECIAL-USE DIGEST=SHA1 X-REPLICATION STATUS=SIZE OBJECTID SAVEDATE X-CREATEDMODSEQ PREVIEW=FUZZY IDLE APPENDLIMIT=2147483647 URLAUTH URLAUTH=BINARY AUTH=PLAIN SASL-IR COMPRESS=DEFLATE X-QUOTA=STORAGE X-QUOTA=MESSAGE X-QUOTA=X-ANNOTATION-STORAGE X-QUOTA=X-NUM-FOLDERS',
];

/**
 * The FETCH ENVELOPE + BODYSTRUCTURE responses of the interop session
 * (12 messages of real multipart mail: alternative, mixed with attachments,
 * message/rfc822 three deep, encoded words, a subject sent as a literal),
 * cut from the recording by their `* n FETCH (UID u` start and kept byte for
 * byte after it. Read as latin1 so every byte is one char.
 */
function realEnvelopeFetches() {
  const file = fileURLToPath(new URL('../test/corpus/dovecot/interop.server.imap', import.meta.url));
  const text = readFileSync(file, 'latin1');
  const out = [];
  const re = /\* \d+ FETCH \(UID \d+ (FLAGS [^\r]*? ENVELOPE )/g;
  let m;
  while ((m = re.exec(text)) !== null) {
    // The frame runs to the CRLF that ends a line not announcing a literal.
    let end = m.index;
    for (;;) {
      const crlf = text.indexOf('\r\n', end);
      const lit = /\{(\d+)\}$/.exec(text.slice(Math.max(end, crlf - 12), crlf));
      if (lit === null) {
        end = crlf + 2;
        break;
      }
      end = crlf + 2 + Number(lit[1]);
    }
    out.push(text.slice(m.index + m[0].length - m[1].length, end)); // from "FLAGS ..." on
  }
  if (out.length !== 12) throw new Error(`expected 12 ENVELOPE FETCH frames in the interop recording, found ${out.length}`);
  return out;
}

/**
 * The per-type workloads: { key, label, line(r, i) → string | [string, kind][] , kinds }.
 * `line` returns one response (its kind is `kind`), or a list of [text, kind]
 * when one step writes several responses of different kinds.
 */
function specs() {
  const fetches = realEnvelopeFetches();
  return [
    {
      key: 'ok-code',
      label: 'untagged OK with a code',
      kind: 'OK',
      // interop: the SELECT/EXAMINE codes, numbers varied.
      line: (r, i) =>
        [
          () => `* OK [UNSEEN ${int(r, 1, 9000)}] First unseen.`,
          () => `* OK [UIDVALIDITY ${1795652196 + (i % 5000)}] UIDs valid`,
          () => `* OK [UIDNEXT ${int(r, 2, 90000)}] Predicted next UID`,
          () => `* OK [HIGHESTMODSEQ ${int(r, 1, 900000)}] Highest`,
          () => `* OK [PERMANENTFLAGS ${pick(r, PERMANENT)}] ${r() < 0.8 ? 'Flags permitted.' : 'Read-only mailbox.'}`,
          () => '* OK [CLOSED] Previous mailbox closed.',
        ][i % 6](),
    },
    {
      key: 'tagged-ok',
      label: 'tagged OK',
      kind: 'tagged OK',
      // fetchmail / interop completions (with and without a code), timings varied.
      line: (r, i) =>
        `A${i} OK ` +
        [
          () => `Fetch completed ${time(r)}`,
          () => `[READ-WRITE] Select completed ${time(r)}`,
          () => `[APPENDUID ${1795652196 + (i % 100)} ${int(r, 1, 90000)}] Append completed ${time(r)}`,
          () => `Store completed ${time(r)}`,
          () => `List completed ${time(r)}`,
          () => `[READ-ONLY] Examine completed ${time(r)}`,
          () => `Search completed ${time(r)}`,
          () => `[COPYUID ${1795652199 + (i % 100)} ${int(r, 1, 900)}:${int(r, 901, 2000)} ${int(r, 1, 900)}:${int(r, 901, 2000)}] Moved UIDs. ${time(r)}`,
        ][i % 8](),
    },
    {
      key: 'tagged-no',
      label: 'tagged NO',
      kind: 'tagged NO',
      // Dovecot 2.3 shape (imap/cmd-*.c, lib-storage error strings) and
      // Cyrus 3.6 shape (imap/imapd.c, the error_message() texts).
      line: (r, i) =>
        `A${i} NO ` +
        [
          () => `[NONEXISTENT] Mailbox doesn't exist: ${mailbox(r, i)} ${time(r)}`, // Dovecot 2.3
          () => `[TRYCREATE] Mailbox doesn't exist: Archive/${2000 + (i % 25)} ${time(r)}`, // Dovecot 2.3
          () => `[ALREADYEXISTS] Mailbox already exists ${time(r)}`, // Dovecot 2.3
          () => '[AUTHENTICATIONFAILED] Authentication failed.', // Dovecot 2.3
          () => `[SERVERBUG] Internal error occurred. Refer to server log for more information. [2026-12-01 ${10 + (i % 10)}:${10 + (i % 50)}:0${i % 10}] ${time(r)}`, // Dovecot 2.3
          () => 'Mailbox does not exist', // Cyrus 3.6
          () => '[OVERQUOTA] Over quota', // Cyrus 3.6
          () => 'Permission denied', // Cyrus 3.6
        ][i % 8](),
    },
    {
      key: 'tagged-bad',
      label: 'tagged BAD',
      kind: 'tagged BAD',
      line: (r, i) =>
        `A${i} BAD ` +
        [
          () => 'Error in IMAP command received by server.', // Dovecot 2.3
          () => `Error in IMAP command ${pick(r, ['XYZZY', 'FOO', 'GETMETA'])}: Unknown command. ${time(r)}`, // Dovecot 2.3
          () => `Error in IMAP command UID FETCH: Invalid uidset ${time(r)}`, // Dovecot 2.3
          () => `Error in IMAP command SELECT: Missing parameter ${time(r)}`, // Dovecot 2.3
          () => 'Unrecognized command', // Cyrus 3.6
          () => 'Invalid sequence in Fetch', // Cyrus 3.6
        ][i % 6](),
    },
    {
      key: 'bye',
      label: 'BYE',
      kind: 'BYE',
      // interop's "Logging out"; the others Dovecot 2.3 shape.
      line: (r, i) => ['* BYE Logging out', '* BYE Disconnected for inactivity.', '* BYE Server shutting down.', `* BYE Too many invalid IMAP commands.`][i % 4],
    },
    {
      key: 'capability',
      label: 'CAPABILITY',
      kind: 'CAPABILITY',
      line: (r, i) => `* CAPABILITY ${CAPABILITIES[i % 3]}`,
    },
    {
      key: 'list',
      label: 'LIST',
      kind: 'LIST',
      // interop's LIST lines: its attribute sets, its names and names like them.
      line: (r, i) => `* LIST ${pick(r, ['(\\HasNoChildren)', '(\\HasNoChildren)', '(\\Noselect \\HasChildren)', '(\\HasNoChildren \\Drafts)', '(\\HasNoChildren \\Sent)', '(\\Subscribed \\HasNoChildren \\Trash)', '(\\HasNoChildren \\Archive)'])} "/" ${mailbox(r, i)}`,
    },
    {
      key: 'lsub',
      label: 'LSUB',
      kind: 'LSUB',
      // interop's LSUB lines.
      line: (r, i) => `* LSUB ${pick(r, ['()', '(\\Drafts)', '(\\Sent)', '(\\Trash)', '(\\Archive)', '()'])} "/" ${mailbox(r, i)}`,
    },
    {
      key: 'status',
      label: 'STATUS',
      kind: 'STATUS',
      // interop's two STATUS shapes (SELECT-less status and LIST-STATUS).
      line: (r, i) =>
        i % 2 === 0
          ? `* STATUS ${mailbox(r, i)} (MESSAGES ${int(r, 0, 50000)} RECENT ${int(r, 0, 50)} UIDNEXT ${int(r, 1, 90000)} UIDVALIDITY ${1795652196 + i} UNSEEN ${int(r, 0, 900)} HIGHESTMODSEQ ${int(r, 1, 90000)} SIZE ${int(r, 0, 900000000)})`
          : `* STATUS ${mailbox(r, i)} (MESSAGES ${int(r, 0, 50000)} UIDNEXT ${int(r, 1, 90000)} UNSEEN ${int(r, 0, 900)} SIZE ${int(r, 0, 900000000)})`,
    },
    { key: 'exists', label: 'EXISTS', kind: 'EXISTS', line: (r) => `* ${int(r, 0, 99999)} EXISTS` }, // interop
    { key: 'expunge', label: 'EXPUNGE', kind: 'EXPUNGE', line: (r) => `* ${int(r, 1, 99999)} EXPUNGE` }, // RFC 3501 / Dovecot 2.3 shape (interop uses QRESYNC, so VANISHED)
    { key: 'recent', label: 'RECENT', kind: 'RECENT', line: (r) => `* ${int(r, 0, 999)} RECENT` }, // interop
    { key: 'flags', label: 'FLAGS', kind: 'FLAGS', line: (r) => `* FLAGS ${pick(r, FLAGS)}` }, // interop
    {
      key: 'search',
      label: 'SEARCH',
      kind: 'SEARCH',
      // interop: lists of 1..12 numbers, one with (MODSEQ n); here up to 40 numbers.
      line: (r, i) => `* SEARCH ${numbers(r, int(r, 1, 40), 99999).join(' ')}${i % 10 === 9 ? ` (MODSEQ ${int(r, 1, 99999)})` : ''}`,
    },
    {
      key: 'esearch',
      label: 'ESEARCH',
      kind: 'ESEARCH',
      // interop's three ESEARCH shapes.
      line: (r, i) => {
        const a = int(r, 1, 500);
        const b = a + int(r, 0, 5000);
        return [
          () => `* ESEARCH (TAG "A${i}") UID MIN ${a} MAX ${b} ALL ${seqSet(r)} COUNT ${int(r, 1, 5000)}`,
          () => `* ESEARCH (TAG "A${i}") COUNT ${int(r, 0, 5000)}`,
          () => `* ESEARCH (TAG "A${i}") UID MIN ${a} MAX ${b} COUNT ${int(r, 1, 5000)}`,
        ][i % 3]();
      },
    },
    { key: 'sort', label: 'SORT', kind: 'SORT', line: (r) => `* SORT ${numbers(r, int(r, 2, 40), 99999).join(' ')}` }, // interop
    { key: 'thread', label: 'THREAD', kind: 'THREAD', line: (r) => `* THREAD ${threads(r)}` }, // interop
    {
      key: 'namespace',
      label: 'NAMESPACE',
      kind: 'NAMESPACE',
      line: (r, i) =>
        [
          '* NAMESPACE (("" "/")) (("shared/" "/")) NIL', // interop
          '* NAMESPACE (("" "/")) NIL NIL', // Dovecot 2.3 shape, no shared namespace
          '* NAMESPACE (("INBOX." ".")) (("user." ".")) (("shared." "."))', // Cyrus 3.6 shape
          '* NAMESPACE (("" "/")) (("Other Users/" "/")) (("Shared Folders/" "/"))', // Cyrus 3.6 shape, altnamespace
        ][i % 4],
    },
    {
      key: 'quota',
      label: 'QUOTA / QUOTAROOT',
      kind: 'QUOTA',
      // interop: GETQUOTAROOT answers QUOTAROOT then QUOTA; Cyrus 3.6 shape for its roots.
      line: (r, i) =>
        i % 2 === 0
          ? [
              [`* QUOTAROOT ${i % 4 === 0 ? 'INBOX "User quota"' : `${mailbox(r, i)} user.alice`}`, 'QUOTAROOT'],
              [`* QUOTA "User quota" (STORAGE ${int(r, 0, 1048576)} 1048576 MESSAGE ${int(r, 0, 100000)} 100000)`, 'QUOTA'],
            ]
          : [[`* QUOTA user.alice (STORAGE ${int(r, 0, 512000)} 512000)`, 'QUOTA']],
    },
    {
      key: 'fetch-envbs',
      label: 'FETCH ENVELOPE + BODYSTRUCTURE (real multipart mail)',
      kind: 'FETCH',
      // interop: the 12 real frames, sequence number and UID varied.
      line: (r, i) => `* ${i} FETCH (UID ${i + int(r, 0, 9)} ${fetches[i % fetches.length]}`,
      raw: true, // the frame carries its own CRLF (and literals)
    },
  ];
}

/**
 * All per-type workloads (those whose key `only` accepts), each about
 * `bytes` long: { key, name, label, bytes, responses, types: { kind: n } }.
 */
export function typeWorkloads(only = () => true, { bytes: TARGET = 2.5e6 } = {}) {
  const out = [];
  let seed = 100;
  for (const s of specs()) {
    seed++;
    if (!only(s.key)) continue;
    const r = rng(seed);
    const parts = [];
    const types = {};
    let size = 0;
    let responses = 0;
    for (let i = 1; size < TARGET; i++) {
      const got = s.line(r, i);
      for (const [text, kind] of typeof got === 'string' ? [[got, s.kind]] : got) {
        const t = s.raw ? text : text + '\r\n';
        parts.push(t);
        size += t.length;
        types[kind] = (types[kind] ?? 0) + 1;
        responses++;
      }
    }
    out.push({ key: s.key, name: `(t) ${s.label}`, label: s.label, bytes: new Uint8Array(Buffer.from(parts.join(''), 'latin1')), responses, types });
  }
  return out;
}
