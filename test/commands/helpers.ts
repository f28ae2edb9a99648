import { Framer } from '../../src/wire/framer.js';
import { concat } from '../bytes.js';

export { concat };
import type { FramerEvent } from '../../src/wire/framer.js';
import { CommandDecoder, type CommandDecoderEvent, type CommandDecoderOptions } from '../../src/codec/command-decoder.js';

const enc = new TextEncoder();
export const bytes = (s: string): Uint8Array => enc.encode(s);
export const text = (b: Uint8Array): string => new TextDecoder().decode(b);


/** Frame bytes as a server would, accepting every synchronizing literal. */
export function frameAll(input: Uint8Array): FramerEvent[] {
  const f = new Framer({ side: 'server' });
  const out: FramerEvent[] = [];
  let evs = f.push(input);
  for (;;) {
    out.push(...evs);
    if (evs.length > 0 && evs[evs.length - 1].type === 'literal') evs = f.acceptLiteral();
    else break;
  }
  out.push(...f.end());
  return out;
}

/** Run a decoder over chunks, accepting every literal; all events in order. */
export function decodeAll(chunks: Uint8Array[], options?: CommandDecoderOptions): CommandDecoderEvent[] {
  const d = new CommandDecoder(options);
  const out: CommandDecoderEvent[] = [];
  const drain = (evs: CommandDecoderEvent[]): void => {
    for (const e of evs) {
      out.push(e);
      if (e.type === 'literal') drain(d.acceptLiteral());
    }
  };
  for (const c of chunks) drain(d.push(c));
  drain(d.end());
  return out;
}
