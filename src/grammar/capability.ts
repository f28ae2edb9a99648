import type { Reader } from '../wire/reader.js';
import type { Writer } from '../wire/writer.js';
import type { CapabilityResponse } from '../model/response.js';
import { SP } from '../wire/chars.js';

/**
 * `*(SP capability)` after the word CAPABILITY or ENABLED: atoms
 * (`AUTH=PLAIN` is an atom too). Stops at "]" (inside a response code) or
 * at the line end; a space before CRLF is left for `crlf()` to flag.
 */
export function readCapabilityList(r: Reader): string[] {
  const caps: string[] = [];
  while (r.peek() === SP && !r.atLineEnd()) {
    r.pos++;
    caps.push(r.atom());
  }
  return caps;
}

/** Write `*(SP capability)`. */
export function writeCapabilityList(w: Writer, caps: readonly string[]): void {
  for (const c of caps) w.sp().atom(c);
}

/** `capability-data` / `enable-data` after the response name. */
export function readCapabilityData(r: Reader, type: 'CAPABILITY' | 'ENABLED'): CapabilityResponse {
  return { type, capabilities: readCapabilityList(r) };
}

/** Write `CAPABILITY ...` / `ENABLED ...` (name included). */
export function writeCapabilityData(w: Writer, v: CapabilityResponse): void {
  w.ascii(v.type);
  writeCapabilityList(w, v.capabilities);
}
