import type { FindingReporter, ReportedFinding } from './reporter.js';
import { Tally, where } from './reporter.js';
import type { Output } from '../output.js';

/**
 * Findings for people: one paragraph each (where, level, rule, RFC, the
 * message, the excerpt), then one summary sentence.
 *
 * @example
 * // a.pcap: 10.0.0.1:50312-10.0.0.2:143 server@1234: MUST grammar/nz-number (RFC 9051 §9)
 * //   The server sent a response the grammar does not allow: expected nz-number, found "0]".
 * //   "* OK [UIDNEXT 0] Predicted next UID\r\n"
 */
export function textReporter(out: Output): FindingReporter {
  const tally = new Tally();
  return {
    connection() {
      tally.connections++;
    },
    finding({ finding: f, file }: ReportedFinding) {
      tally.add(f);
      let head = `${file}: ${where(f)}: ${f.level} ${f.rule} (${f.rfc})`;
      if (f.quirk !== undefined) head += ` [quirk ${f.quirk}]`;
      if (f.tag !== undefined) head += ` tag ${f.tag}`;
      out.write(head + '\n  ' + f.message + '\n' + (f.excerpt !== undefined ? '  ' + f.excerpt + '\n' : ''));
    },
    end() {
      out.write(tally.sentence() + '\n');
    },
  };
}
