/**
 * CONDSTORE (RFC 7162 §3.1): a message's MODSEQ never goes down;
 * HIGHESTMODSEQ is not below any MODSEQ already seen; once the client is
 * CONDSTORE-aware, FETCH responses that report flags carry MODSEQ.
 */
import type { ConversationEvent } from '../../capture/types.js';
import { fetchItem } from '../../model/fetch.js';
import type { PositionedEvent, RuleContext } from './context.js';

/** modseq-decreased, highestmodseq-below-modseq, fetch-without-modseq. */
export function checkCondstore(ctx: RuleContext, ev: ConversationEvent): void {
  if (ev.type !== 'response') return;
  const r = ev.response;
  const box = ctx.tracker.mailbox;
  if (box === undefined) return;
  if (r.type === 'FETCH') {
    const m = fetchItem(r.items, 'MODSEQ')?.value;
    if (m === undefined) {
      if (ctx.scratch.condstoreAware && box.highestModseq !== undefined && !box.noModseq && fetchItem(r.items, 'FLAGS') !== undefined) {
        ctx.report('fetch-without-modseq', ev, {
          message: 'The client is CONDSTORE-aware, but this FETCH response reports flags without MODSEQ.',
          expected: 'MODSEQ in the FETCH data',
          actual: r.items.map((i) => (i.type === 'unknown' ? i.name : i.type)).join(' '),
        });
      }
      return;
    }
    const uid = fetchItem(r.items, 'UID')?.value;
    const was = box.modseqAt(r.seq);
    const sameMessage = uid === undefined || box.uidAt(r.seq) === undefined || box.uidAt(r.seq) === uid;
    if (was !== undefined && sameMessage && m < was) {
      ctx.report('modseq-decreased', ev, {
        message: `The MODSEQ of message ${r.seq} went down from ${was} to ${m}.`,
        expected: `>= ${was}`,
        actual: `${m}`,
      });
    }
    return;
  }
  if ((r.type === 'OK' || r.type === 'tagged') && r.code?.type === 'HIGHESTMODSEQ') highest(ctx, ev, r.code.value);
}

function highest(ctx: RuleContext, ev: PositionedEvent, h: bigint): void {
  const seen = ctx.tracker.mailbox?.maxModseqSeen;
  if (seen === undefined || h >= seen) return;
  ctx.report('highestmodseq-below-modseq', ev, {
    message: `HIGHESTMODSEQ ${h} is below MODSEQ ${seen}, already seen for a message of this mailbox.`,
    expected: `>= ${seen}`,
    actual: `${h}`,
  });
}
