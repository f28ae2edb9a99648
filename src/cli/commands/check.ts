/// <reference types="node" />
import type { Direction } from '../../capture/types.js';
import { grammarFinding } from '../findings.js';
import { createReporter, FINDING_FORMATS, type FindingFormat } from '../formats/index.js';
import { INPUT_HELP, INPUT_OPTIONS, files, inputOptions, oneOf } from '../options.js';
import { Output } from '../output.js';
import { runPipeline } from '../pipeline.js';
import type { Subcommand } from '../subcommands.js';
import { QUIRK_BY_ID } from '../../grammar/quirks.js';
import { CliError } from '../errors.js';
import { Checker, ruleMatches, summaryLine } from '../../session/checker.js';
import { RULE_IDS } from '../../session/rules/registry.js';
import type { Finding, FindingLevel } from '../../session/finding.js';
import { parseScript, ScriptError, type Script } from '../../session/script.js';
import { ExpectRecorder, expectFindings } from '../expect.js';
import { readFileSync } from 'node:fs';

function list(v: unknown): string[] {
  return ((v as string[] | undefined) ?? []).flatMap((a) => a.split(',')).map((a) => a.trim()).filter((a) => a !== '');
}

function knownPattern(option: string, p: string): void {
  if (p.startsWith('grammar')) return;
  if (RULE_IDS.some((id) => ruleMatches(id, [p]))) return;
  throw new CliError(`${option} names no known rule "${p}" (the rule ids are listed in docs/checks.md).`);
}

