/**
 * What the browser test runs in the page: the ClientSession over a
 * WebSocket (to the test's bridge, to the test Dovecot). The session never
 * sees the transport: bytes in from `message` events, bytes out through
 * `onOutput` to `ws.send`.
 */
import { ClientSession, fetchItem, findPartByType, decodeTextPart, type Completion } from '../../src/index.js';

export interface SessionPageResult {
  platform: string;
  steps: string[];
  mailboxes: string[];
  text: string | null;
  uidValidity: number | undefined;
  bytesIn: number;
  error?: string;
}

export async function runSession(url: string, user: string, password: string): Promise<SessionPageResult> {
  const result: SessionPageResult = { platform: navigator.userAgent, steps: [], mailboxes: [], text: null, uidValidity: undefined, bytesIn: 0 };
  const ws = new WebSocket(url);
  ws.binaryType = 'arraybuffer';
  const session = new ClientSession({ onOutput: (b) => ws.send(b), nonSyncLiterals: false });
  ws.onmessage = (m) => {
    const bytes = new Uint8Array(m.data as ArrayBuffer);
    result.bytesIn += bytes.length;
    session.receive(bytes);
  };
  ws.onclose = () => session.end();
  const step = async (name: string, h: PromiseLike<Completion>): Promise<Completion> => {
    const c = await h;
    result.steps.push(`${name} ${c.tagged.status}`);
    return c;
  };
  try {
    const g = await session.greeted();
    result.steps.push(`greeting ${g.type}`);
    await step('LOGIN', session.login(user, password));
    const list = await step('LIST', session.command({ type: 'LIST', reference: '', patterns: ['*'] }));
    result.mailboxes = list.untagged.flatMap((r) => (r.type === 'LIST' ? [r.mailbox] : []));
    const msg = new TextEncoder().encode('Subject: from the browser\r\nContent-Type: text/plain; charset=utf-8\r\n\r\nHallo aus Chromium, grüße.\r\n');
    const append = await step('APPEND', session.command({ type: 'APPEND', mailbox: 'INBOX', messages: [{ data: { type: 'literal', data: msg, binary: false } }] }));
    const uid = append.tagged.code?.type === 'APPENDUID' ? append.tagged.code.uids : '*';
    await step('SELECT', session.select('INBOX'));
    result.uidValidity = session.selected?.uidValidity;
    const f = await step('FETCH', session.command({ type: 'FETCH', uid: true, set: uid, items: ['BODYSTRUCTURE', 'BODY.PEEK[1]'] }));
    const items = f.untagged[0]?.type === 'FETCH' ? f.untagged[0].items : [];
    const bs = fetchItem(items, 'BODYSTRUCTURE')?.value;
    const part = bs !== undefined ? findPartByType(bs, 'text/plain') : undefined;
    const body = fetchItem(items, 'BODY[]')?.value;
    if (part !== undefined && body != null) result.text = decodeTextPart(body, part.body);
    const idle = session.idle();
    if (await idle.accepted()) result.steps.push('idling');
    idle.done();
    await step('IDLE', idle);
    await step('LOGOUT', session.logout());
  } catch (e) {
    result.error = e instanceof Error ? e.message : String(e);
  }
  ws.close();
  return result;
}
