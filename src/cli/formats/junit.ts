import type { Direction } from '../../capture/types.js';
import type { FindingReporter, ReportContext } from './reporter.js';
import { where } from './reporter.js';
import type { Output } from '../output.js';

/** Findings kept per test case; past this only the count grows (bounded memory). */
const KEEP = 100;

interface Case {
  file: string;
  connection: string;
  direction: Direction;
  count: number;
  firstRule?: string;
  lines: string[];
}

/**
 * JUnit XML: one test suite per input, one test case per connection and
 * direction checked (`--side`), failing with its findings listed. Written
 * at the end, since a suite's header counts its failures.
 *
 * @example
 * // <testsuite name="a.pcap" tests="2" failures="1" ...>
 * //   <testcase classname="a.pcap" name="10.0.0.1:50312-10.0.0.2:143 server"><failure .../></testcase>
 */
export function junitReporter(out: Output, ctx: ReportContext): FindingReporter {
  const files = new Map<string, Map<string, Case>>();
  const caseOf = (file: string, connection: string, direction: Direction): Case => {
    let cases = files.get(file);
    if (cases === undefined) files.set(file, (cases = new Map()));
    const key = connection + '\0' + direction;
    let c = cases.get(key);
    if (c === undefined) cases.set(key, (c = { file, connection, direction, count: 0, lines: [] }));
    return c;
  };
  return {
    connection(id, file) {
      for (const side of ctx.sides) caseOf(file, id, side);
    },
    finding({ finding: f, file }) {
      const c = caseOf(file, f.connection, f.direction);
      c.count++;
      c.firstRule ??= f.rule;
      if (c.lines.length < KEEP) c.lines.push(`${where(f)}: ${f.level} ${f.rule} (${f.rfc}): ${f.message}${f.excerpt !== undefined ? ' ' + f.excerpt : ''}`);
    },
    end() {
      let tests = 0;
      let failures = 0;
      const suites: string[] = [];
      for (const [file, cases] of files) {
        let body = '';
        let fails = 0;
        for (const c of cases.values()) {
          body += `    <testcase classname="${attr(file)}" name="${attr(`${c.connection} ${c.direction}`)}">`;
          if (c.count > 0) {
            fails++;
            const more = c.count > c.lines.length ? `\n… and ${c.count - c.lines.length} more` : '';
            const msg = `${c.count} finding${c.count === 1 ? '' : 's'}, the first ${c.firstRule}`;
            body += `\n      <failure message="${attr(msg)}" type="${attr(c.firstRule ?? 'finding')}">${text(c.lines.join('\n') + more)}</failure>\n    `;
          }
          body += '</testcase>\n';
        }
        tests += cases.size;
        failures += fails;
        suites.push(`  <testsuite name="${attr(file)}" tests="${cases.size}" failures="${fails}" errors="0" skipped="0">\n${body}  </testsuite>\n`);
      }
      out.write(
        `<?xml version="1.0" encoding="UTF-8"?>\n<testsuites name="imapwire ${attr(ctx.command)}" tests="${tests}" failures="${failures}" errors="0">\n` +
          suites.join('') +
          '</testsuites>\n',
      );
    },
  };
}

// XML 1.0 §2.2: these code points cannot appear at all, escaped or not.
// eslint-disable-next-line no-control-regex
const INVALID = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]/g;

function text(s: string): string {
  return s.replace(INVALID, '\ufffd').replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

function attr(s: string): string {
  return text(s).replace(/"/g, '&quot;').replace(/\n/g, '&#10;').replace(/\r/g, '&#13;').replace(/\t/g, '&#9;');
}
