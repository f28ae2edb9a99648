import type { Reader } from '../wire/reader.js';
import type { Writer } from '../wire/writer.js';
import type { CapabilityResponse } from '../model/response.js';
import { CLASS, ATOM, SP } from '../wire/chars.js';

/** Capabilities of the list being read, before they go out as one exact-size array. */
const scratch: string[] = [];

/**
 * `*(SP capability)` after the word CAPABILITY or ENABLED: atoms
 * (`AUTH=PLAIN` is an atom too). Stops at "]" (inside a response code) or
 * at the line end; a space before CRLF is left for `crlf()` to flag.
 */
export function readCapabilityList(r: Reader): string[] {
  const b = r.bytes;
  let n = 0;
  // An atom char after the SP: not the line end (the common case, no atLineEnd call).
  while (r.pos < r.end && b[r.pos] === SP && ((CLASS[b[r.pos + 1]] & ATOM) !== 0 || !r.atLineEnd())) {
    r.pos++;
    scratch[n++] = r.atom();
  }
  // Collected first, then copied once: pushing onto [] would reserve 17
  // slots and grow again past them.
  return n === 0 ? [] : scratch.slice(0, n);
}

/**
 * 2 for `IMAP4rev2`, 1 for `IMAP4rev1` (any case), else 0, without
 * upper-casing the capability.
 */
export function imap4Revision(c: string): 0 | 1 | 2 {
  if (c.length !== 9) return 0;
  for (let i = 0; i < 8; i++) if ((c.charCodeAt(i) | 0x20) !== IMAP4REV.charCodeAt(i)) return 0;
  const d = c.charCodeAt(8);
  return d === 0x31 ? 1 : d === 0x32 ? 2 : 0;
}
const IMAP4REV = 'imap4rev';

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
  for (const c of caps) if (imap4Revision(c) !== 0) return;
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
