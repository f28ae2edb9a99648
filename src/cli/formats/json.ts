import type { FindingReporter } from './reporter.js';
import type { Output } from '../output.js';
import { jsonLine } from '../json.js';

/**
 * Findings as JSON lines for scripts: each line is a {@link Finding} with
 * the input's name as `file`. Nothing else is written.
 *
 * @example
 * // {"file":"a.pcap","rule":"grammar/nz-number","side":"server","level":"MUST",...}
 */
export function jsonReporter(out: Output): FindingReporter {
  return {
    connection() {},
    finding({ finding, file }) {
      out.write(jsonLine({ file, ...finding }));
    },
    end() {},
  };
}
