/**
 * UIDs (RFC 9051 §2.3.1.1, §6.4.9; RFC 4315 §3): UIDs strictly ascend
 * with sequence numbers; a message's UID never changes within a
 * UIDVALIDITY; responses caused by a UID command carry UID; a UID at or
 * above the UIDNEXT announced belongs only to a message that arrived
 * since, and a message that arrived since has a UID at or above it;
 * APPENDUID and COPYUID agree with what the server said of the mailbox; UIDVALIDITY stays across SELECTs of one mailbox.
 */
import type { ConversationEvent } from '../../capture/types.js';
import type { Command } from '../../model/command.js';
import { fetchItem, type FetchItem } from '../../model/fetch.js';
import type { RespTextCode } from '../../model/resp-code.js';
import { iterateSequenceSet, sequenceSetHas } from '../../util/sequence-set.js';
import { mailboxKey } from '../tracker.js';
import type { PositionedEvent, RuleContext } from './context.js';

/** How far to look for the nearest known UID on each side (bounded work per FETCH). */
const NEIGHBOUR_SCAN = 64;

/** uid-order, uid-changed, uid-above-uidnext, uid-new-below-uidnext, uid-fetch-without-uid, appenduid-*, copyuid-*, uidvalidity-*. */
export function checkUids(ctx: RuleContext, ev: ConversationEvent): void {
  const t = ctx.tracker;
  if (ev.type === 'command') {
    const c = ev.command;
    if (c.type === 'DELETE') ctx.scratch.recreated.add(mailboxKey(c.mailbox));
    else if (c.type === 'RENAME') {
      ctx.scratch.recreated.add(mailboxKey(c.from));
      ctx.scratch.recreated.add(mailboxKey(c.to));
    }
    return;
  }
  if (ev.type !== 'response') return;
  const r = ev.response;
  if (r.type === 'FETCH') {
    checkFetch(ctx, ev, r.seq, r.items);
    return;
  }
  if (r.type === 'STATUS') {
    for (const it of r.items) if (it.type === 'UIDVALIDITY') uidValidityAgain(ctx, ev, mailboxKey(r.mailbox), it.value);
    return;
  }
  if (r.type === 'tagged' || r.type === 'OK') {
    const f = r.type === 'tagged' ? t.inFlight.get(r.tag) : undefined;
    if (r.code !== undefined) checkCode(ctx, ev, r.code, f?.command);
    if (r.type === 'tagged' && r.status === 'OK' && (f?.command?.type === 'SELECT' || f?.command?.type === 'EXAMINE')) {
      const box = t.mailbox;
      if (box?.uidValidity !== undefined) uidValidityAgain(ctx, ev, box.name, box.uidValidity);
    }
  }
}

function uidValidityAgain(ctx: RuleContext, ev: PositionedEvent, name: string, v: number): void {
  const before = ctx.scratch.uidValidity.get(name);
  const recreated = ctx.scratch.recreated.has(name);
  ctx.scratch.uidValidity.set(name, v);
  ctx.scratch.recreated.delete(name);
  if (before === undefined || before === v) return;
  if (v < before) {
    ctx.report('uidvalidity-decreased', ev, {
      message: `UIDVALIDITY of ${name} went down from ${before} to ${v}; a new UIDVALIDITY must be greater than the old one.`,
      expected: `> ${before}`,
      actual: `${v}`,
    });
  } else if (!recreated) {
    ctx.report('uidvalidity-changed', ev, {
      message: `UIDVALIDITY of ${name} changed from ${before} to ${v} within one capture, with no DELETE or RENAME of it seen.`,
      expected: `${before}`,
      actual: `${v}`,
    });
  }
}

