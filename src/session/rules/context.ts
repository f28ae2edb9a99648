/**
 * What a rule family sees: the tracker's state before the event, a
 * per-connection scratch memory for rules, the store shared by all
 * connections, and `report`.
 */
import type { ConnectionInfo, ConversationEvent, Direction, SourceSpan } from '../../capture/types.js';
import type { SessionView } from '../tracker.js';
import type { RuleId } from './registry.js';

/** The events that sit at a place in a stream (everything a finding can point at). */
export type PositionedEvent = Extract<ConversationEvent, { direction: Direction; offset: number; length: number }>;

/** The fields a rule fills in; the checker adds the rest. */
export interface ReportFields {
  message: string;
  expected?: string;
  actual?: string;
  tag?: string;
  /** Overrides the registry's clause (e.g. the IMAP4rev1 one). */
  rfc?: string;
}

/** Per-UID static data of one mailbox, shared by the connections of one capture. */
export interface SharedMailbox {
  /** UID → [connection, fingerprint per STATIC_ITEMS entry (0 = not seen)]. */
  byUid: Map<number, { connection: string; prints: number[] }>;
}

/** Rule memory kept per connection. */
export interface Scratch {
  /** Tags answered and not reused since. */
  answered: Set<string>;
  /** Offsets of `+` responses not yet matched with a literal. */
  pluses: { offset: number; length: number; time?: number }[];
  /** A CONDSTORE enabling command was sent (RFC 7162 §3.1). */
  condstoreAware: boolean;
  /** UIDVALIDITY last seen per mailbox (SELECT, EXAMINE, STATUS). */
  uidValidity: Map<string, number>;
  /** Mailboxes deleted or renamed since their UIDVALIDITY was seen. */
  recreated: Set<string>;
  /** data-after-bye was reported. */
  afterBye: boolean;
  /** What could not be checked, for the summary. */
  notChecked: Set<string>;
}

/** Creates an empty {@link Scratch}. */
export function newScratch(): Scratch {
  return {
    answered: new Set(),
    pluses: [],
    condstoreAware: false,
    uidValidity: new Map(),
    recreated: new Set(),
    afterBye: false,
    notChecked: new Set(),
  };
}

/**
 * The context handed to every rule family.
 *
 * @example
 * export function checkTags(ctx: RuleContext, ev: ConversationEvent): void {
 *   if (ev.type === 'command' && ctx.tracker.inFlight.has(ev.command.tag)) ctx.report('tag-reused', ev, { message: '…' });
 * }
 */
export interface RuleContext {
  readonly connection: string;
  readonly info: ConnectionInfo | undefined;
  /** The state before the event being checked. */
  readonly tracker: SessionView;
  readonly scratch: Scratch;
  /** The static-data store of a mailbox across connections (same server, user, mailbox, UIDVALIDITY). */
  shared(key: string): SharedMailbox;
  /** True when every command in flight is known: the capture holds the greeting and no gap. */
  readonly complete: boolean;
  report(id: RuleId, at: PositionedEvent | Where, fields: ReportFields): void;
}

/** A place to report at when there is no event (the end of a capture). */
export interface Where {
  direction: Direction;
  offset: number;
  length?: number;
  time?: number;
  source?: SourceSpan;
  frame?: Uint8Array;
}