/** `imapwire check`: the grammar and the conversation rules, blamed on the side at fault. */
export const checkCommand: Subcommand = {
  name: 'check',
  summary: 'check the grammar and the conversation rules, and say which side is at fault',
  usage: 'imapwire check [options] FILE…  |  imapwire check --expect SCRIPT FILE…',
  help: `Reads each FILE like imapwire validate and checks, besides the grammar, the
conversation: states, tags, continuations and literals, mailbox size, UIDs,
flags, SELECT responses, CONDSTORE, static data and the end of the session,
across both directions and across the connections of the inputs. Each broken
rule is a finding with its id, the side at fault, its level (MUST or SHOULD)
and the RFC clause (the rules are listed in docs/checks.md). The text report
ends with a summary per connection ("client: 0 findings; server: 2 MUST,
1 SHOULD") and what the capture could not show.

Options:
  --expect SCRIPT        also hold each connection to a script's S: expectations
                         (the form of imapwire run; script/expectation findings)
  --format F             text (default), json, junit, sarif or github
  --level must|should    the lowest level that fails the run (default must:
                         SHOULD findings are reported and the status stays 0)
  --rules ID[,ID…]       only these rules (grammar/* for every grammar rule)
  --skip ID[,ID…]        not these rules
  --allow QUIRK[,QUIRK…] accept these named quirks
  --grammar imap4rev1|imap4rev2
                         the grammar to hold frames to where the session does not say
  --show-secrets         keep passwords and AUTHENTICATE data in excerpts
${INPUT_HELP}

Exit status: 0 no finding at the failing level, 1 some, 2 the inputs could not be read.`,
  options: {
    ...INPUT_OPTIONS,
    format: { type: 'string' },
    level: { type: 'string' },
    rules: { type: 'string', multiple: true },
    skip: { type: 'string', multiple: true },
    allow: { type: 'string', multiple: true },
    grammar: { type: 'string' },
    'show-secrets': { type: 'boolean' },
    expect: { type: 'string' },
  },
  async run(inv) {
    const format = oneOf<FindingFormat>('--format', (inv.values.format as string | undefined) ?? 'text', FINDING_FORMATS);
    const failAt = oneOf('--level', ((inv.values.level as string | undefined) ?? 'must').toLowerCase(), ['must', 'should'] as const);
    const grammarOpt = inv.values.grammar as string | undefined;
    const grammar = grammarOpt === undefined ? undefined : oneOf('--grammar', grammarOpt, ['imap4rev1', 'imap4rev2'] as const);
    const allow = list(inv.values.allow);
    for (const a of allow) {
      if (!QUIRK_BY_ID.has(a)) throw new CliError(`--allow names no known quirk "${a}" (the quirk ids are listed in docs/quirks.md).`);
    }
    const rules = list(inv.values.rules);
    const skip = list(inv.values.skip);
    for (const p of rules) knownPattern('--rules', p);
    for (const p of skip) knownPattern('--skip', p);
    const names = files(inv, 'check');
    const scriptPath = inv.values.expect as string | undefined;
    let script: Script | undefined;
    if (scriptPath !== undefined) {
      let text: string;
      try {
        text = readFileSync(scriptPath, 'utf8');
      } catch {
        throw new CliError(`cannot read the script ${scriptPath}.`);
      }
      try {
        script = parseScript(text, scriptPath);
      } catch (e) {
        if (e instanceof ScriptError) throw new CliError(`${e.message.replace(/\.$/, '')}.`);
        throw e;
      }
    }
    const recorders = new Map<string, ExpectRecorder>();
    const out = new Output(process.stdout);
    const sides: Direction[] = ['client', 'server'];
    const reporter = createReporter(format, out, { command: 'check', sides, version: inv.version });
    // Grammar findings come from the command line's own builder (the one
    // `validate` uses, with its redaction); the checker adds the others.
    const checker = new Checker({ rules: rules.length > 0 ? rules : undefined, skip: [...skip, 'grammar/*'] });
    const allowed = new Set(allow);
    const fileOf = new Map<string, string>();
    const failing: FindingLevel[] = failAt === 'should' ? ['MUST', 'SHOULD'] : ['MUST'];
    let failures = 0;
    // Findings the checker did not make (grammar, script), for the summaries.
    const counted = new Map<string, Record<Direction, Record<FindingLevel, number>>>();
    const report = (f: Finding, file: string): void => {
      if (failing.includes(f.level)) failures++;
      if (f.rule.startsWith('grammar/') || f.rule.startsWith('script/')) {
        const c = counted.get(f.connection) ?? { client: { MUST: 0, SHOULD: 0 }, server: { MUST: 0, SHOULD: 0 } };
        c[f.side][f.level]++;
        counted.set(f.connection, c);
      }
      reporter.finding({ finding: f, file });
    };
    await runPipeline(names, { ...inputOptions(inv), validate: true, grammar, allowQuirks: allow }, out, (ev, input) => {
      if (ev.type === 'open') {
        fileOf.set(ev.connection.id, input.name);
        reporter.connection(ev.connection.id, input.name);
      }
      const g = grammarFinding(ev, { grammar, showSecrets: inv.values['show-secrets'] === true });
      if (g !== undefined && !(g.quirk !== undefined && allowed.has(g.quirk)) && (rules.length === 0 || ruleMatches(g.rule, rules)) && !ruleMatches(g.rule, skip)) {
        report(g, input.name);
      }
      for (const f of checker.push(ev)) report(f, input.name);
      if (script !== undefined && ev.type !== 'open' && ev.type !== 'notice' && ev.type !== 'compressed' && ev.type !== 'encrypted') {
        let rec = recorders.get(ev.connection);
        if (rec === undefined) recorders.set(ev.connection, (rec = new ExpectRecorder()));
        rec.push(ev);
      }
    });
    if (script !== undefined) {
      for (const [conn, rec] of recorders) for (const f of expectFindings(script, rec, conn)) report(f, fileOf.get(conn) ?? names[0]!);
    }
    for (const f of checker.end()) report(f, fileOf.get(f.connection) ?? names[0]!);
    if (format === 'text') {
      for (const s of checker.summaries()) {
        const g = counted.get(s.connection);
        if (g !== undefined) for (const d of sides) for (const l of ['MUST', 'SHOULD'] as const) s.counts[d][l] += g[d][l];
        out.write(`${fileOf.get(s.connection) ?? '-'}: ${s.connection}: ${summaryLine(s)}\n`);
        for (const n of s.notChecked) out.write(`  not checked: ${n}\n`);
      }
    }
    reporter.end();
    await out.flush();
    return failures > 0 ? 1 : 0;
  },
};
