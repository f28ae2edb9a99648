/**
 * The end (RFC 9051 §6.1.3, §7.1.5): LOGOUT is answered by BYE and then
 * the tagged OK; after a BYE the server sends nothing else (the tagged
 * answer to LOGOUT aside) and closes the connection.
 */
import type { ConversationEvent } from '../../capture/types.js';
import type { RuleContext } from './context.js';

/** logout-no-bye, data-after-bye. */
export function checkEnd(ctx: RuleContext, ev: ConversationEvent): void {
  if (ev.type !== 'response') return;
  const t = ctx.tracker;
  const r = ev.response;
  const c = r.type === 'tagged' ? t.inFlight.get(r.tag)?.command : undefined;
  if (r.type === 'tagged' && r.status === 'OK' && c?.type === 'LOGOUT' && !t.bye && !t.gapped.server) {
    ctx.report('logout-no-bye', ev, {
      message: 'The server answered LOGOUT with OK without sending BYE first.',
      expected: '* BYE, then the tagged OK',
      actual: 'the tagged OK alone',
      tag: r.tag,
    });
    return;
  }
  if (!t.bye || ctx.scratch.afterBye) return;
  if (c?.type === 'LOGOUT') return;
  ctx.scratch.afterBye = true;
  ctx.report('data-after-bye', ev, {
    message: 'The server went on sending after BYE.',
    expected: 'the tagged answer to LOGOUT, or nothing',
    actual: r.type === 'tagged' ? `${r.tag} ${r.status}` : r.type,
  });
}