function checkFetch(ctx: RuleContext, ev: PositionedEvent, seq: number, items: readonly FetchItem[]): void {
  const t = ctx.tracker;
  const box = t.mailbox;
  const uid = fetchItem(items, 'UID')?.value;
  if (box !== undefined && box.count !== undefined && seq <= box.count && uid !== undefined) {
    const was = box.uidAt(seq);
    if (was !== undefined && was !== uid) {
      ctx.report('uid-changed', ev, {
        message: `Message ${seq} had UID ${was} and now has UID ${uid}; a UID never changes (were the EXPUNGEs renumbered?).`,
        expected: `UID ${was}`,
        actual: `UID ${uid}`,
      });
    } else if (was === undefined) {
      let left: [number, number] | undefined;
      for (let s = seq - 1; s >= 1 && s >= seq - NEIGHBOUR_SCAN; s--) {
        const u = box.uidAt(s);
        if (u !== undefined) {
          left = [s, u];
          break;
        }
      }
      let right: [number, number] | undefined;
      for (let s = seq + 1; s <= box.count && s <= seq + NEIGHBOUR_SCAN; s++) {
        const u = box.uidAt(s);
        if (u !== undefined) {
          right = [s, u];
          break;
        }
      }
      const bad = left !== undefined && left[1] >= uid ? left : right !== undefined && right[1] <= uid ? right : undefined;
      if (bad !== undefined) {
        ctx.report('uid-order', ev, {
          message: `Message ${seq} has UID ${uid}, but message ${bad[0]} has UID ${bad[1]}: UIDs must ascend with message numbers.`,
          expected: bad[0] < seq ? `UID > ${bad[1]}` : `UID < ${bad[1]}`,
          actual: `UID ${uid}`,
        });
      }
    }
    if (box.uidNext !== undefined && box.uidNextCovers !== undefined && seq <= box.uidNextCovers && uid >= box.uidNext) {
      ctx.report('uid-above-uidnext', ev, {
        message: `Message ${seq} was in the mailbox when UIDNEXT ${box.uidNext} was announced, yet has UID ${uid}.`,
        expected: `UID < ${box.uidNext}`,
        actual: `UID ${uid}`,
      });
    }
    // "messages arriving after that time will have a UID greater than or equal to that value" (RFC 9051 §2.3.1.1).
    if (!box.opening && box.uidNext !== undefined && box.uidNextCovers !== undefined && seq > box.uidNextCovers && uid < box.uidNext) {
      ctx.report('uid-new-below-uidnext', ev, {
        message: `Message ${seq} arrived after UIDNEXT ${box.uidNext} was announced, yet has UID ${uid}: a new message's UID is at least the UIDNEXT announced.`,
        expected: `UID >= ${box.uidNext}`,
        actual: `UID ${uid}`,
      });
    }
  }
  if (uid === undefined) {
    const inFlight = [...t.inFlight.values()].map((f) => f.command);
    const bySeq = inFlight.some((c) => (c?.type === 'FETCH' || c?.type === 'STORE') && !c.uid);
    if (bySeq) return;
    const solicited = items.some((i) => i.type !== 'FLAGS' && i.type !== 'MODSEQ');
    for (const c of inFlight) {
      if (c === undefined || (c.type !== 'FETCH' && c.type !== 'STORE') || !c.uid) continue;
      const known = box?.uidAt(seq);
      const caused = (c.type === 'FETCH' && solicited) || (known !== undefined && c.set !== '$' && sequenceSetHas(c.set, known, box?.uidNext ?? 0xffffffff));
      if (!caused) continue;
      ctx.report('uid-fetch-without-uid', ev, {
        message: `A FETCH response to UID ${c.type} ${c.tag} must carry the UID.`,
        expected: 'UID in the FETCH data',
        actual: items.map((i) => (i.type === 'unknown' ? i.name : i.type)).join(' ') || '()',
        tag: c.tag,
        rfc: 'RFC 9051 §6.4.9 (RFC 3501 §6.4.8)',
      });
      return;
    }
  }
}

function targetOf(c: Command | undefined): string | undefined {
  if (c === undefined) return undefined;
  if (c.type === 'APPEND' || c.type === 'COPY' || c.type === 'MOVE') return mailboxKey(c.mailbox);
  return undefined;
}

function checkCode(ctx: RuleContext, ev: PositionedEvent, code: RespTextCode, c: Command | undefined): void {
  const t = ctx.tracker;
  if (code.type !== 'APPENDUID' && code.type !== 'COPYUID') return;
  // The untagged OK [COPYUID] of MOVE (RFC 6851 §4.3): the MOVE in flight.
  let cmd = c;
  if (cmd === undefined) for (const f of t.inFlight.values()) if (f.command?.type === 'MOVE') cmd = f.command;
  const target = targetOf(cmd);
  if (target === undefined) return;
  const box = t.mailbox;
  const known = box !== undefined && box.name === target && !box.opening ? { uidValidity: box.uidValidity, uidNext: box.uidNext } : t.knownMailbox(target);
  if (known === undefined) return;
  const rule = code.type === 'APPENDUID' ? 'appenduid-uidvalidity' : 'copyuid-uidvalidity';
  if (known.uidValidity !== undefined && known.uidValidity !== code.uidValidity) {
    ctx.report(rule, ev, {
      message: `${code.type} names UIDVALIDITY ${code.uidValidity}, but ${target} has UIDVALIDITY ${known.uidValidity}.`,
      expected: `${known.uidValidity}`,
      actual: `${code.uidValidity}`,
    });
    return;
  }
  // The copies are new messages of the destination: their UIDs are at least its UIDNEXT (RFC 9051 §2.3.1.1), within one UIDVALIDITY.
  if (code.type === 'COPYUID' && known.uidNext !== undefined && known.uidValidity === code.uidValidity && code.destination !== '$') {
    for (const u of iterateSequenceSet(code.destination, 0)) {
      if (u >= known.uidNext) continue;
      ctx.report('copyuid-below-uidnext', ev, {
        message: `COPYUID gives a copy the UID ${u} in ${target}, below the UIDNEXT ${known.uidNext} already announced for it.`,
        expected: `UID >= ${known.uidNext}`,
        actual: `${u}`,
      });
      return;
    }
  }
  if (code.type === 'APPENDUID' && known.uidNext !== undefined && code.uids !== '$') {
    for (const u of iterateSequenceSet(code.uids, 0)) {
      if (u >= known.uidNext) continue;
      ctx.report('appenduid-below-uidnext', ev, {
        message: `APPENDUID gives the new message UID ${u}, below the UIDNEXT ${known.uidNext} already announced for ${target}.`,
        expected: `UID >= ${known.uidNext}`,
        actual: `${u}`,
      });
      return;
    }
  }
}
