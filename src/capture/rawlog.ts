/** Reads Dovecot rawlog files (work in progress). */
import type { CaptureOptions, StreamReader } from './options.js';
import type { Direction, StreamEvent } from './types.js';

/**
 * Reads Dovecot rawlogs: `push` for one file (direction from
 * `options.direction` or `options.name`: `.in` = client, `.out` = server),
 * `pushDirection` to feed both files of a pair into one connection.
 *
 * @example
 * const r = new RawlogReader({ name: '20261201-120000-1234.in' });
 * const events = [...r.push(bytes), ...r.end()];
 */
export class RawlogReader implements StreamReader {
  constructor(readonly options: CaptureOptions = {}) {}
  push(_chunk: Uint8Array): StreamEvent[] { return []; }
  pushDirection(_direction: Direction, _chunk: Uint8Array): StreamEvent[] { return []; }
  end(): StreamEvent[] { return []; }
  heldBytes(): number { return 0; }
}

/**
 * Read a rawlog pair (`.in` and `.out` of one session) as one connection;
 * with timestamps (`rawlog -t`) the lines of both sides are put in time order.
 *
 * @example
 * const events = readRawlogPair(inBytes, outBytes, { name: 'session' });
 */
export function readRawlogPair(_input: Uint8Array, _output: Uint8Array, _options: CaptureOptions = {}): StreamEvent[] {
  return [];
}
