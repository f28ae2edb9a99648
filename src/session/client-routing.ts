/**
 * Which command an untagged response answers (RFC 9051 §7: each command's
 * "Responses:"), and when a command may be sent while others are in
 * progress (RFC 9051 §5.5).
 */
import type { Response, FetchResponse } from '../model/response.js';
import type { SearchKey } from '../model/search.js';
import type { SequenceSet } from '../model/sequence-set.js';
import { sequenceSetHas } from '../util/sequence-set.js';
import type { Command } from '../model/command.js';

const MAX_UID = 0xffffffff;

/** Codes an untagged OK carries while a SELECT / EXAMINE is in progress (RFC 9051 §6.3.2, RFC 7162 §3.1.2). */
const SELECT_CODES = new Set(['UIDVALIDITY', 'UIDNEXT', 'UNSEEN', 'PERMANENTFLAGS', 'HIGHESTMODSEQ', 'NOMODSEQ', 'MAILBOXID', 'CLOSED', 'READ-ONLY', 'READ-WRITE']);

/** FETCH items a server sends on its own when message data changes (RFC 9051 §7.5.2, RFC 7162 §3.2.4). */
const UNSOLICITED_ITEMS = new Set(['FLAGS', 'UID', 'MODSEQ']);

function isSelect(c: Command): c is Extract<Command, { type: 'SELECT' | 'EXAMINE' }> {
  return c.type === 'SELECT' || c.type === 'EXAMINE';
}

function sameMailbox(a: string, b: string): boolean {
  // RFC 9051 §5.1: INBOX is case-insensitive, other names are not.
  return a === b || (a.toUpperCase() === 'INBOX' && b.toUpperCase() === 'INBOX');
}

/** Does this FETCH response answer a FETCH / STORE over `set`? */
function fetchCovered(set: SequenceSet, uid: boolean, r: FetchResponse, exists: number): boolean {
  if (set === '$') return true;
  if (uid) {
    const u = r.items.find((i) => i.type === 'UID');
    // RFC 9051 §6.4.9: UID FETCH answers always carry the UID.
    return u !== undefined && u.type === 'UID' && sequenceSetHas(set, u.value, MAX_UID);
  }
  return sequenceSetHas(set, r.seq, Math.max(exists, r.seq));
}

/** Items only a FETCH command asks for (message data other than flags): a FETCH response holding one answers a FETCH. */
function hasRequestedData(r: FetchResponse): boolean {
  return r.items.some((i) => !UNSOLICITED_ITEMS.has(i.type));
}

/**
 * True when untagged response `r` belongs to command `c` (in progress),
 * by the RFC's rules: the data the command asks for, for its mailbox and
 * its sequence set. `exists` is the selected mailbox's size, for `*`.
 *
 * @example
 * claims({ tag: 'A1', type: 'LIST', reference: '', patterns: ['*'] }, listResponse, 0) // true
 */
export function claims(c: Command, r: Response, exists: number): boolean {
  switch (r.type) {
    case 'CAPABILITY':
      // Servers also announce the new set during LOGIN / AUTHENTICATE / STARTTLS (RFC 9051 §6.2).
      return c.type === 'CAPABILITY' || c.type === 'LOGIN' || c.type === 'AUTHENTICATE' || c.type === 'STARTTLS';
    case 'ENABLED':
      return c.type === 'ENABLE';
    case 'FLAGS':
    case 'EXISTS':
    case 'RECENT':
      return isSelect(c);
    case 'OK':
    case 'NO':
    case 'BAD':
      return isSelect(c) && r.code !== undefined && SELECT_CODES.has(r.code.type);
    case 'BYE':
      return c.type === 'LOGOUT';
    case 'LIST':
      return c.type === 'LIST';
    case 'LSUB':
      return c.type === 'LSUB';
    case 'STATUS':
      // RFC 5819: LIST ... RETURN (STATUS ...) answers with STATUS too.
      return (c.type === 'STATUS' && sameMailbox(c.mailbox, r.mailbox)) || (c.type === 'LIST' && c.return?.some((o) => o.type === 'STATUS') === true);
    case 'SEARCH':
      return c.type === 'SEARCH' && r.type === 'SEARCH';
    case 'SORT':
      return c.type === 'SORT';
    case 'ESEARCH':
      // With a correlator the tag decides (the caller checks it first); RFC 4731 §3.1.
      return r.tag === undefined && (c.type === 'SEARCH' || c.type === 'SORT');
    case 'THREAD':
      return c.type === 'THREAD';
    case 'FETCH':
      if (c.type === 'FETCH') return fetchCovered(c.set, c.uid, r, exists) || hasRequestedData(r);
      if (c.type === 'STORE') return !c.silent && fetchCovered(c.set, c.uid, r, exists);
      // RFC 7162 §3.2.5: SELECT (QRESYNC ...) reports changed flags as FETCH.
      return isSelect(c) && c.params?.some((p) => p.type === 'QRESYNC') === true;
    case 'EXPUNGE':
      return c.type === 'EXPUNGE' || c.type === 'UID EXPUNGE' || c.type === 'MOVE';
    case 'VANISHED':
      if (r.earlier) {
        return (c.type === 'FETCH' && c.modifiers?.some((m) => m.type === 'VANISHED') === true) || (isSelect(c) && c.params?.some((p) => p.type === 'QRESYNC') === true);
      }
      return c.type === 'EXPUNGE' || c.type === 'UID EXPUNGE' || c.type === 'MOVE';
    case 'NAMESPACE':
      return c.type === 'NAMESPACE';
    case 'ID':
      return c.type === 'ID';
    case 'QUOTA':
      return c.type === 'GETQUOTA' || c.type === 'GETQUOTAROOT';
    case 'QUOTAROOT':
      return c.type === 'GETQUOTAROOT';
    case 'ACL':
      return c.type === 'GETACL';
    case 'LISTRIGHTS':
      return c.type === 'LISTRIGHTS';
    case 'MYRIGHTS':
      return c.type === 'MYRIGHTS';
    case 'METADATA':
      // The entries-only form is the unsolicited change notice (RFC 5464 §4.4.2).
      return c.type === 'GETMETADATA' && 'values' in r;
    case 'unknown':
      return c.type === 'unknown' && c.name.toUpperCase() === r.name.toUpperCase();
    default:
      return false;
  }
}

