import type { Output } from '../output.js';
import { githubReporter } from './github.js';
import { jsonReporter } from './json.js';
import { junitReporter } from './junit.js';
import type { FindingFormat, FindingReporter, ReportContext } from './reporter.js';
import { sarifReporter } from './sarif.js';
import { textReporter } from './text.js';

export { FINDING_FORMATS } from './reporter.js';
export type { FindingFormat, FindingReporter, ReportContext, ReportedFinding } from './reporter.js';

/**
 * The reporter of a findings format.
 *
 * @example
 * const reporter = createReporter('junit', out, { command: 'validate', sides: ['server'], version: '0.1.0' });
 */
export function createReporter(format: FindingFormat, out: Output, ctx: ReportContext): FindingReporter {
  switch (format) {
    case 'text':
      return textReporter(out);
    case 'json':
      return jsonReporter(out);
    case 'junit':
      return junitReporter(out, ctx);
    case 'sarif':
      return sarifReporter(out, ctx);
    case 'github':
      return githubReporter(out);
  }
}
