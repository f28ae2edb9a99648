/// <reference types="node" />
import { jsonText } from '../json.js';
import { INPUT_HELP, INPUT_OPTIONS, files, inputOptions, oneOf } from '../options.js';
import { Output } from '../output.js';
import { runPipeline } from '../pipeline.js';
import { toRecord } from '../records.js';
import type { Subcommand } from '../subcommands.js';
import { textLine } from '../summary.js';

/** `imapwire parse`: every command and response as typed values. */
export const parseCommand: Subcommand = {
  name: 'parse',
  summary: 'every command and response of the captured sessions as typed values',
  usage: 'imapwire parse [options] FILE…',
  help: `Reads each FILE (a pcap or pcapng capture, a transcript, tcpflow -c output, a
Dovecot rawlog or a raw stream; - for standard input) and writes one record per
command, response, SASL line and connection event, in wire order, with its
connection, direction, byte offset in that direction's stream and time.
Secrets (LOGIN passwords, AUTHENTICATE data in both directions) are redacted.

Options:
  --format json|text     JSON lines (default; byte arrays as base64, big numbers as
                         strings) or one line of text per record (literals by size)
  --show-secrets         keep passwords and AUTHENTICATE data in the output
${INPUT_HELP}

Exit status: 0 every frame was read, 1 some frame could not be read (an error
record), 2 the inputs could not be read at all.`,
  options: {
    ...INPUT_OPTIONS,
    format: { type: 'string' },
    'show-secrets': { type: 'boolean' },
  },
  async run(inv) {
    const format = oneOf('--format', (inv.values.format as string | undefined) ?? 'json', ['json', 'text'] as const);
    const showSecrets = inv.values['show-secrets'] === true;
    const out = new Output(process.stdout);
    let errors = 0;
    await runPipeline(files(inv, 'parse'), inputOptions(inv), out, (ev) => {
      if (ev.type === 'error') errors++;
      const record = toRecord(ev, { showSecrets });
      if (format === 'json') out.writeLine(jsonText(record));
      else out.write(textLine(record));
    });
    await out.flush();
    return errors > 0 ? 1 : 0;
  },
};
