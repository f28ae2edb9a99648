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

/** `imapwire validate`: strict grammar checks of both directions. */
export const validateCommand: Subcommand = {
  name: 'validate',
  summary: 'check every frame against the RFC grammar in strict mode (for CI)',
  usage: 'imapwire validate [options] FILE…',
  help: `Reads each FILE like imapwire parse and checks every command and response
against the formal syntax (RFC 9051 §9, RFC 3501 §9 and the extensions') in strict
mode. Each violation is a finding: connection, direction, byte offset, an excerpt
of the frame (secrets redacted), expected and found, the ABNF rule (grammar/<rule>),
the RFC section and, when the default mode knows it as a server quirk, its id.

Options:
  --format F             text (default), json (JSON lines), junit (one test case per
                         connection and direction), sarif (2.1.0) or github
                         (workflow-command annotations)
  --side server|client|both
                         whose frames to check (default both)
  --allow QUIRK[,QUIRK…] accept these named quirks
  --grammar imap4rev1|imap4rev2
                         the grammar to hold frames to where the session does not say
  --show-secrets         keep passwords and AUTHENTICATE data in excerpts
${INPUT_HELP}

Exit status: 0 no violation, 1 violations found, 2 the inputs could not be read.`,
  options: {
    ...INPUT_OPTIONS,
    format: { type: 'string' },
    side: { type: 'string' },
    allow: { type: 'string', multiple: true },
    grammar: { type: 'string' },
    'show-secrets': { type: 'boolean' },
  },
  async run(inv) {
    const format = oneOf<FindingFormat>('--format', (inv.values.format as string | undefined) ?? 'text', FINDING_FORMATS);
    const side = oneOf('--side', (inv.values.side as string | undefined) ?? 'both', ['server', 'client', 'both'] as const);
    const grammarOpt = inv.values.grammar as string | undefined;
    const grammar = grammarOpt === undefined ? undefined : oneOf('--grammar', grammarOpt, ['imap4rev1', 'imap4rev2'] as const);
    const allow = ((inv.values.allow as string[] | undefined) ?? []).flatMap((a) => a.split(',')).map((a) => a.trim()).filter((a) => a !== '');
    for (const a of allow) {
      if (!QUIRK_BY_ID.has(a)) throw new CliError(`--allow names no known quirk "${a}" (the quirk ids are listed in docs/quirks.md).`);
    }
    const sides: Direction[] = side === 'both' ? ['client', 'server'] : [side];
    const names = files(inv, 'validate');
    const out = new Output(process.stdout);
    const reporter = createReporter(format, out, { command: 'validate', sides, version: inv.version });
    const allowed = new Set(allow);
    let findings = 0;
    const findingOptions = { grammar, showSecrets: inv.values['show-secrets'] === true };
    await runPipeline(names, { ...inputOptions(inv), validate: true, grammar, allowQuirks: allow }, out, (ev, input) => {
      if (ev.type === 'open') return reporter.connection(ev.connection.id, input.name);
      const f = grammarFinding(ev, findingOptions);
      if (f === undefined || !sides.includes(f.direction)) return;
      if (f.quirk !== undefined && allowed.has(f.quirk)) return;
      findings++;
      reporter.finding({ finding: f, file: input.name });
    });
    reporter.end();
    await out.flush();
    return findings > 0 ? 1 : 0;
  },
};
