/**
 * Static data (RFC 9051 §6.4.5, §9 `msg-att-static`): ENVELOPE,
 * BODYSTRUCTURE, RFC822.SIZE and INTERNALDATE of one message never
 * change, within a connection and across the connections of one capture
 * to the same mailbox (same server, user, mailbox and UIDVALIDITY).
 * Compared by fingerprint (see `fingerprint`).
 */
import type { ConversationEvent } from '../../capture/types.js';
import { fetchItem } from '../../model/fetch.js';
import { STATIC_ITEMS, type StaticItem } from '../mailbox.js';
import { fingerprint } from '../fingerprint.js';
import type { RuleContext } from './context.js';

function endpoint(ctx: RuleContext): string {
  const s = ctx.info?.server;
  return s !== undefined ? `${s.address}:${s.port}` : '';
}

/** static-changed, cross-static-changed. */
export function checkStatic(ctx: RuleContext, ev: ConversationEvent): void {
  if (ev.type !== 'response' || ev.response.type !== 'FETCH') return;
  const r = ev.response;
  const box = ctx.tracker.mailbox;
  if (box === undefined || box.count === undefined || r.seq > box.count) return;
  const items: [StaticItem, number][] = [];
  for (const it of r.items) if ((STATIC_ITEMS as readonly string[]).includes(it.type)) items.push([it.type as StaticItem, fingerprint(it.value)]);
  if (items.length === 0) return;
  const fetchedUid = fetchItem(r.items, 'UID')?.value;
  const knownUid = box.uidAt(r.seq);
  // A UID that changed is uid-changed; its static data are another message's.
  if (fetchedUid !== undefined && knownUid !== undefined && fetchedUid !== knownUid) return;
  const uid = fetchedUid ?? knownUid;
  const user = ctx.tracker.user;
  if (uid !== undefined && user !== undefined && box.uidValidity !== undefined) {
    const shared = ctx.shared(`${endpoint(ctx)}\u0000${user}\u0000${box.name}\u0000${box.uidValidity}`);
    let entry = shared.byUid.get(uid);
    if (entry === undefined) {
      entry = { connection: ctx.connection, prints: STATIC_ITEMS.map(() => 0) };
      shared.byUid.set(uid, entry);
    }
    for (const [item, print] of items) {
      const k = STATIC_ITEMS.indexOf(item);
      const was = entry.prints[k];
      if (was === 0) {
        entry.prints[k] = print;
        continue;
      }
      if (was === print) continue;
      const cross = entry.connection !== ctx.connection;
      ctx.report(cross ? 'cross-static-changed' : 'static-changed', ev, {
        message: cross
          ? `${item} of UID ${uid} in ${box.name} differs from what connection ${entry.connection} was sent.`
          : `${item} of UID ${uid} changed; static data never change.`,
        expected: `the ${item} sent before`,
        actual: `a different ${item}`,
      });
    }
    return;
  }
  for (const [item, print] of items) {
    const was = box.staticAt(r.seq, item);
    if (was === undefined || was === print) continue;
    ctx.report('static-changed', ev, {
      message: `${item} of message ${r.seq} changed; static data never change.`,
      expected: `the ${item} sent before`,
      actual: `a different ${item}`,
    });
  }
}
