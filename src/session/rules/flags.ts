/**
 * Flags (RFC 9051 §7.3.5, §7.1, §2.3.2): keywords in FETCH FLAGS were
 * announced in the mailbox's FLAGS; PERMANENTFLAGS lists flags from FLAGS
 * (plus `\*`); no `\Recent` once IMAP4rev2 is in use.
 */
import type { ConversationEvent } from '../../capture/types.js';
import type { Flag } from '../../model/flags.js';
import type { MailboxView } from '../mailbox.js';
import type { PositionedEvent, RuleContext } from './context.js';

const isKeyword = (f: Flag): boolean => !f.startsWith('\\');

/** flag-not-announced, permanentflag-not-in-flags, recent-rev2. */
export function checkFlags(ctx: RuleContext, ev: ConversationEvent): void {
  if (ev.type !== 'response') return;
  const r = ev.response;
  const t = ctx.tracker;
  const box = t.mailbox;
  const rev2 = t.version === 'imap4rev2';
  if (r.type === 'FETCH') {
    for (const it of r.items) {
      if (it.type !== 'FLAGS') continue;
      if (rev2) recent(ctx, ev, it.value, 'FETCH FLAGS');
      if (box?.flags === undefined || box.opening) continue;
      const known = new Set(box.flags.map((f) => f.toLowerCase()));
      const missing = it.value.filter((f) => isKeyword(f) && !known.has(f.toLowerCase()));
      if (missing.length > 0) {
        ctx.report('flag-not-announced', ev, {
          message: `FETCH FLAGS holds ${missing.join(' ')}, which the mailbox's FLAGS response did not announce.`,
          expected: `flags from FLAGS (${box.flags.join(' ')})`,
          actual: missing.join(' '),
        });
      }
    }
    return;
  }
  if (r.type === 'FLAGS') {
    if (rev2) recent(ctx, ev, r.flags, 'FLAGS');
    return;
  }
  if (r.type === 'OK' && r.code?.type === 'PERMANENTFLAGS' && box !== undefined && !box.opening && box.flags !== undefined) {
    permanentWithin(ctx, ev, r.code.flags, box.flags);
    return;
  }
  if (r.type === 'tagged' && r.status === 'OK' && box?.opening === true) {
    const c = t.inFlight.get(r.tag)?.command;
    if ((c?.type === 'SELECT' || c?.type === 'EXAMINE') && box.permanentFlags !== undefined && box.flags !== undefined) {
      permanentWithin(ctx, ev, box.permanentFlags, box.flags);
    }
  }
}

function permanentWithin(ctx: RuleContext, ev: PositionedEvent, permanent: readonly Flag[], flags: MailboxView['flags'] & object): void {
  const known = new Set(flags.map((f) => f.toLowerCase()));
  const extra = permanent.filter((f) => f !== '\\*' && !known.has(f.toLowerCase()));
  if (extra.length === 0) return;
  ctx.report('permanentflag-not-in-flags', ev, {
    message: `PERMANENTFLAGS lists ${extra.join(' ')}, which FLAGS does not.`,
    expected: `flags from FLAGS (${flags.join(' ')}) or \\*`,
    actual: extra.join(' '),
  });
}

function recent(ctx: RuleContext, ev: PositionedEvent, flags: readonly Flag[], where: string): void {
  if (!flags.some((f) => f.toLowerCase() === '\\recent')) return;
  ctx.report('recent-rev2', ev, {
    message: `${where} holds \\Recent, which IMAP4rev2 deprecates.`,
    expected: 'no \\Recent',
    actual: '\\Recent',
  });
}
