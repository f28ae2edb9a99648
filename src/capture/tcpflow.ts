/** Reads tcpflow -c output into StreamEvents (work in progress). */
import type { CaptureOptions, StreamReader } from './options.js';
import type { StreamEvent } from './types.js';

/**
 * Reads tcpflow -c output.
 *
 * @example
 * const r = new TcpflowReader();
 * const events = [...r.push(bytes), ...r.end()];
 */
export class TcpflowReader implements StreamReader {
  constructor(readonly options: CaptureOptions = {}) {}
  push(_chunk: Uint8Array): StreamEvent[] { return []; }
  end(): StreamEvent[] { return []; }
  heldBytes(): number { return 0; }
}
