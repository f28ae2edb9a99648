/** Reads one direction of raw IMAP bytes into StreamEvents (work in progress). */
import type { CaptureOptions, StreamReader } from './options.js';
import type { StreamEvent } from './types.js';

/**
 * Reads one direction of raw IMAP bytes.
 *
 * @example
 * const r = new RawStreamReader();
 * const events = [...r.push(bytes), ...r.end()];
 */
export class RawStreamReader implements StreamReader {
  constructor(readonly options: CaptureOptions = {}) {}
  push(_chunk: Uint8Array): StreamEvent[] { return []; }
  end(): StreamEvent[] { return []; }
  heldBytes(): number { return 0; }
}
