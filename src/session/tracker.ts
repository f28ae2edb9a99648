/**
 * The session tracker: a passive observer of one IMAP connection, fed the
 * conversation events of both directions in wire order. It keeps what a
 * careful client and server keep (RFC 9051 §3 states, §5.5 commands in
 * flight, §7.6 continuations, the selected mailbox) and exposes it read
 * only; it judges nothing (the checker's rules do) and does no I/O, so a
 * client session can be built on it too.
 *
 * What a partial capture cannot tell is `unknown` / `undefined`, never a guess.
 */
import type { ConversationEvent, Direction } from '../capture/types.js';
import type { Command } from '../model/command.js';
import type { Response, TaggedResponse } from '../model/response.js';
import type { FetchItem } from '../model/fetch.js';
import type { RespTextCode } from '../model/resp-code.js';
import type { SequenceSet } from '../model/sequence-set.js';
import { expandCapabilities } from '../codec/capabilities.js';
import { iterateSequenceSet } from '../util/sequence-set.js';
import { MailboxState, STATIC_ITEMS, type MailboxView, type StaticItem } from './mailbox.js';
import { fingerprint } from './fingerprint.js';

/**
 * The connection state (RFC 9051 §3); `unknown` until the capture shows it
 * (a capture that starts after the greeting).
 *
 * @example
 * if (tracker.state === 'selected') console.log(tracker.mailbox?.name);
 */
export type SessionState = 'not-authenticated' | 'authenticated' | 'selected' | 'logout' | 'unknown';

/**
 * A command sent and not yet answered by its tagged response.
 *
 * @example
 * for (const [tag, c] of tracker.inFlight) console.log(tag, c.command?.type);
 */
export interface InFlightCommand {
  tag: string;
  /** Undefined when the frame could not be read (an `error` event with this tag). */
  command: Command | undefined;
  /** Offset of the command in the client stream. */
  offset: number;
  /** The state the connection was in when the command was sent. */
  stateAtSend: SessionState;
  /** More commands sent with the same tag while this one was in flight (each awaits its own answer). */
  duplicates: number;
  /** Only a synchronizing literal of it was announced so far (a `literal` event): the command is not complete. */
  announced?: boolean;
}

/**
 * What the client owes or may send next, besides new commands.
 *
 * - `none`: nothing special.
 * - `idle`: IDLE is in flight; `continued` once the server sent `+`; `done` once the client sent DONE.
 * - `authenticate`: an AUTHENTICATE exchange; `owed` is the number of `+` the client has not answered yet.
 *
 * @example
 * if (tracker.continuation.type === 'idle' && !tracker.continuation.done) // only DONE may come
 */
export type ContinuationDue =
  | { type: 'none' }
  | { type: 'idle'; tag: string; continued: boolean; done: boolean }
  | { type: 'authenticate'; tag: string; owed: number };

/**
 * The version rules in use: IMAP4rev2 once enabled (RFC 9051 §6.3.1) or
 * when the server offers only IMAP4rev2; IMAP4rev1 when it offers
 * IMAP4rev1; undefined when the capabilities are not known.
 *
 * @example
 * const v: ImapVersion = 'imap4rev2';
 */
export type ImapVersion = 'imap4rev1' | 'imap4rev2' | undefined;

/**
 * What a STATUS or SELECT told of a mailbox that is not (or no longer) selected.
 *
 * @example
 * const k: KnownMailbox = { uidValidity: 1700000000, uidNext: 13 };
 */
export interface KnownMailbox {
  uidValidity?: number;
  uidNext?: number;
}

/**
 * The read-only view of a connection's state.
 *
 * @example
 * const t = new SessionTracker();
 * for (const ev of events) t.apply(ev);
 * console.log(t.state, [...(t.capabilities ?? [])], t.mailbox?.count);
 */
export interface SessionView {
  readonly state: SessionState;
  /** Upper-cased capabilities with what they imply; undefined when not known (none seen yet, or invalidated by STARTTLS / authentication). */
  readonly capabilities: ReadonlySet<string> | undefined;
  /** The last capabilities known, even when invalidated since (for choosing grammar rules, not for judging). */
  readonly lastCapabilities: ReadonlySet<string> | undefined;
  /** Upper-cased names the server confirmed in ENABLED. */
  readonly enabled: ReadonlySet<string>;
  readonly version: ImapVersion;
  /** The LOGIN user, when seen. */
  readonly user: string | undefined;
  readonly inFlight: ReadonlyMap<string, InFlightCommand>;
  readonly continuation: ContinuationDue;
  /** `+` responses not claimed by IDLE or AUTHENTICATE since the client's last frame: literal continuations. */
  readonly pendingContinuations: number;
  readonly mailbox: MailboxView | undefined;
  /** True once the server sent BYE. */
  readonly bye: boolean;
  /** The greeting was seen (the capture starts at the connection's start). */
  readonly greeted: boolean;
  /** A `gap` was seen in this direction (data lost): what it hid is not known. */
  readonly gapped: Readonly<Record<Direction, boolean>>;
  /** What STATUS / SELECT told of other mailboxes, by name (`INBOX` folded). */
  knownMailbox(name: string): KnownMailbox | undefined;
}

