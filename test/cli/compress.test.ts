// COMPRESS=DEFLATE through the command: the node:zlib inflater the command
// passes to the conversation decoder inflates both directions, so what
// follows the COMPRESS is typed (and validated) like the rest.
import { beforeAll, describe, expect, it } from 'vitest';
import { cliEntry, imapwire, tempDir } from './run.js';
import { compressedPcap, put } from './fixtures.js';

let file: string;

beforeAll(async () => {
  cliEntry();
  file = put(tempDir('compress'), 'compress.pcap', await compressedPcap());
}, 180_000);

describe('COMPRESS=DEFLATE', () => {
  it('parse types the commands and responses after it', async () => {
    const r = await imapwire(['parse', file]);
    expect(r.code).toBe(0);
    const records = r.stdout.toString().trim().split('\n').map((l) => JSON.parse(l) as { type: string; command?: { type: string }; response?: { type: string; mailbox?: string } });
    const types = records.map((x) => x.type);
    expect(types.indexOf('compressed')).toBeGreaterThan(0);
    expect(records.filter((x) => x.command !== undefined).map((x) => x.command!.type)).toEqual(['LOGIN', 'COMPRESS', 'LIST', 'SELECT', 'LOGOUT']);
    expect(records.filter((x) => x.response?.type === 'LIST').map((x) => x.response!.mailbox)).toEqual(['INBOX', 'Sent']);
  });

  it('validate finds the violation inside the compressed stream', async () => {
    const r = await imapwire(['validate', '--format', 'json', file]);
    expect(r.code).toBe(1);
    const f = r.stdout.toString().trim().split('\n').map((l) => JSON.parse(l) as { rule: string; side: string; excerpt: string });
    expect(f.map((x) => `${x.side} ${x.rule}`)).toEqual(['server grammar/nz-number']);
    expect(f[0]!.excerpt).toContain('UIDNEXT 0');
  });

  it('stats counts it as compressed', async () => {
    const s = JSON.parse((await imapwire(['stats', '--format', 'json', file])).stdout.toString()) as { compressed: number; commands: Record<string, number> };
    expect(s.compressed).toBe(1);
    expect(s.commands.LIST).toBe(1);
  });
});
