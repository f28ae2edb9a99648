import type { Finding } from '../../session/finding.js';
import type { FindingReporter, ReportContext } from './reporter.js';
import type { Output } from '../output.js';

/** Where the SARIF 2.1.0 schema lives (the OASIS standard with errata 01). */
export const SARIF_SCHEMA = 'https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json';

/**
 * SARIF 2.1.0, one run. Results are written as they come (the document
 * stays bounded in memory); the rules they name, the artifacts (the
 * input files) and the invocation follow them in the run object, since
 * JSON member order carries no meaning. Each result is located in its
 * input file by a binary region (`byteOffset` / `byteLength`, SARIF
 * §3.30.2): the bytes of the packet or line that holds the frame, so a
 * code-scanning UI can point into the capture.
 *
 * @example
 * // {"$schema":"...","version":"2.1.0","runs":[{"results":[{"ruleId":"grammar/nz-number",...}],"tool":{...}}]}
 */
export function sarifReporter(out: Output, ctx: ReportContext): FindingReporter {
  const rules = new Map<string, { index: number; rfc: string; level: string }>();
  const artifacts = new Map<string, number>();
  let first = true;
  out.write(`{"$schema":${JSON.stringify(SARIF_SCHEMA)},"version":"2.1.0","runs":[{"results":[`);
  const artifactIndex = (file: string): number => {
    let i = artifacts.get(file);
    if (i === undefined) artifacts.set(file, (i = artifacts.size));
    return i;
  };
  return {
    connection(_id, file) {
      artifactIndex(file);
    },
    finding({ finding: f, file }) {
      let rule = rules.get(f.rule);
      if (rule === undefined) rules.set(f.rule, (rule = { index: rules.size, rfc: f.rfc, level: level(f) }));
      const result = {
        ruleId: f.rule,
        ruleIndex: rule.index,
        level: level(f),
        kind: 'fail',
        message: { text: `${f.message} (${f.connection}, ${f.direction} stream byte ${f.offset})` },
        locations: [
          {
            physicalLocation: {
              artifactLocation: { uri: fileUri(file), index: artifactIndex(file) },
              ...(f.source !== undefined ? { region: { byteOffset: f.source.offset, byteLength: f.source.length } } : {}),
            },
          },
        ],
        partialFingerprints: { 'imapwireFinding/v1': fingerprint(f) },
        properties: {
          side: f.side,
          rfc: f.rfc,
          connection: f.connection,
          direction: f.direction,
          offset: f.offset,
          ...(f.length !== undefined ? { length: f.length } : {}),
          ...(f.expected !== undefined ? { expected: f.expected } : {}),
          ...(f.actual !== undefined ? { actual: f.actual } : {}),
          ...(f.quirk !== undefined ? { quirk: f.quirk } : {}),
          ...(f.tag !== undefined ? { tag: f.tag } : {}),
          ...(f.excerpt !== undefined ? { excerpt: f.excerpt } : {}),
          ...(f.time !== undefined ? { time: f.time } : {}),
        },
      };
      out.write((first ? '' : ',') + JSON.stringify(result));
      first = false;
    },
    end() {
      const driver = {
        name: 'imapwire',
        version: ctx.version,
        informationUri: 'https://www.npmjs.com/package/imapwire',
        rules: [...rules].map(([id, r]) => ({
          id,
          name: id.replace(/[^A-Za-z0-9]+(.)?/g, (_m, c: string | undefined) => (c ?? '').toUpperCase()),
          shortDescription: { text: ruleText(id) },
          helpUri: 'https://www.rfc-editor.org/rfc/' + (r.rfc.match(/RFC (\d+)/)?.[1] !== undefined ? `rfc${r.rfc.match(/RFC (\d+)/)![1]}` : 'rfc9051'),
          defaultConfiguration: { level: r.level },
          properties: { rfc: r.rfc, tags: ['imap'] },
        })),
      };
      const files = [...artifacts.keys()].map((file) => ({ location: { uri: fileUri(file) }, roles: ['analysisTarget'] }));
      out.write(
        `],"tool":${JSON.stringify({ driver })},"artifacts":${JSON.stringify(files)},` +
          `"invocations":[{"executionSuccessful":true,"commandLine":${JSON.stringify(`imapwire ${ctx.command}`)}}],"columnKind":"unicodeCodePoints"}]}\n`,
      );
    },
  };
}

function level(f: Finding): 'error' | 'warning' {
  return f.level === 'MUST' ? 'error' : 'warning';
}

function ruleText(id: string): string {
  if (id.startsWith('grammar/')) return `A frame breaks the ABNF rule ${id.slice(8)}.`;
  return `The conversation breaks the rule ${id}.`;
}

/** The input as a relative URI reference (SARIF §3.10): path segments percent-encoded. */
export function fileUri(file: string): string {
  if (file === '-') return 'stdin';
  return file
    .split(/[\\/]/)
    .map((seg, i) => (i === 0 && /^[A-Za-z]:$/.test(seg) ? seg : encodeURIComponent(seg)))
    .join('/');
}

/** A stable id of a finding across runs (FNV-1a over rule, connection, direction, offset). */
function fingerprint(f: Finding): string {
  let h = 0x811c9dc5;
  for (const ch of `${f.rule}|${f.connection}|${f.direction}|${f.offset}`) {
    h ^= ch.charCodeAt(0);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h.toString(16).padStart(8, '0');
}
