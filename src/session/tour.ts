/**
 * The built-in tour of `imapwire run`: scripts (see ./script.ts) chosen
 * from what the server advertises. It reads the user's mail but changes
 * none of it: everything it writes goes to a scratch mailbox it creates
 * and deletes.
 */
import { quote } from './script.js';

/** Who logs in, and the scratch mailbox's name. */
export interface TourOptions {
  user?: string;
  password?: string;
  /** Name of the scratch mailbox (default `imapwire-tour`). */
  scratch?: string;
}

const has = (caps: ReadonlySet<string>, c: string): boolean => caps.has(c.toUpperCase());

function base64Latin1(s: string): string {
  const table = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
  let out = '';
  for (let i = 0; i < s.length; i += 3) {
    const a = s.charCodeAt(i) & 0xff;
    const b = i + 1 < s.length ? s.charCodeAt(i + 1) & 0xff : -1;
    const c = i + 2 < s.length ? s.charCodeAt(i + 2) & 0xff : -1;
    out += table[a >> 2] + table[((a & 3) << 4) | (b < 0 ? 0 : b >> 4)];
    out += b < 0 ? '=' : table[((b & 15) << 2) | (c < 0 ? 0 : c >> 6)];
    out += c < 0 ? '=' : table[c & 63];
  }
  return out;
}

/**
 * The first part: CAPABILITY, NOOP, ID, then LOGIN or AUTHENTICATE PLAIN
 * (with SASL-IR where offered), then CAPABILITY again. `caps` are the
 * greeting's (upper-cased); empty when it named none.
 *
 * @example
 * tourLogin(new Set(['IMAP4REV1', 'AUTH=PLAIN', 'SASL-IR']), { user: 'alice', password: 'pw' });
 */
export function tourLogin(caps: ReadonlySet<string>, options: TourOptions): string {
  const s: string[] = ['C: t01 CAPABILITY', 'S: * CAPABILITY ...', 'S: t01 OK', 'C: t02 NOOP', 'S: t02 OK'];
  if (has(caps, 'ID')) s.push('C: t03 ID ("name" "imapwire")', 'S: * ID ...', 'S: t03 OK');
  if (options.user !== undefined && options.password !== undefined) {
    const plain = base64Latin1(`\u0000${utf8Latin1(options.user)}\u0000${utf8Latin1(options.password)}`);
    if (has(caps, 'AUTH=PLAIN') && has(caps, 'SASL-IR')) s.push(`C: t04 AUTHENTICATE PLAIN ${plain}`, 'S: t04 OK');
    else if (has(caps, 'AUTH=PLAIN')) s.push('C: t04 AUTHENTICATE PLAIN', 'S: +', `C: ${plain}`, 'S: t04 OK');
    else s.push('C: t04 LOGIN $user $password', 'S: t04 OK');
    s.push('C: t05 CAPABILITY', 'S: * CAPABILITY ...', 'S: t05 OK');
  }
  return s.join('\n') + '\n';
}

/** A UTF-8 string as the latin1 characters of its bytes (for base64). */
function utf8Latin1(s: string): string {
  let out = '';
  for (const b of new TextEncoder().encode(s)) out += String.fromCharCode(b);
  return out;
}

/** A small message, as the C: lines of a literal, and its size in bytes (CRLF line ends). */
function message(n: number): { lines: string[]; size: number } {
  const lines = [
    'From: imapwire <tour@example.invalid>',
    'To: tour@example.invalid',
    `Subject: imapwire tour message ${n}`,
    'Date: Tue, 1 Dec 2026 12:00:00 +0000',
    `Message-ID: <tour-${n}@example.invalid>`,
    'MIME-Version: 1.0',
    'Content-Type: text/plain; charset=us-ascii',
    '',
    'This message was appended by imapwire run and is deleted with its mailbox.',
  ];
  return { lines, size: lines.reduce((k, l) => k + l.length + 2, 0) };
}

/**
 * The rest, after login: NAMESPACE, LIST (and its extensions), STATUS,
 * EXAMINE and SELECT of INBOX, FETCH of the items the server supports on
 * the existing messages, SEARCH / ESEARCH, SORT and THREAD where
 * advertised, a moment of IDLE, then in a scratch mailbox: APPEND
 * (synchronizing, and non-synchronizing under LITERAL+ / LITERAL-), COPY,
 * MOVE, STORE, EXPUNGE; DELETE; LOGOUT. `caps` as after login.
 *
 * @example
 * parseScript(tourMain(new Set(['IMAP4REV1', 'IDLE', 'MOVE']), {}), 'tour');
 */
