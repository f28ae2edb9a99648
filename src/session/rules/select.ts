/**
 * SELECT / EXAMINE (RFC 3501 §6.3.1-2, RFC 9051 §6.3.2-3, RFC 7162
 * §3.1.2): the untagged data required before the tagged OK, by the
 * version in use. UNSEEN is not required: RFC 3501 errata 4644 (and RFC
 * 9051) send it only when there is an unseen message.
 */
import type { ConversationEvent } from '../../capture/types.js';
import type { RuleContext } from './context.js';

const REQUIRED = {
  imap4rev1: ['FLAGS', 'EXISTS', 'RECENT', 'UIDVALIDITY', 'UIDNEXT', 'PERMANENTFLAGS'],
  imap4rev2: ['FLAGS', 'EXISTS', 'LIST', 'UIDVALIDITY', 'UIDNEXT', 'PERMANENTFLAGS'],
  // Version not known: what both require.
  either: ['FLAGS', 'EXISTS', 'UIDVALIDITY', 'UIDNEXT', 'PERMANENTFLAGS'],
} as const;

const RFC = { imap4rev1: 'RFC 3501 §6.3.1', imap4rev2: 'RFC 9051 §6.3.2', either: 'RFC 9051 §6.3.2, RFC 3501 §6.3.1' };

/** CONDSTORE enabling commands (RFC 7162 §3.1): the client is CONDSTORE-aware from then on. */
export function noteCondstore(ctx: RuleContext, ev: ConversationEvent): void {
  if (ev.type === 'response' && ev.response.type === 'ENABLED' && ev.response.capabilities.some((c) => /^(CONDSTORE|QRESYNC)$/i.test(c))) {
    ctx.scratch.condstoreAware = true;
  }
  if (ev.type !== 'command') return;
  const c = ev.command;
  const caps = ctx.tracker.lastCapabilities;
  if (caps === undefined || !caps.has('CONDSTORE')) return;
  const enabling =
    ((c.type === 'SELECT' || c.type === 'EXAMINE') && c.params?.some((p) => p.type === 'CONDSTORE' || p.type === 'QRESYNC') === true) ||
    (c.type === 'FETCH' && (c.modifiers?.some((m) => m.type === 'CHANGEDSINCE') === true || (Array.isArray(c.items) && c.items.some((i) => i.type === 'MODSEQ')))) ||
    (c.type === 'STORE' && c.modifiers?.some((m) => m.type === 'UNCHANGEDSINCE') === true) ||
    (c.type === 'SEARCH' && JSON.stringify(c.criteria, (_k, v: unknown) => (typeof v === 'bigint' ? v.toString() : v)).includes('"MODSEQ"'));
  if (enabling) ctx.scratch.condstoreAware = true;
}

/** select-missing-response, select-modseq-missing. */
export function checkSelect(ctx: RuleContext, ev: ConversationEvent): void {
  if (ev.type !== 'response' || ev.response.type !== 'tagged' || ev.response.status !== 'OK') return;
  const t = ctx.tracker;
  const c = t.inFlight.get(ev.response.tag)?.command;
  if (c?.type !== 'SELECT' && c?.type !== 'EXAMINE') return;
  const box = t.mailbox;
  if (box === undefined || !box.opening) return;
  const version = t.version ?? 'either';
  const missing = REQUIRED[version].filter((k) => !box.seenAtOpen.has(k));
  if (missing.length > 0) {
    ctx.report('select-missing-response', ev, {
      message: `The server completed ${c.type} ${box.name} without sending ${missing.join(', ')} first.`,
      expected: REQUIRED[version].join(', '),
      actual: [...box.seenAtOpen].join(', ') || 'none',
      tag: c.tag,
      rfc: c.type === 'EXAMINE' && version !== 'either' ? `${RFC[version]} (EXAMINE: ${version === 'imap4rev1' ? 'RFC 3501 §6.3.2' : 'RFC 9051 §6.3.3'})` : RFC[version],
    });
  }
  if (ctx.scratch.condstoreAware && !box.seenAtOpen.has('HIGHESTMODSEQ') && !box.seenAtOpen.has('NOMODSEQ')) {
    ctx.report('select-modseq-missing', ev, {
      message: `After a CONDSTORE enabling command, ${c.type} must return HIGHESTMODSEQ or NOMODSEQ.`,
      expected: 'OK [HIGHESTMODSEQ n] or OK [NOMODSEQ]',
      actual: 'neither',
      tag: c.tag,
    });
  }
}
