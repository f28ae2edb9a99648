// The node:zlib Inflater: stateful across calls (RFC 4978 sync flushes),
// any chunking, and corrupt data rejects instead of hanging.
import { describe, expect, it } from 'vitest';
import zlib from 'node:zlib';
import { zlibInflater } from '../../src/cli/inflater.js';

function deflateMessages(messages: string[]): Promise<Uint8Array[]> {
  const z = zlib.createDeflateRaw();
  const out: Uint8Array[] = [];
  return (async () => {
    for (const m of messages) {
      const got: Buffer[] = [];
      const on = (c: Buffer): number => got.push(c);
      z.on('data', on);
      z.write(m);
      await new Promise<void>((r) => z.flush(zlib.constants.Z_SYNC_FLUSH, () => r()));
      z.off('data', on);
      out.push(new Uint8Array(Buffer.concat(got)));
    }
    return out;
  })();
}

describe('zlibInflater', () => {
  it('gives each message back whole after its sync flush, the dictionary kept between calls', async () => {
    const messages = ['a1 LIST "" "*"\r\n', 'a2 LIST "" "*"\r\n', 'a3 SELECT INBOX\r\n'];
    const inflater = zlibInflater();
    const got: string[] = [];
    for (const c of await deflateMessages(messages)) got.push(Buffer.from(await inflater.inflate(c)).toString());
    expect(got).toEqual(messages);
  });

  it('takes the compressed bytes in any chunks', async () => {
    const [c] = await deflateMessages(['* 1 FETCH (BODY[] {5}\r\nhello)\r\n'.repeat(20)]);
    const inflater = zlibInflater();
    let text = '';
    for (let i = 0; i < c!.length; i += 3) text += Buffer.from(await inflater.inflate(c!.subarray(i, i + 3))).toString();
    expect(text).toBe('* 1 FETCH (BODY[] {5}\r\nhello)\r\n'.repeat(20));
  });

  it('rejects corrupt data, and every call after it', async () => {
    const inflater = zlibInflater();
    await expect(inflater.inflate(new Uint8Array([0xff, 0xff, 0xff, 1, 2, 3]))).rejects.toThrow(/corrupt/);
    await expect(inflater.inflate(new Uint8Array([0]))).rejects.toThrow(/corrupt/);
  });
});
