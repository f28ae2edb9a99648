/**
 * Tags (RFC 9051 §2.2.1, §2.2.2, §5.5): each command answered by exactly
 * one tagged response. Pipelining and completion out of order are fine.
 */
import type { ConversationEvent } from '../../capture/types.js';
import type { RuleContext } from './context.js';

/** tag-reused, tag-unknown, tag-answered-twice. */
export function checkTags(ctx: RuleContext, ev: ConversationEvent): void {
  const t = ctx.tracker;
  if (ev.type === 'command') {
    const tag = ev.command.tag;
    if (t.inFlight.has(tag)) {
      ctx.report('tag-reused', ev, {
        message: `The tag ${tag} is used again while its earlier command is not answered yet, so the answers cannot be told apart.`,
        expected: 'a tag not in flight',
        actual: tag,
        tag,
      });
    }
    ctx.scratch.answered.delete(tag);
    return;
  }
  if (ev.type === 'error' && ev.direction === 'client' && ev.tag !== undefined) {
    ctx.scratch.answered.delete(ev.tag);
    return;
  }
  if (ev.type !== 'response' || ev.response.type !== 'tagged') return;
  const tag = ev.response.tag;
  if (!t.inFlight.has(tag)) {
    if (ctx.scratch.answered.has(tag)) {
      ctx.report('tag-answered-twice', ev, {
        message: `The command tagged ${tag} was already answered; a command gets exactly one tagged response.`,
        expected: 'one tagged response per command',
        actual: `a second ${ev.response.status}`,
        tag,
      });
    } else if (ctx.complete && ctx.info?.lossy !== true) {
      ctx.report('tag-unknown', ev, {
        message: `The server answered the tag ${tag}, which the client never sent.`,
        expected: `a tag in flight (${[...t.inFlight.keys()].join(' ') || 'none'})`,
        actual: tag,
        tag,
      });
    }
  }
  ctx.scratch.answered.add(tag);
}

/** tag-unanswered, at the end of the capture. */
export function endTags(ctx: RuleContext): void {
  const t = ctx.tracker;
  if (t.gapped.server) return;
  for (const f of t.inFlight.values()) {
    const c = f.command;
    // IDLE waits for the client's DONE; after a BYE only LOGOUT still gets its answer.
    if (c?.type === 'IDLE' && !(t.continuation.type === 'idle' && t.continuation.tag === f.tag && t.continuation.done)) continue;
    if (t.bye && c?.type !== 'LOGOUT') continue;
    ctx.report('tag-unanswered', { direction: 'client', offset: f.offset }, {
      message: `The command tagged ${f.tag}${c !== undefined ? ` (${c.type === 'unknown' ? c.name : c.type})` : ''} was never answered by a tagged response.`,
      expected: `a tagged response for ${f.tag}`,
      actual: 'end of the capture',
      tag: f.tag,
    });
  }
}
