/**
 * Compare a parsed BODYSTRUCTURE / ENVELOPE with what the generator built.
 * Returns the list of differences (empty = match), each with its part path.
 */
import type { BodyStructure, Envelope, AddressItem } from '../../src/index.js';
import { isAddressGroup } from '../../src/index.js';
import type { MimeTree, ExpectedAddressItem } from './messages.js';

const lc = (s: string | null | undefined) => (s ?? '').toLowerCase();

/** `extensible` false for FETCH BODY: no extension data (multipart params, disposition) to compare. */
export function compareTree(want: MimeTree, got: BodyStructure, at = 'TEXT', extensible = true): string[] {
  const diffs: string[] = [];
  const where = (what: string, w: unknown, g: unknown) => diffs.push(`${at}: ${what} want ${JSON.stringify(w)} got ${JSON.stringify(g)}`);
  if (want.type === 'multipart') {
    if (got.type !== 'multipart') {
      where('kind', 'multipart', got.type);
      return diffs;
    }
    if (lc(got.subtype) !== want.subtype) where('subtype', want.subtype, got.subtype);
    const kids = want.children ?? [];
    if (got.parts.length !== kids.length) where('child count', kids.length, got.parts.length);
    kids.forEach((k, i) => {
      const g = got.parts[i];
      if (g !== undefined) diffs.push(...compareTree(k, g, at === 'TEXT' ? String(i + 1) : `${at}.${i + 1}`, extensible));
    });
    if (extensible) compareParams(want.params, got.params ?? null, at, diffs);
    else if (got.params !== undefined) diffs.push(`${at}: BODY carries extension data`);
    return diffs;
  }
  if (got.type === 'multipart') {
    where('kind', want.type, 'multipart');
    return diffs;
  }
  const kind = want.type === 'text' ? 'text' : want.type === 'message' && want.subtype === 'rfc822' ? 'message' : 'basic';
  if (got.type !== kind) where('kind', kind, got.type);
  if (lc(got.mediaType) !== want.type) where('type', want.type, got.mediaType);
  if (lc(got.subtype) !== want.subtype) where('subtype', want.subtype, got.subtype);
  if (want.encoding !== undefined && lc(got.encoding) !== want.encoding) where('encoding', want.encoding, got.encoding);
  if (want.size !== undefined && got.size !== want.size) where('size', want.size, got.size);
  if (want.lines !== undefined && (got.type === 'text' || got.type === 'message') && got.lines !== want.lines) where('lines', want.lines, got.lines);
  compareParams(want.params, got.params, at, diffs);
  if (extensible && want.disposition !== undefined && lc(got.disposition?.type) !== want.disposition) {
    where('disposition', want.disposition, got.disposition?.type ?? null);
  }
  if (want.message !== undefined) {
    if (got.type !== 'message') return diffs;
    if (want.messageSubject !== undefined && got.envelope.subject !== want.messageSubject) {
      where('inner subject', want.messageSubject, got.envelope.subject);
    }
    // The inner message's parts are numbered under this part (a single part is `at.1`).
    diffs.push(...compareTree(want.message, got.body, want.message.type === 'multipart' ? at : `${at}.1`, extensible));
  }
  return diffs;
}

function compareParams(want: Record<string, string> | undefined, got: [string, string | null][] | null, at: string, diffs: string[]): void {
  if (want === undefined) return;
  for (const [k, v] of Object.entries(want)) {
    const hit = (got ?? []).find(([n]) => n.toLowerCase() === k);
    if (hit === undefined) diffs.push(`${at}: param ${k} missing (have ${JSON.stringify(got)})`);
    // charset values are case-insensitive (RFC 2046 §4.1.2); others exact
    else if (k === 'charset' ? lc(hit[1]) !== v.toLowerCase() : hit[1] !== v) diffs.push(`${at}: param ${k} want ${v} got ${hit[1]}`);
  }
}

type Addr = { name: string | null; mailbox: string; host: string };
type Item = Addr | { group: string; members: Addr[] };

/** The address list of an ENVELOPE in the generator's shape (adl dropped). */
export function simplifyAddresses(list: AddressItem[] | null): Item[] | null {
  if (list === null) return null;
  const one = (a: { name: string | null; mailbox: string | null; host: string | null }): Addr => ({
    name: a.name,
    mailbox: a.mailbox ?? '',
    host: a.host ?? '',
  });
  return list.map((a) => (isAddressGroup(a) ? { group: a.name, members: a.members.map(one) } : one(a)));
}

export function compareEnvelope(
  want: { subject: string; dateHeader: string; messageId: string; inReplyTo: string | null; from: ExpectedAddressItem[]; to: ExpectedAddressItem[]; cc: ExpectedAddressItem[] | null },
  got: Envelope,
): string[] {
  const d: string[] = [];
  const eq = (what: string, w: unknown, g: unknown) => {
    if (JSON.stringify(w) !== JSON.stringify(g)) d.push(`envelope ${what}: want ${JSON.stringify(w)} got ${JSON.stringify(g)}`);
  };
  eq('subject', want.subject, got.subject);
  eq('date', want.dateHeader, got.date);
  eq('message-id', want.messageId, got.messageId);
  eq('in-reply-to', want.inReplyTo, got.inReplyTo);
  eq('from', want.from, simplifyAddresses(got.from));
  eq('to', want.to, simplifyAddresses(got.to));
  eq('cc', want.cc, simplifyAddresses(got.cc));
  // RFC 9051 §7.5.2: sender and reply-to default to from.
  eq('sender', want.from, simplifyAddresses(got.sender));
  eq('reply-to', want.from, simplifyAddresses(got.replyTo));
  eq('bcc', null, got.bcc);
  return d;
}
