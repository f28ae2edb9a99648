/**
 * Continuations and literals (RFC 9051 §7.6, §4.3, §6.2.2, §6.3.13; RFC
 * 7888; RFC 2177): a `+` only when one is due; synchronizing literal data
 * only after its `+`; non-synchronizing literals only where the server
 * offers them; AUTHENTICATE rounds; IDLE's `+`, then only DONE.
 *
 * A `+` that neither IDLE nor AUTHENTICATE claims is taken for a literal
 * continuation: the command it belongs to is complete (and arrives as an
 * event) only after it, so the `+`s are matched with the synchronizing
 * literals of the client's next frame.
 */
import type { ConversationEvent } from '../../capture/types.js';
import { fetchItem } from '../../model/fetch.js';
import type { RuleContext, Where } from './context.js';
import { literalHeaders } from './literals.js';

/** RFC 7888 §5: the largest LITERAL- non-synchronizing literal. */
const LITERAL_MINUS_MAX = 4096;

function unexpectedPluses(ctx: RuleContext, keep: number): void {
  const extra = ctx.scratch.pluses.slice(keep);
  for (const p of extra) {
    const at: Where = { direction: 'server', offset: p.offset, length: p.length, time: p.time };
    ctx.report('continuation-unexpected', at, {
      message: 'The server sent a continuation request ("+") when none was due: no literal, AUTHENTICATE round or IDLE waited for one.',
      expected: 'no "+"',
      actual: '"+"',
    });
  }
  ctx.scratch.pluses = [];
}

/** continuation-unexpected, literal-before-continuation, literal-nonsync-unadvertised, literal-minus-too-large, sasl-unexpected, idle-command, idle-done-unexpected, idle-fetch-without-uid. */
export function checkContinuations(ctx: RuleContext, ev: ConversationEvent): void {
  const t = ctx.tracker;
  const due = t.continuation;
  switch (ev.type) {
    case 'response': {
      const r = ev.response;
      if (r.type === 'continue') {
        if (due.type === 'idle' && !due.continued && !due.done) return;
        if (due.type === 'authenticate' && due.owed === 0) return;
        if (due.type === 'authenticate' || due.type === 'idle') {
          ctx.report('continuation-unexpected', ev, {
            message: due.type === 'idle'
              ? 'The server sent a second continuation request during IDLE.'
              : 'The server sent another AUTHENTICATE challenge before the client answered the last one.',
            expected: due.type === 'idle' ? 'untagged data or the tagged response' : 'the client\'s answer first',
            actual: '"+"',
          });
          return;
        }
        ctx.scratch.pluses.push({ offset: ev.offset, length: ev.length, time: ev.time });
        return;
      }
      if (r.type === 'FETCH' && due.type === 'idle' && due.continued && !due.done && t.version === 'imap4rev2' && fetchItem(r.items, 'UID') === undefined) {
        ctx.report('idle-fetch-without-uid', ev, {
          message: 'An unsolicited FETCH response during IDLE must include the UID.',
          expected: 'UID in the FETCH data',
          actual: r.items.map((i) => (i.type === 'unknown' ? i.name : i.type)).join(' '),
        });
      }
      return;
    }
    case 'command': {
      const c = ev.command;
      // A printed transcript, or one whose two sides' order is lost, shows no reliable "+".
      const lossy = ctx.info?.lossy === true || ctx.info?.unordered === true;
      const lits = lossy ? [] : literalHeaders(ev.frame);
      const sync = lits.filter((l) => !l.nonSync).length;
      const have = ctx.scratch.pluses.length;
      // The decoder's count: literal data seen in the capture before its "+" (RFC 9051 §4.3).
      const early = Math.min(ev.earlyLiterals ?? 0, sync);
      if (!lossy && ctx.complete && (early > 0 || have < sync)) {
        ctx.report('literal-before-continuation', ev, {
          message: early > 0
            ? `The client sent the data of ${early} synchronizing literal${early === 1 ? '' : 's'} before the server's "+" came; it must wait for the "+" (RFC 9051 §4.3, §7.6).`
            : `The client sent synchronizing literal data without waiting for the server's "+" (${sync} literal${sync === 1 ? '' : 's'}, ${have} "+").`,
          expected: early > 0 ? 'the literal data after the "+"' : `${sync} "+" before the literal data`,
          actual: early > 0 ? `${early} literal${early === 1 ? '' : 's'} sent before the "+"` : `${have}`,
          tag: c.tag,
        });
      }
      unexpectedPluses(ctx, sync);
      const caps = t.lastCapabilities;
      if (caps !== undefined) {
        for (const l of lits) {
          if (!l.nonSync) continue;
          if (caps.has('LITERAL+')) continue;
          if (caps.has('LITERAL-')) {
            if (l.length > LITERAL_MINUS_MAX) {
              ctx.report('literal-minus-too-large', ev, {
                message: `A non-synchronizing literal of ${l.length} bytes is over the LITERAL- limit of ${LITERAL_MINUS_MAX}.`,
                expected: `{n+} with n <= ${LITERAL_MINUS_MAX}, or a synchronizing literal`,
                actual: `{${l.length}+}`,
                tag: c.tag,
              });
            }
            continue;
          }
          ctx.report('literal-nonsync-unadvertised', ev, {
            message: 'The client sent a non-synchronizing literal, but the server offers neither LITERAL+ nor LITERAL-.',
            expected: `{${l.length}}`,
            actual: `{${l.length}+}`,
            tag: c.tag,
          });
        }
      }
      if (due.type === 'idle' && !due.done && due.tag !== c.tag) {
        ctx.report('idle-command', ev, {
          message: `The client sent ${c.type === 'unknown' ? c.name : c.type} while IDLE waited for DONE.`,
          expected: 'DONE',
          actual: c.type === 'unknown' ? c.name : c.type,
          tag: c.tag,
        });
      }
      return;
    }
    case 'sasl':
      unexpectedPluses(ctx, 0);
      if (due.type !== 'authenticate' || due.owed === 0) {
        ctx.report('sasl-unexpected', ev, {
          message: 'The client sent an AUTHENTICATE response line that no server challenge ("+") asked for.',
          expected: 'a "+" from the server first',
          actual: ev.cancel ? '"*"' : 'a SASL line',
          ...(ev.tag !== undefined ? { tag: ev.tag } : {}),
        });
      }
      return;
    case 'done':
      unexpectedPluses(ctx, 0);
      if (due.type !== 'idle') {
        ctx.report('idle-done-unexpected', ev, {
          message: 'The client sent DONE with no IDLE in progress.',
          expected: 'a command',
          actual: 'DONE',
        });
      }
      return;
    case 'error':
      if (ev.direction === 'client') ctx.scratch.pluses = [];
      return;
    case 'gap':
      ctx.scratch.pluses = [];
      return;
    default:
      return;
  }
}

/** Continuation requests no client frame claimed by the end. */
export function endContinuations(ctx: RuleContext): void {
  // A capture may end between a "+" and the literal it asked for.
  ctx.scratch.pluses = ctx.scratch.pluses.slice(1);
  unexpectedPluses(ctx, 0);
}
