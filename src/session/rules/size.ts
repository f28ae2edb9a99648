/**
 * Mailbox size (RFC 9051 §5.2, §7.4.1, §7.5.1; RFC 3501 §7.4.1; RFC 7162
 * §3.2.10): EXISTS never shrinks the mailbox; no message number above the
 * count; EXPUNGE and VANISHED only while a command is in progress and not
 * while a FETCH, STORE or SEARCH by sequence number is (their UID forms
 * are different commands and allow it); VANISHED only under QRESYNC.
 */
import type { ConversationEvent } from '../../capture/types.js';
import type { RuleContext } from './context.js';

const SEQ_COMMANDS = new Set(['FETCH', 'STORE', 'SEARCH']);

/** exists-decreased, seq-above-count, expunge-no-command, expunge-during-seq-command, vanished-not-enabled, expunge-under-qresync. */
export function checkSize(ctx: RuleContext, ev: ConversationEvent): void {
  if (ev.type !== 'response') return;
  const r = ev.response;
  const t = ctx.tracker;
  const box = t.mailbox;
  const count = box !== undefined && !box.opening ? box.count : undefined;
  switch (r.type) {
    case 'EXISTS':
      if (count !== undefined && r.count < count) {
        ctx.report('exists-decreased', ev, {
          message: `EXISTS went down from ${count} to ${r.count}; only EXPUNGE (or VANISHED) may make the mailbox smaller.`,
          expected: `>= ${count}`,
          actual: `${r.count}`,
        });
      }
      return;
    case 'FETCH':
    case 'EXPUNGE': {
      const seq = r.seq;
      if (count !== undefined && seq > count) {
        ctx.report('seq-above-count', ev, {
          message: `${r.type} names message ${seq}, but the mailbox holds ${count} message${count === 1 ? '' : 's'}.`,
          expected: `1..${count}`,
          actual: `${seq}`,
        });
      }
      if (r.type === 'EXPUNGE') {
        expungeTiming(ctx, ev, 'EXPUNGE', true);
        if (t.enabled.has('QRESYNC') && box !== undefined && !box.noModseq) {
          ctx.report('expunge-under-qresync', ev, {
            message: 'After ENABLE QRESYNC the server must report removals with VANISHED, not EXPUNGE.',
            expected: 'VANISHED',
            actual: 'EXPUNGE',
          });
        }
      }
      return;
    }
    case 'VANISHED':
      if (!t.enabled.has('QRESYNC') && ctx.complete) {
        ctx.report('vanished-not-enabled', ev, {
          message: 'VANISHED was sent, but the client never enabled QRESYNC.',
          expected: 'EXPUNGE (QRESYNC not enabled)',
          actual: r.earlier ? 'VANISHED (EARLIER)' : 'VANISHED',
        });
      }
      expungeTiming(ctx, ev, r.earlier ? 'VANISHED (EARLIER)' : 'VANISHED', !r.earlier);
      return;
    default:
      return;
  }
}

function expungeTiming(ctx: RuleContext, ev: Extract<ConversationEvent, { type: 'response' }>, what: string, seqRule: boolean): void {
  const t = ctx.tracker;
  if (!ctx.complete) return;
  const inFlight = [...t.inFlight.values()];
  if (inFlight.length === 0) {
    ctx.report('expunge-no-command', ev, {
      message: `${what} was sent while no command was in progress.`,
      expected: 'a command in progress',
      actual: 'none',
      rfc: what === 'EXPUNGE' ? undefined : 'RFC 7162 §3.2.10.2',
    });
    return;
  }
  if (!seqRule) return;
  const isSeq = (f: (typeof inFlight)[number]): boolean => {
    const c = f.command;
    return c !== undefined && SEQ_COMMANDS.has(c.type) && 'uid' in c && !c.uid;
  };
  const bySeq = inFlight.find(isSeq);
  // A command sent before it (NOOP, EXPUNGE, MOVE ...) may still be the one being answered (RFC 9051 §5.5).
  const earlier = bySeq !== undefined && inFlight.some((f) => f.offset < bySeq.offset && !isSeq(f));
  if (bySeq !== undefined && bySeq.command !== undefined && !earlier) {
    ctx.report('expunge-during-seq-command', ev, {
      message: `${what} was sent while ${bySeq.command.type} ${bySeq.tag} (by sequence number) was in progress.`,
      expected: `no ${what} until ${bySeq.tag} completes`,
      actual: what,
      tag: bySeq.tag,
      rfc: what === 'EXPUNGE' ? undefined : 'RFC 7162 §3.2.10.2',
    });
  }
}
