/**
 * The conversation checker: fed the conversation events of any number of
 * connections (in wire order per connection), it keeps a
 * {@link SessionTracker} per connection, runs the rule families of
 * `./rules/` on each event against the state before it, and gives the
 * findings: who is at fault, the rule, the RFC clause, where.
 */
import type { ConnectionInfo, ConversationEvent, Direction } from '../capture/types.js';
import { printable } from '../util/text.js';
import type { Finding, FindingLevel } from './finding.js';
import { SessionTracker } from './tracker.js';
import { RULES, type RuleId } from './rules/registry.js';
import { newScratch, type PositionedEvent, type ReportFields, type RuleContext, type Scratch, type SharedMailbox, type Where } from './rules/context.js';
import { grammarFinding } from './rules/grammar.js';
import { checkStates } from './rules/states.js';
import { checkTags, endTags } from './rules/tags.js';
import { checkContinuations, endContinuations } from './rules/continuations.js';
import { checkSize } from './rules/size.js';
import { checkUids } from './rules/uids.js';
import { checkFlags } from './rules/flags.js';
import { checkSelect, noteCondstore } from './rules/select.js';
import { checkCondstore } from './rules/condstore.js';
import { checkStatic } from './rules/static.js';
import { checkEnd } from './rules/end.js';

/**
 * Options of {@link Checker}.
 *
 * @example
 * new Checker({ skip: ['tag-reused', 'grammar/*'], level: 'MUST' });
 */
export interface CheckerOptions {
  /** Only these rules (ids; `grammar/*` or `grammar` for every grammar rule). */
  rules?: string[];
  /** Not these rules (same patterns). */
  skip?: string[];
  /** The lowest level reported: `MUST` leaves SHOULD findings out (default `SHOULD`: all). */
  level?: FindingLevel;
}

/**
 * Findings counted per side and level.
 *
 * @example
 * const counts: FindingCounts = { client: { MUST: 0, SHOULD: 0 }, server: { MUST: 2, SHOULD: 1 } };
 */
export type FindingCounts = Record<Direction, Record<FindingLevel, number>>;

/**
 * What the checker found on one connection and what it could not check.
 *
 * @example
 * { connection: 'c1', counts: { client: { MUST: 0, SHOULD: 0 }, server: { MUST: 2, SHOULD: 1 } }, notChecked: [] }
 */
export interface ConnectionSummary {
  connection: string;
  counts: FindingCounts;
  /** Sentences naming what this capture could not show (a late start, a gap, encryption). */
  notChecked: string[];
}

interface Conn {
  id: string;
  info: ConnectionInfo | undefined;
  tracker: SessionTracker;
  scratch: Scratch;
  counts: FindingCounts;
  ended: boolean;
  sawEvents: boolean;
}

const LEVELS: Record<FindingLevel, number> = { MUST: 2, SHOULD: 1 };
const EXCERPT_MAX = 80;

/**
 * True when a rule id matches one of the patterns (`id`, `family/*`, `family`).
 *
 * @example
 * ruleMatches('grammar/nz-number', ['grammar']); // true
 * ruleMatches('tag-reused', ['grammar/*']); // false
 */
export function ruleMatches(id: string, patterns: readonly string[]): boolean {
  for (const p of patterns) {
    if (p === id) return true;
    if (p.endsWith('*') && id.startsWith(p.slice(0, -1))) return true;
    if (id.startsWith(p + '/')) return true;
  }
  return false;
}

function excerptOf(frame: Uint8Array | undefined, secrets: readonly { start: number; length: number }[] | undefined): string | undefined {
  if (frame === undefined || frame.length === 0) return undefined;
  let bytes = frame;
  if (secrets !== undefined && secrets.length > 0) {
    bytes = frame.slice();
    for (const s of secrets) bytes.fill(0x2a, s.start, Math.min(bytes.length, s.start + s.length));
  }
  return printable(bytes, 0, bytes.length, EXCERPT_MAX);
}

/**
 * The conversation checker.
 *
 * @example
 * const checker = new Checker();
 * for (const ev of events) for (const f of checker.push(ev)) console.log(f.side, f.rule, f.message);
 * for (const f of checker.end()) console.log(f.side, f.rule, f.message);
 * for (const s of checker.summaries()) console.log(s.connection, summaryLine(s));
 */
export class Checker {
  private readonly conns = new Map<string, Conn>();
  private readonly sharedBoxes = new Map<string, SharedMailbox>();
  private readonly options: CheckerOptions;

  constructor(options: CheckerOptions = {}) {
    this.options = options;
  }

  /** Check one event; the findings it gives, in order. */
  push(ev: ConversationEvent): Finding[] {
    if (ev.type === 'notice' && ev.connection === undefined) return [];
    const id = ev.type === 'open' ? ev.connection.id : ev.connection!;
    const conn = this.conn(id);
    if (ev.type === 'open') {
      conn.info = ev.connection;
      return [];
    }
    if (conn.ended) return [];
    const out: Finding[] = [];
    const ctx = this.context(conn, out);
    conn.sawEvents = true;
    if (ev.type === 'encrypted') {
      conn.scratch.notChecked.add(`the ${ev.direction ?? 'both'} stream${ev.direction === undefined ? 's' : ''} from offset ${ev.offset} on: encrypted (${ev.reason === 'starttls' ? 'STARTTLS' : 'TLS'})`);
    }
    if (ev.type === 'gap') {
      conn.scratch.notChecked.add(`after the gap in the ${ev.direction} stream at offset ${ev.offset}: the commands in flight, and the state and message numbers until a new LOGIN or SELECT`);
    }
    const g = grammarFinding(ev);
    if (g !== undefined) this.emit(conn, out, g.finding.rule, g.finding, g.at);
    checkStates(ctx, ev);
    checkTags(ctx, ev);
    checkContinuations(ctx, ev);
    checkSize(ctx, ev);
    checkUids(ctx, ev);
    checkFlags(ctx, ev);
    checkSelect(ctx, ev);
    checkCondstore(ctx, ev);
    checkStatic(ctx, ev);
    checkEnd(ctx, ev);
    noteCondstore(ctx, ev);
    conn.tracker.apply(ev);
    if (ev.type === 'close' && ev.direction === undefined) out.push(...this.finish(conn));
    return out;
  }

