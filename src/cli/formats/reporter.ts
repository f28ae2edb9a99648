/**
 * The shape every findings format implements, so `validate` (and any
 * other subcommand that yields findings) can write text, JSON lines,
 * JUnit, SARIF or GitHub annotations from the same calls.
 */
import type { Direction } from '../../capture/types.js';
import type { Finding } from '../../session/finding.js';
import type { Output } from '../output.js';

/** Where the findings came from, for the formats that name it. */
export interface ReportContext {
  /** The subcommand, e.g. `validate` (names the JUnit suites and the SARIF run). */
  command: string;
  /** The directions being checked (`--side`), for one JUnit test case each. */
  sides: Direction[];
  /** imapwire's version. */
  version: string;
}

/** What a finding is reported with: the input it came from. */
export interface ReportedFinding {
  finding: Finding;
  /** The input's name as the user gave it (`-` for standard input). */
  file: string;
}

/**
 * A findings report being written. Calls come in wire order; `end` is
 * called once, after the last input.
 *
 * @example
 * const r = createReporter('sarif', out, ctx);
 * r.connection('c1', 'a.pcap');
 * r.finding({ finding, file: 'a.pcap' });
 * r.end();
 */
export interface FindingReporter {
  /** A connection was found in `file` (a test case in JUnit, even when it passes). */
  connection(id: string, file: string): void;
  finding(item: ReportedFinding): void;
  /** Writes what is still held (summaries, closing brackets). */
  end(): void;
}

/** The findings formats. */
export const FINDING_FORMATS = ['text', 'json', 'junit', 'sarif', 'github'] as const;
/** One of {@link FINDING_FORMATS}. */
export type FindingFormat = (typeof FINDING_FORMATS)[number];

/** `where` of a finding for people: `CONNECTION server@1234`. */
export function where(f: Finding): string {
  return `${f.connection} ${f.direction}@${f.offset}`;
}

/** Counts findings by side, for the summaries. */
export class Tally {
  findings = 0;
  readonly bySide: Record<Direction, number> = { client: 0, server: 0 };
  /** Connections reported (each `open` is one: ids are unique within a run). */
  connections = 0;

  add(f: Finding): void {
    this.findings++;
    this.bySide[f.side]++;
  }

  /** One sentence: `3 findings (server 2, client 1) in 4 connections.` */
  sentence(): string {
    const n = this.connections;
    const conns = `${n} connection${n === 1 ? '' : 's'}`;
    if (this.findings === 0) return `no findings in ${conns}.`;
    return `${this.findings} finding${this.findings === 1 ? '' : 's'} (server ${this.bySide.server}, client ${this.bySide.client}) in ${conns}.`;
  }
}

export type { Output };
