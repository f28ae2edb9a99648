import type { FindingReporter } from './reporter.js';
import { Tally, where } from './reporter.js';
import type { Output } from '../output.js';

/**
 * GitHub Actions workflow commands: `::error file=…,title=…::message` for
 * a MUST, `::warning` for a SHOULD, so each finding shows as an
 * annotation on the run; then one summary line.
 *
 * @example
 * // ::error file=a.pcap,title=grammar/nz-number (RFC 9051 §9)::10.0.0.1:50312-10.0.0.2:143 server@1234: The server sent ...
 */
export function githubReporter(out: Output): FindingReporter {
  const tally = new Tally();
  return {
    connection() {
      tally.connections++;
    },
    finding({ finding: f, file }) {
      tally.add(f);
      const kind = f.level === 'MUST' ? 'error' : 'warning';
      const title = `${f.rule} (${f.rfc})${f.quirk !== undefined ? ` quirk ${f.quirk}` : ''}`;
      const text = `${where(f)}: ${f.message}${f.excerpt !== undefined ? `\n${f.excerpt}` : ''}`;
      out.write(`::${kind} file=${property(file)},title=${property(title)}::${data(text)}\n`);
    },
    end() {
      out.write(`imapwire: ${tally.sentence()}\n`);
    },
  };
}

/** Escaping of a workflow command's message. */
function data(s: string): string {
  return s.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
}

/** Escaping of a workflow command's property value. */
function property(s: string): string {
  return data(s).replace(/:/g, '%3A').replace(/,/g, '%2C');
}