/**
 * `INBOX` is case-insensitive (RFC 9051 §5.1); other names are kept as sent.
 *
 * @example
 * mailboxKey('inbox') // 'INBOX'
 */
export function mailboxKey(name: string): string {
  return name.toUpperCase() === 'INBOX' ? 'INBOX' : name;
}

/** The commands that end in the authenticated state when they succeed. */
const AUTHENTICATING = new Set(['LOGIN', 'AUTHENTICATE']);

/**
 * The session tracker. Feed it every event of one connection with
 * {@link apply}; read its state through the {@link SessionView} members.
 *
 * @example
 * const t = new SessionTracker();
 * t.apply({ type: 'response', connection: 'c', direction: 'server', offset: 0, length: 14,
 *   response: { type: 'OK', text: 'ready' }, frame });
 * t.state // 'not-authenticated'
 */
export class SessionTracker implements SessionView {
  state: SessionState = 'unknown';
  capabilities: Set<string> | undefined = undefined;
  lastCapabilities: Set<string> | undefined = undefined;
  readonly enabled = new Set<string>();
  user: string | undefined = undefined;
  readonly inFlight = new Map<string, InFlightCommand>();
  continuation: ContinuationDue = { type: 'none' };
  pendingContinuations = 0;
  mailbox: MailboxState | undefined = undefined;
  bye = false;
  greeted = false;
  readonly gapped: Record<Direction, boolean> = { client: false, server: false };
  /** True once any server response was seen (the greeting must be the first). */
  private heardServer = false;
  /** The mailbox a SELECT in flight replaced, restored if the SELECT gets BAD. */
  private previousMailbox: { mailbox: MailboxState | undefined; state: SessionState } | undefined;
  private readonly known = new Map<string, KnownMailbox>();

  get version(): ImapVersion {
    if (this.enabled.has('IMAP4REV2')) return 'imap4rev2';
    const caps = this.capabilities ?? this.lastCapabilities;
    if (caps === undefined) return undefined;
    if (caps.has('IMAP4REV1')) return 'imap4rev1';
    if (caps.has('IMAP4REV2')) return 'imap4rev2';
    return undefined;
  }

  knownMailbox(name: string): KnownMailbox | undefined {
    return this.known.get(mailboxKey(name));
  }

  /** Apply one event (the checker's rules look at the state before this call). */
  apply(ev: ConversationEvent): void {
    switch (ev.type) {
      case 'command':
        this.onCommand(ev.command, ev.offset);
        this.pendingContinuations = 0;
        return;
      case 'error':
        if (ev.direction === 'client') {
          if (ev.tag !== undefined && !this.inFlight.has(ev.tag)) {
            this.inFlight.set(ev.tag, { tag: ev.tag, command: undefined, offset: ev.offset, stateAtSend: this.state, duplicates: 0 });
          }
          this.pendingContinuations = 0;
        } else {
          this.heardServer = true;
        }
        return;
      case 'response':
        this.onResponse(ev.response);
        return;
      case 'literal':
        // The command completes after the server's "+", or never if its tag gets NO / BAD (RFC 7888 §4).
        if (ev.tag !== undefined && !this.inFlight.has(ev.tag)) {
          this.inFlight.set(ev.tag, { tag: ev.tag, command: undefined, offset: ev.offset, stateAtSend: this.state, duplicates: 0, announced: true });
        }
        return;
      case 'sasl':
        if (this.continuation.type === 'authenticate' && this.continuation.owed > 0) this.continuation.owed--;
        this.pendingContinuations = 0;
        return;
      case 'done':
        if (this.continuation.type === 'idle') this.continuation.done = true;
        this.pendingContinuations = 0;
        return;
      case 'gap':
        this.onGap(ev.direction);
        return;
      case 'encrypted':
      case 'compressed':
      case 'open':
      case 'close':
      case 'notice':
        return;
    }
  }

  private onGap(direction: Direction): void {
    this.gapped[direction] = true;
    // Whatever the gap held is unknown: the answers to commands in flight,
    // the state changes they made, the mailbox's size and numbering.
    this.inFlight.clear();
    this.continuation = { type: 'none' };
    this.pendingContinuations = 0;
    this.state = 'unknown';
    if (this.mailbox !== undefined) {
      const box = new MailboxState(this.mailbox.name, this.mailbox.readOnly);
      box.opening = false;
      box.uidValidity = this.mailbox.uidValidity;
      this.mailbox = box;
    }
  }

