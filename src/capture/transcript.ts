/** Reads C:/S: and Client:/Server: transcripts into StreamEvents (work in progress). */
import type { CaptureOptions, StreamReader } from './options.js';
import type { StreamEvent } from './types.js';

/**
 * Reads C:/S: and Client:/Server: transcripts.
 *
 * @example
 * const r = new TranscriptReader();
 * const events = [...r.push(bytes), ...r.end()];
 */
export class TranscriptReader implements StreamReader {
  constructor(readonly options: CaptureOptions = {}) {}
  push(_chunk: Uint8Array): StreamEvent[] { return []; }
  end(): StreamEvent[] { return []; }
  heldBytes(): number { return 0; }
}