function keysUseSequenceNumbers(keys: readonly SearchKey[]): boolean {
  return keys.some(keyUsesSequenceNumbers);
}

function keyUsesSequenceNumbers(k: SearchKey): boolean {
  switch (k.type) {
    case 'SEQUENCE':
      return true;
    case 'NOT':
      return keyUsesSequenceNumbers(k.key);
    case 'OR':
      return keyUsesSequenceNumbers(k.left) || keyUsesSequenceNumbers(k.right);
    case 'AND':
      return keysUseSequenceNumbers(k.keys);
    default:
      return false;
  }
}

/**
 * True when the command names messages by sequence number (RFC 9051 §5.5):
 * FETCH, STORE, COPY, MOVE, SEARCH, SORT, THREAD without UID, and UID
 * SEARCH / SORT / THREAD whose criteria hold a sequence set.
 *
 * @example
 * usesSequenceNumbers({ tag: 'A1', type: 'FETCH', uid: false, set: [1], items: [{ type: 'FLAGS' }] }) // true
 */
export function usesSequenceNumbers(c: Command): boolean {
  switch (c.type) {
    case 'FETCH':
    case 'STORE':
    case 'COPY':
    case 'MOVE':
      return !c.uid;
    case 'SEARCH':
      return !c.uid || keysUseSequenceNumbers(c.criteria);
    case 'SORT':
    case 'THREAD':
      return !c.uid || keysUseSequenceNumbers(c.search);
    default:
      return false;
  }
}

/**
 * True when the server may send EXPUNGE while this command is in progress:
 * every command but FETCH, STORE and SEARCH without UID (RFC 9051 §5.5).
 *
 * @example
 * mayExpunge({ tag: 'A1', type: 'NOOP' }) // true
 */
export function mayExpunge(c: Command): boolean {
  if (c.type === 'FETCH' || c.type === 'STORE' || c.type === 'SEARCH') return c.uid;
  return true;
}

/**
 * Commands that change the connection's state, the selected mailbox or the
 * transport, or that take over the connection (AUTHENTICATE, IDLE): they
 * are sent only when nothing else is in progress, and nothing is sent
 * while they are.
 *
 * @example
 * isExclusive({ tag: 'A1', type: 'SELECT', mailbox: 'INBOX' }) // true
 */
export function isExclusive(c: Command): boolean {
  switch (c.type) {
    case 'LOGIN': case 'AUTHENTICATE': case 'STARTTLS': case 'COMPRESS': case 'SELECT': case 'EXAMINE': case 'CLOSE':
    case 'UNSELECT': case 'LOGOUT': case 'IDLE': case 'ENABLE': case 'UNAUTHENTICATE':
      return true;
    default:
      return false;
  }
}

/**
 * May `next` be sent while `inProgress` are? RFC 9051 §5.5's ambiguity
 * rules, plus {@link isExclusive}.
 *
 * @example
 * canPipeline({ tag: 'A2', type: 'STORE', uid: false, set: [1], action: 'add', silent: false, flags: ['\\Seen'] }, [{ tag: 'A1', type: 'NOOP' }]) // false
 */
export function canPipeline(next: Command, inProgress: readonly Command[]): boolean {
  if (inProgress.length === 0) return true;
  if (isExclusive(next) || inProgress.some(isExclusive)) return false;
  if (usesSequenceNumbers(next) && inProgress.some(mayExpunge)) return false;
  return true;
}
