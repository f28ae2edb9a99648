/**
 * Test helper: a recorded session kept as two streams (what the client
 * sent, what the server sent) put back in one wire order, the order a
 * client waiting for each answer would have seen: the greeting; then each
 * client frame followed by the server frames up to its tagged answer (up
 * to the `+` for IDLE and AUTHENTICATE; the `+` a synchronizing literal
 * needs comes before the command). Pipelined commands are replayed one at
 * a time, a valid order for them too.
 */
import { Framer } from '../../src/wire/framer.js';
import type { WireItem } from './transcript.js';
import { literalHeaders } from '../../src/session/rules/literals.js';

function frames(bytes: Uint8Array, side: 'client' | 'server'): Uint8Array[] {
  const f = new Framer({ side });
  const out: Uint8Array[] = [];
  const take = (evs: ReturnType<Framer['push']>): void => {
    for (const e of evs) {
      if (e.type === 'frame') out.push(e.frame.bytes.slice());
      else if (e.type === 'literal') take(f.acceptLiteral());
      else if (e.type === 'error') throw e.error;
    }
  };
  take(f.push(bytes));
  take(f.end());
  return out;
}

const text = (b: Uint8Array): string => new TextDecoder().decode(b.subarray(0, Math.min(b.length, 200)));

/** The wire order of a two-stream session. */
export function mergeStreams(client: Uint8Array, server: Uint8Array): WireItem[] {
  const cs = frames(client, 'server');
  const ss = frames(server, 'client');
  const out: WireItem[] = [];
  const sent = new Set<string>();
  const answered = new Set<string>();
  let si = 0;
  let ci = 0;
  let mode: { type: 'idle' | 'auth'; tag: string } | undefined;
  const tagOf = (b: Uint8Array): string => text(b).split(' ')[0];
  const sendClient = (): void => {
    const c = cs[ci++];
    const line = text(c);
    if (mode === undefined) {
      const sync = literalHeaders(c).filter((l) => !l.nonSync).length;
      for (let k = 0; k < sync && si < ss.length && text(ss[si]).startsWith('+'); k++) out.push({ dir: 'server', bytes: ss[si++] });
      sent.add(tagOf(c));
      const name = (line.split(' ')[1] ?? '').toUpperCase().trim();
      if (name === 'IDLE' || name === 'AUTHENTICATE') mode = { type: name === 'IDLE' ? 'idle' : 'auth', tag: tagOf(c) };
    }
    out.push({ dir: 'client', bytes: c });
  };
  // Server frames until `done` holds; a tagged answer to a command the
  // client sent later (pipelining) brings that command out first.
  const serverUntil = (done: () => boolean): void => {
    while (si < ss.length && !done()) {
      const b = ss[si];
      const l = text(b);
      const tag = tagOf(b);
      if (tag !== '*' && tag !== '+' && !sent.has(tag) && mode === undefined) {
        const later = cs.findIndex((c, i) => i >= ci && tagOf(c) === tag);
        if (later >= 0) {
          while (ci <= later) sendClient();
          continue;
        }
      }
      si++;
      out.push({ dir: 'server', bytes: b });
      if (tag !== '*' && tag !== '+') {
        answered.add(tag);
        if (mode !== undefined && mode.tag === tag) mode = undefined;
      }
      if (l.startsWith('+')) return;
    }
  };
  if (ss.length > 0 && /^\* (OK|PREAUTH|BYE)/i.test(text(ss[0]))) out.push({ dir: 'server', bytes: ss[si++] });
  while (ci < cs.length) {
    const tag = tagOf(cs[ci]);
    const inMode = mode;
    sendClient();
    const waitFor = inMode?.tag ?? tag;
    serverUntil(() => answered.has(waitFor));
  }
  while (si < ss.length) out.push({ dir: 'server', bytes: ss[si++] });
  return out;
}