  private onCommand(c: Command, offset: number): void {
    const same = this.inFlight.get(c.tag);
    if (same?.announced === true) {
      same.announced = false;
      same.command = c;
    } else if (same !== undefined) {
      same.duplicates++;
      same.command = c;
    } else this.inFlight.set(c.tag, { tag: c.tag, command: c, offset, stateAtSend: this.state, duplicates: 0 });
    switch (c.type) {
      case 'IDLE':
        this.continuation = { type: 'idle', tag: c.tag, continued: false, done: false };
        break;
      case 'AUTHENTICATE':
        this.continuation = { type: 'authenticate', tag: c.tag, owed: 0 };
        break;
      case 'SELECT':
      case 'EXAMINE':
        this.previousMailbox = { mailbox: this.mailbox, state: this.state };
        this.mailbox = new MailboxState(mailboxKey(c.mailbox), c.type === 'EXAMINE');
        break;
      default:
        break;
    }
  }

  private onResponse(r: Response): void {
    const first = !this.heardServer;
    this.heardServer = true;
    switch (r.type) {
      case 'tagged':
        this.onTagged(r);
        return;
      case 'continue':
        if (this.continuation.type === 'idle' && !this.continuation.continued && !this.continuation.done) this.continuation.continued = true;
        else if (this.continuation.type === 'authenticate') this.continuation.owed++;
        else this.pendingContinuations++;
        return;
      case 'OK':
      case 'PREAUTH':
      case 'BYE':
      case 'NO':
      case 'BAD':
        if (first && r.type !== 'NO' && r.type !== 'BAD' && this.inFlight.size === 0) {
          this.greeted = true;
          this.state = r.type === 'OK' ? 'not-authenticated' : r.type === 'PREAUTH' ? 'authenticated' : 'logout';
        }
        if (r.type === 'BYE') {
          this.bye = true;
          this.state = 'logout';
        }
        if (r.code !== undefined) this.onCode(r.code);
        return;
      case 'CAPABILITY':
        this.setCapabilities(r.capabilities);
        return;
      case 'ENABLED':
        for (const c of r.capabilities) this.enabled.add(c.toUpperCase());
        if (this.enabled.has('QRESYNC')) this.enabled.add('CONDSTORE');
        return;
      case 'FLAGS':
        if (this.mailbox !== undefined) {
          this.mailbox.setFlags(r.flags);
          this.mailbox.seenAtOpen.add('FLAGS');
        }
        return;
      case 'LIST':
        if (this.mailbox?.opening === true && mailboxKey(r.mailbox) === this.mailbox.name) this.mailbox.seenAtOpen.add('LIST');
        return;
      case 'RECENT':
        this.mailbox?.seenAtOpen.add('RECENT');
        return;
      case 'EXISTS':
        if (this.mailbox !== undefined) {
          this.mailbox.exists(r.count);
          this.mailbox.seenAtOpen.add('EXISTS');
          if (this.mailbox.opening && this.mailbox.uidNext !== undefined) this.mailbox.uidNextCovers = r.count;
        }
        return;
      case 'EXPUNGE':
        this.mailbox?.expunge(r.seq);
        return;
      case 'VANISHED':
        if (!r.earlier) this.onVanished(r.uids);
        return;
      case 'FETCH':
        this.onFetch(r.seq, r.items);
        return;
      case 'STATUS': {
        const k = this.knownEntry(r.mailbox);
        for (const it of r.items) {
          if (it.type === 'UIDVALIDITY') k.uidValidity = it.value;
          else if (it.type === 'UIDNEXT') k.uidNext = it.value;
        }
        return;
      }
      default:
        return;
    }
  }

  private knownEntry(name: string): KnownMailbox {
    const key = mailboxKey(name);
    let k = this.known.get(key);
    if (k === undefined) {
      k = {};
      this.known.set(key, k);
    }
    return k;
  }

  private setCapabilities(list: readonly string[]): void {
    this.capabilities = expandCapabilities(list);
    this.lastCapabilities = this.capabilities;
  }