export function tourMain(caps: ReadonlySet<string>, options: TourOptions): string {
  const box = quote(options.scratch ?? 'imapwire-tour');
  const s: string[] = [];
  let n = 10;
  const step = (command: string, ...expect: string[]): void => {
    const tag = `t${n++}`;
    s.push(`C: ${tag} ${command}`, ...expect, `S: ${tag} OK`);
  };
  if (has(caps, 'NAMESPACE')) step('NAMESPACE', 'S: * NAMESPACE ...');
  step('LIST "" *', 'S: * LIST ...');
  if (has(caps, 'LIST-EXTENDED')) step('LIST "" % RETURN (CHILDREN)');
  if (has(caps, 'SPECIAL-USE')) step('LIST (SPECIAL-USE) "" *');
  if (has(caps, 'LIST-STATUS')) step('LIST "" INBOX RETURN (STATUS (MESSAGES UIDNEXT))');
  step('STATUS INBOX (MESSAGES UIDNEXT UIDVALIDITY UNSEEN)', 'S: * STATUS ...');
  step('EXAMINE INBOX', 'S: * $inboxExists EXISTS', 'S: * FLAGS $', 'S: * OK [UIDVALIDITY $inboxValidity] ...');
  step('SELECT INBOX', 'S: * $inboxExists EXISTS', 'S: * OK [UIDVALIDITY $inboxValidity] ...');
  const reads = (): void => {
    const items = ['UID', 'FLAGS', 'INTERNALDATE', 'RFC822.SIZE', 'ENVELOPE', 'BODYSTRUCTURE', 'BODY'];
    if (has(caps, 'CONDSTORE')) items.push('MODSEQ');
    if (has(caps, 'SAVEDATE')) items.push('SAVEDATE');
    if (has(caps, 'OBJECTID')) items.push('EMAILID', 'THREADID');
    if (has(caps, 'PREVIEW')) items.push('PREVIEW');
    step(`UID FETCH 1:* (${items.join(' ')})`);
    step('UID FETCH 1:* (BODY.PEEK[HEADER] BODY.PEEK[TEXT]<0.200> BODY.PEEK[1.MIME] RFC822.HEADER)');
    if (has(caps, 'BINARY')) step('UID FETCH 1:* (BINARY.PEEK[1] BINARY.SIZE[1])');
    step('UID SEARCH ALL', 'S: * SEARCH ...');
    if (has(caps, 'ESEARCH')) step('UID SEARCH RETURN (MIN MAX COUNT) ALL', 'S: * ESEARCH ...');
    if (has(caps, 'SORT')) step('UID SORT (DATE) UTF-8 ALL', 'S: * SORT ...');
  };
  reads();
  if (has(caps, 'IDLE')) {
    const tag = `t${n++}`;
    s.push(`C: ${tag} IDLE`, 'S: + ...', 'C: DONE', `S: ${tag} OK`);
  }
  step(`CREATE ${box}`);
  const append = (mode: '' | '+'): void => {
    const m = message(n);
    const tag = `t${n++}`;
    s.push(`C: ${tag} APPEND ${box} (\\Seen) {${m.size}${mode}}`, ...m.lines.map((l) => `C: ${l}`), 'C:', `S: ${tag} OK`);
  };
  append('');
  if (has(caps, 'LITERAL+') || has(caps, 'LITERAL-')) append('+');
  step(`SELECT ${box}`, 'S: * $scratchExists EXISTS');
  // Reads again where messages surely exist (the user's INBOX may be empty), and
  // THREAD only here: its answer for no message differs between servers.
  reads();
  if (has(caps, 'THREAD=REFERENCES')) step('UID THREAD REFERENCES UTF-8 ALL', 'S: * THREAD ...');
  step('STORE 1 +FLAGS (\\Flagged)', 'S: * 1 FETCH ...');
  step(`COPY 1 ${box}`);
  if (has(caps, 'MOVE')) step(`MOVE 1 ${box}`);
  step('STORE 1:* +FLAGS.SILENT (\\Deleted)');
  step('EXPUNGE', 'S: * $ EXPUNGE');
  step(has(caps, 'UNSELECT') ? 'UNSELECT' : 'CLOSE');
  step(`DELETE ${box}`);
  s.push(`C: t${n} LOGOUT`, 'S: * BYE ...', `S: t${n} OK`);
  return s.join('\n') + '\n';
}
