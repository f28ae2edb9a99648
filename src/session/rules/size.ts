/**
 * Mailbox size (RFC 9051 §5.2, §7.4.1, §7.5.1; RFC 3501 §7.4.1; RFC 7162
 * §3.2.10): EXISTS never shrinks the mailbox; no message number above the
 * count; EXPUNGE and VANISHED only while a command is in progress and not
 * while a FETCH, STORE or SEARCH by sequence number is (their UID forms
 * are different commands and allow it); VANISHED only under QRESYNC;
 * VANISHED without EARLIER names only messages the client was shown, and
 * VANISHED (EARLIER) only answers UID FETCH (VANISHED) or SELECT /
 * EXAMINE (QRESYNC) (RFC 7162 §3.2.10.1, §3.2.10.2).
 */
import type { ConversationEvent } from '../../capture/types.js';
import type { SearchKey } from '../../model/search.js';
import type { SequenceSet } from '../../model/sequence-set.js';
import { iterateSequenceSet } from '../../util/sequence-set.js';
import type { MailboxView } from '../mailbox.js';
import type { RuleContext } from './context.js';

const SEQ_COMMANDS = new Set(['FETCH', 'STORE', 'SEARCH']);

/** exists-decreased, seq-above-count, expunge-no-command, expunge-during-seq-command, vanished-not-enabled, expunge-under-qresync, vanished-unannounced, vanished-earlier-uncaused. */
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
      if (r.earlier) earlierCause(ctx, ev);
      else if (box !== undefined && !box.opening) vanishedAnnounced(ctx, ev, box, r.uids);
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
    if (c === undefined) return false;
    // RFC 7162 §3.2.10.2: no VANISHED during a UID SEARCH with message numbers in its criteria (EXPUNGE may come, RFC 9051 §5.5).
    if (what === 'VANISHED' && c.type === 'SEARCH' && c.uid) return c.criteria.some(hasMessageNumbers);
    return SEQ_COMMANDS.has(c.type) && 'uid' in c && !c.uid;
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

/** A search key that names messages by number (a sequence set other than `$`). */
function hasMessageNumbers(k: SearchKey): boolean {
  switch (k.type) {
    case 'SEQUENCE':
      return k.set !== '$';
    case 'NOT':
      return hasMessageNumbers(k.key);
    case 'OR':
      return hasMessageNumbers(k.left) || hasMessageNumbers(k.right);
    case 'AND':
      return k.keys.some(hasMessageNumbers);
    default:
      return false;
  }
}

/** How many UIDs of one VANISHED are looked up one by one (bounded work). */
const VANISHED_LOOKUPS = 256;

type ResponseEvent = Extract<ConversationEvent, { type: 'response' }>;

/**
 * RFC 7162 §3.2.10.2: a VANISHED without EARLIER "MUST refer only to
 * messages that are visible to the client": each UID is one message fewer,
 * so a UID never announced (or already gone) is a fault. Only what is sure
 * is reported: more UIDs than messages, a UID at or above UIDNEXT with no
 * message arrived since it was announced, a UID between the known UIDs of
 * two adjacent messages.
 */
function vanishedAnnounced(ctx: RuleContext, ev: ResponseEvent, box: MailboxView, uids: SequenceSet): void {
  const count = box.count;
  if (count === undefined || uids === '$') return;
  const noArrivals = box.uidNext !== undefined && box.uidNextCovers === count;
  let n = 0;
  for (const uid of iterateSequenceSet(uids, 0xffffffff)) {
    n++;
    if (n > count) {
      ctx.report('vanished-unannounced', ev, {
        message: `VANISHED names more UIDs than the ${count} message${count === 1 ? '' : 's'} the client was shown; each UID must be a message announced and not yet removed.`,
        expected: `at most ${count} UIDs`,
        actual: `more than ${count}`,
      });
      return;
    }
    if (n > VANISHED_LOOKUPS) continue;
    const above = noArrivals && uid >= box.uidNext!;
    if (above || box.uidAbsent(uid)) {
      ctx.report('vanished-unannounced', ev, {
        message: above
          ? `VANISHED names UID ${uid}, at or above UIDNEXT ${box.uidNext}, though no message arrived since UIDNEXT was announced.`
          : `VANISHED names UID ${uid}, which no message in the mailbox has (the UIDs around it are known).`,
        expected: 'UIDs of messages announced and not yet removed',
        actual: `UID ${uid}`,
      });
      return;
    }
  }
}

/**
 * RFC 7162 §3.2.10.1: VANISHED (EARLIER) "is caused by a UID FETCH
 * (VANISHED) or a SELECT/EXAMINE (QRESYNC) command"; removals in the
 * selected mailbox use VANISHED without EARLIER (§3.2.10.2).
 */
function earlierCause(ctx: RuleContext, ev: ResponseEvent): void {
  if (!ctx.complete) return;
  const inFlight = [...ctx.tracker.inFlight.values()];
  if (inFlight.length === 0) return; // expunge-no-command said it
  let unknown = false;
  for (const f of inFlight) {
    const c = f.command;
    if (c === undefined) unknown = true;
    else if (c.type === 'FETCH' && c.uid && c.modifiers?.some((m) => m.type === 'VANISHED') === true) return;
    else if ((c.type === 'SELECT' || c.type === 'EXAMINE') && c.params?.some((p) => p.type === 'QRESYNC') === true) return;
  }
  if (unknown) return;
  ctx.report('vanished-earlier-uncaused', ev, {
    message: 'VANISHED (EARLIER) was sent, but no UID FETCH (VANISHED) nor SELECT / EXAMINE (QRESYNC) was in progress; removals in the selected mailbox are reported without EARLIER.',
    expected: 'VANISHED without EARLIER, or a UID FETCH (VANISHED) / SELECT (QRESYNC) in progress',
    actual: 'VANISHED (EARLIER)',
  });
}
