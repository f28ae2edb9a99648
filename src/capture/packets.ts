/** Reads pcap and pcapng files into StreamEvents (work in progress). */
import type { CaptureOptions, StreamReader } from './options.js';
import type { StreamEvent } from './types.js';

/**
 * Reads pcap and pcapng files.
 *
 * @example
 * const r = new PacketReader();
 * const events = [...r.push(bytes), ...r.end()];
 */
export class PacketReader implements StreamReader {
  constructor(readonly options: CaptureOptions = {}) {}
  push(_chunk: Uint8Array): StreamEvent[] { return []; }
  end(): StreamEvent[] { return []; }
  heldBytes(): number { return 0; }
}
