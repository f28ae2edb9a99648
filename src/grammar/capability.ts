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

/**
 * `capability-data` (RFC 9051 §9: `*(SP capability) SP "IMAP4rev2"
 * *(SP capability)`; RFC 3501 §9 the same with "IMAP4rev1") must list
 * IMAP4rev1 or IMAP4rev2; `IMAP4rev1x` is another capability.
 */
export function checkCapabilities(r: Reader, caps: readonly string[], at: number): void {
  for (const c of caps) {
    if (c.length === 9) {
      const u = c.toUpperCase();
      if (u === 'IMAP4REV1' || u === 'IMAP4REV2') return;
    }
  }
  r.quirk('capability-no-imap4', 'a capability list holding IMAP4rev1 or IMAP4rev2', at, 'capability-data');
}

/** `capability-data` / `enable-data` after the response name. */
export function readCapabilityData(r: Reader, type: 'CAPABILITY' | 'ENABLED'): CapabilityResponse {
  const at = r.pos;
  const capabilities = readCapabilityList(r);
  if (type === 'CAPABILITY') checkCapabilities(r, capabilities, at);
  return { type, capabilities };
}

/** Write `CAPABILITY ...` / `ENABLED ...` (name included). */
export function writeCapabilityData(w: Writer, v: CapabilityResponse): void {
  w.ascii(v.type);
  writeCapabilityList(w, v.capabilities);
}