  private onCode(code: RespTextCode): void {
    const box = this.mailbox;
    switch (code.type) {
      case 'CAPABILITY':
        this.setCapabilities(code.capabilities);
        return;
      case 'PERMANENTFLAGS':
        if (box !== undefined) {
          box.permanentFlags = code.flags;
          box.seenAtOpen.add('PERMANENTFLAGS');
        }
        return;
      case 'UIDVALIDITY':
        if (box !== undefined) {
          box.uidValidity = code.value;
          box.seenAtOpen.add('UIDVALIDITY');
          this.knownEntry(box.name).uidValidity = code.value;
        }
        return;
      case 'UIDNEXT':
        if (box !== undefined) {
          box.uidNext = code.value;
          box.uidNextCovers = box.count;
          box.seenAtOpen.add('UIDNEXT');
          this.knownEntry(box.name).uidNext = code.value;
        }
        return;
      case 'HIGHESTMODSEQ':
        if (box !== undefined) {
          box.highestModseq = code.value;
          box.seenAtOpen.add('HIGHESTMODSEQ');
        }
        return;
      case 'NOMODSEQ':
        if (box !== undefined) {
          box.noModseq = true;
          box.seenAtOpen.add('NOMODSEQ');
        }
        return;
      case 'READ-ONLY':
        if (box !== undefined && box.opening) box.readOnly = true;
        return;
      default:
        return;
    }
  }

  private onVanished(uids: SequenceSet): void {
    const box = this.mailbox;
    if (box === undefined || box.count === undefined || uids === '$') return;
    // Highest first, so earlier positions stay valid while removing.
    const seqs: number[] = [];
    let unknown = 0;
    for (const uid of iterateSequenceSet(uids, 0xffffffff)) {
      const s = box.seqOfUid(uid);
      if (s === undefined) unknown++;
      else seqs.push(s);
      if (seqs.length + unknown > box.count) break;
    }
    seqs.sort((a, b) => b - a);
    for (const s of seqs) box.expunge(s);
    if (unknown > 0) {
      // RFC 7162 §3.2.10.2: each UID is one message fewer, at a position not known.
      box.exists(Math.max(0, box.count - unknown));
      box.forgetPositions();
    }
  }

  private onFetch(seq: number, items: readonly FetchItem[]): void {
    const box = this.mailbox;
    if (box === undefined || box.count === undefined || seq > box.count) return;
    for (const it of items) {
      if (it.type === 'UID') box.setUid(seq, it.value);
      else if (it.type === 'MODSEQ') box.setModseq(seq, it.value);
      else if ((STATIC_ITEMS as readonly string[]).includes(it.type)) box.setStatic(seq, it.type as StaticItem, fingerprint(it.value));
    }
  }

  private onTagged(r: TaggedResponse): void {
    const entry = this.inFlight.get(r.tag);
    if (entry !== undefined && entry.duplicates > 0) entry.duplicates--;
    else this.inFlight.delete(r.tag);
    if (r.code?.type === 'CAPABILITY') this.setCapabilities(r.code.capabilities);
    const c = entry?.command;
    if (this.continuation.type !== 'none' && this.continuation.tag === r.tag) this.continuation = { type: 'none' };
    if (c === undefined) return;
    const ok = r.status === 'OK';
    if (AUTHENTICATING.has(c.type)) {
      if (ok) {
        this.state = 'authenticated';
        if (c.type === 'LOGIN') this.user = c.userid;
        // RFC 9051 §6.2.2/§6.2.3: capabilities may change after authentication.
        if (r.code?.type !== 'CAPABILITY') this.capabilities = undefined;
      }
      return;
    }
    switch (c.type) {
      case 'DELETE':
        if (ok) this.known.delete(mailboxKey(c.mailbox));
        return;
      case 'RENAME':
        if (ok) {
          this.known.delete(mailboxKey(c.from));
          this.known.delete(mailboxKey(c.to));
        }
        return;
      case 'STARTTLS':
        // RFC 9051 §6.2.1: the client must discard what it knew of capabilities.
        if (ok) this.capabilities = undefined;
        return;
      case 'SELECT':
      case 'EXAMINE': {
        const box = this.mailbox;
        if (ok && box !== undefined) {
          box.opening = false;
          if (r.code?.type === 'READ-ONLY') box.readOnly = true;
          this.state = 'selected';
        } else if (r.status === 'NO') {
          // RFC 9051 §6.3.2: a failed SELECT leaves no mailbox selected.
          this.mailbox = undefined;
          if (this.state !== 'unknown') this.state = 'authenticated';
        } else if (this.previousMailbox !== undefined) {
          this.mailbox = this.previousMailbox.mailbox;
          this.state = this.previousMailbox.state;
        }
        this.previousMailbox = undefined;
        return;
      }
      case 'CLOSE':
      case 'UNSELECT':
        if (ok) {
          this.mailbox = undefined;
          this.state = 'authenticated';
        }
        return;
      case 'UNAUTHENTICATE':
        if (ok) {
          this.mailbox = undefined;
          this.state = 'not-authenticated';
          this.capabilities = undefined;
          this.user = undefined;
        }
        return;
      case 'LOGOUT':
        if (ok) this.state = 'logout';
        return;
      default:
        return;
    }
  }
}