  /** The end of the input: what only the end shows (commands never answered). */
  end(): Finding[] {
    const out: Finding[] = [];
    for (const conn of this.conns.values()) out.push(...this.finish(conn));
    return out;
  }

  /** The tracker of a connection (read only), for callers that want the state too. */
  tracker(connection: string): SessionTracker | undefined {
    return this.conns.get(connection)?.tracker;
  }

  /** One summary per connection, in the order they appeared. */
  summaries(): ConnectionSummary[] {
    const out: ConnectionSummary[] = [];
    for (const c of this.conns.values()) {
      const notChecked: string[] = [];
      if (c.sawEvents && !c.tracker.greeted) {
        notChecked.push('the start of the connection (the capture begins after the greeting): tags sent before it, EXPUNGE timing and literal waits; the state until a LOGIN or SELECT completes');
      }
      if (c.info?.unordered === true) notChecked.push('literal continuations (the capture does not say how the two sides interleave)');
      if (c.info?.lossy === true) notChecked.push('literal continuations and unknown tags (a printed transcript: literal sizes cannot be trusted)');
      notChecked.push(...c.scratch.notChecked);
      out.push({ connection: c.id, counts: c.counts, notChecked });
    }
    return out;
  }

  private conn(id: string): Conn {
    let c = this.conns.get(id);
    if (c === undefined) {
      c = {
        id,
        info: undefined,
        tracker: new SessionTracker(),
        scratch: newScratch(),
        counts: { client: { MUST: 0, SHOULD: 0 }, server: { MUST: 0, SHOULD: 0 } },
        ended: false,
        sawEvents: false,
      };
      this.conns.set(id, c);
    }
    return c;
  }

  private finish(conn: Conn): Finding[] {
    if (conn.ended) return [];
    const out: Finding[] = [];
    const ctx = this.context(conn, out);
    endContinuations(ctx);
    endTags(ctx);
    conn.ended = true;
    return out;
  }

  private context(conn: Conn, out: Finding[]): RuleContext {
    const t = conn.tracker;
    return {
      connection: conn.id,
      info: conn.info,
      tracker: t,
      scratch: conn.scratch,
      complete: t.greeted && !t.gapped.client && !t.gapped.server,
      shared: (key) => {
        let s = this.sharedBoxes.get(key);
        if (s === undefined) {
          s = { byUid: new Map() };
          this.sharedBoxes.set(key, s);
        }
        return s;
      },
      report: (id: RuleId, at: PositionedEvent | Where, fields: ReportFields) => {
        const info = RULES[id];
        this.emit(conn, out, id, { rule: id, side: info.side, level: info.level, rfc: fields.rfc ?? info.rfc, ...fields }, at);
      },
    };
  }

  private emit(
    conn: Conn,
    out: Finding[],
    id: string,
    f: Pick<Finding, 'rule' | 'side' | 'level' | 'rfc' | 'message'> & Partial<Finding>,
    at: PositionedEvent | Where,
  ): void {
    const o = this.options;
    if (o.rules !== undefined && o.rules.length > 0 && !ruleMatches(id, o.rules)) return;
    if (o.skip !== undefined && ruleMatches(id, o.skip)) return;
    if (LEVELS[f.level] < LEVELS[o.level ?? 'SHOULD']) return;
    const frame = 'type' in at ? (at.type === 'sasl' ? at.line : 'frame' in at ? at.frame : undefined) : at.frame;
    const secrets = 'secrets' in at ? at.secrets : undefined;
    const finding: Finding = {
      rule: f.rule,
      side: f.side,
      level: f.level,
      rfc: f.rfc,
      message: f.message,
      connection: conn.id,
      direction: at.direction,
      offset: at.offset,
    };
    if (f.expected !== undefined) finding.expected = f.expected;
    if (f.actual !== undefined) finding.actual = f.actual;
    if (f.quirk !== undefined) finding.quirk = f.quirk;
    if (f.tag !== undefined) finding.tag = f.tag;
    if (at.length !== undefined) finding.length = at.length;
    if (at.time !== undefined) finding.time = at.time;
    if (at.source !== undefined) finding.source = at.source;
    const excerpt = excerptOf(frame, at.direction === 'client' && 'type' in at && at.type === 'sasl' ? [{ start: 0, length: frame?.length ?? 0 }] : secrets);
    if (excerpt !== undefined) finding.excerpt = excerpt;
    conn.counts[finding.side][finding.level]++;
    out.push(finding);
  }
}

/**
 * The one-line summary of a connection: `client: 0 findings; server: 2 MUST, 1 SHOULD`.
 *
 * @example
 * summaryLine(checker.summaries()[0]) // 'client: 0 findings; server: 2 MUST, 1 SHOULD'
 */
export function summaryLine(s: ConnectionSummary): string {
  const side = (d: Direction): string => {
    const c = s.counts[d];
    if (c.MUST + c.SHOULD === 0) return `${d}: 0 findings`;
    const parts: string[] = [];
    if (c.MUST > 0) parts.push(`${c.MUST} MUST`);
    if (c.SHOULD > 0) parts.push(`${c.SHOULD} SHOULD`);
    return `${d}: ${parts.join(', ')}`;
  };
  return `${side('client')}; ${side('server')}`;
}
