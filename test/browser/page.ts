/**
 * What the browser test runs inside the page (bundled with esbuild), and
 * what the test runs again in Node to compare: the recorded Dovecot
 * session decoded (push decoder and ResponseDecoderStream), round-tripped,
 * commands serialized (one-shot and CommandEncoderStream), and the
 * helpers that rely on the platform's TextDecoder.
 */
import {
  ResponseDecoder,
  ResponseDecoderStream,
  CommandEncoderStream,
  serializeResponse,
  serializeCommand,
  decodeBase64,
  decodeEncodedWords,
  decodeTextPart,
  findPartByType,
  fetchItem,
  type Command,
} from '../../src/index.js';

export interface PageResult {
  responses: number;
  errors: number;
  types: Record<string, number>;
  roundTripMismatches: number;
  streamResponses: number;
  streamSameAsPush: boolean;
  bodyBytes: number;
  commands: string[];
  streamedCommands: string;
  subject: string;
  latin1: string | null;
  platform: string;
}

const COMMANDS: Command[] = [
  { tag: 'A1', type: 'LOGIN', userid: 'alice', password: 'p a"ss' },
  { tag: 'A2', type: 'SELECT', mailbox: 'INBOX' },
  { tag: 'A3', type: 'FETCH', uid: true, set: [[1, '*']], items: [{ type: 'UID' }, { type: 'FLAGS' }] },
  { tag: 'A4', type: 'APPEND', mailbox: 'Sent', messages: [{ flags: ['\\Seen'], data: { type: 'literal', data: new TextEncoder().encode('Subject: x\r\n\r\nhi\r\n'), binary: false } }] },
];

/** Run the checks on the recorded session (given as base64, so it crosses into the page as a string). */
export async function runPage(sessionBase64: string): Promise<PageResult> {
  const session = decodeBase64(new TextEncoder().encode(sessionBase64)) as Uint8Array;
  const decoder = new ResponseDecoder();
  const events = [];
  for (let i = 0; i < session.length; i += 100) events.push(...decoder.push(session.subarray(i, i + 100)));
  events.push(...decoder.end());

  const types: Record<string, number> = {};
  let errors = 0;
  let mismatches = 0;
  let bodyBytes = 0;
  let subject = '';
  let at = 0;
  for (const ev of events) {
    if (ev.type === 'error') errors++;
    if (ev.type !== 'response') continue;
    const r = ev.response;
    types[r.type] = (types[r.type] ?? 0) + 1;
    const bytes = serializeResponse(r);
    // The session is canonical: each response's bytes are the next bytes of the input.
    const same = bytes.every((b, k) => session[at + k] === b);
    if (!same) mismatches++;
    at += bytes.length;
    if (r.type === 'FETCH') {
      const body = fetchItem(r.items, 'BODY[]');
      if (body !== undefined && body.value !== null) bodyBytes += body.value.length;
      const env = fetchItem(r.items, 'ENVELOPE');
      if (env !== undefined && env.value.subject !== null && subject === '') subject = decodeEncodedWords(env.value.subject);
    }
  }

  // The same bytes through the web-stream face, in odd-sized chunks.
  const source = new ReadableStream<Uint8Array>({
    start(c) {
      for (let i = 0; i < session.length; i += 37) c.enqueue(session.subarray(i, i + 37));
      c.close();
    },
  });
  const streamed = [];
  const reader = source.pipeThrough(new ResponseDecoderStream()).getReader();
  for (;;) {
    const { value, done } = await reader.read();
    if (done) break;
    streamed.push(value);
  }
  const pushed = events.filter((e) => e.type === 'response').map((e) => (e.type === 'response' ? JSON.stringify(e.response, big) : ''));
  const viaStream = streamed.filter((e) => e.type === 'response').map((e) => (e.type === 'response' ? JSON.stringify(e.response, big) : ''));

  const commands = COMMANDS.map((c) => new TextDecoder().decode(serializeCommand(c, { capabilities: ['IMAP4rev1', 'LITERAL+'] })));
  const enc = new CommandEncoderStream({ capabilities: ['IMAP4rev1', 'LITERAL+'] });
  const parts: Uint8Array[] = [];
  const drained = enc.readable.pipeTo(new WritableStream({ write: (b) => void parts.push(b) }));
  const w = enc.writable.getWriter();
  for (const c of COMMANDS) await w.write(c);
  await w.close();
  await drained;

  const latin1Part = findPartByType(
    { type: 'text', mediaType: 'TEXT', subtype: 'PLAIN', params: [['CHARSET', 'ISO-8859-1']], id: null, description: null, encoding: 'QUOTED-PRINTABLE', size: 9, lines: 1 },
    'text/plain',
  );
  const latin1 = latin1Part === undefined ? null : decodeTextPart(new TextEncoder().encode('Gr=FC=DFe'), latin1Part.body);

  return {
    responses: pushed.length,
    errors,
    types,
    roundTripMismatches: mismatches + (at === session.length ? 0 : 1),
    streamResponses: viaStream.length,
    streamSameAsPush: viaStream.join('\n') === pushed.join('\n'),
    bodyBytes,
    commands,
    streamedCommands: parts.map((p) => new TextDecoder().decode(p)).join(''),
    subject,
    latin1,
    platform: typeof navigator === 'undefined' ? 'unknown' : navigator.userAgent,
  };
}

function big(_k: string, v: unknown): unknown {
  if (typeof v === 'bigint') return `${v}n`;
  if (v instanceof Uint8Array) return Array.from(v);
  return v;
}
