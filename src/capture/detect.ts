/**
 * Which capture format the first bytes are: binary magics for pcap and
 * pcapng, the line shapes of the text forms, the file name as a hint.
 */
import type { CaptureFormat } from './options.js';

/**
 * How many bytes {@link detectCaptureFormat} wants to see (fewer work when the input is shorter).
 *
 * @example
 * detectCaptureFormat(bytes.subarray(0, DETECT_BYTES));
 */
export const DETECT_BYTES = 4096;

const PCAP_MAGICS = new Set([0xa1b2c3d4, 0xd4c3b2a1, 0xa1b23c4d, 0x4d3cb2a1]);
const PCAPNG_SHB = 0x0a0d0d0a;

/** tcpflow names a flow `AAA.BBB.CCC.DDD.PPPPP-AAA.BBB.CCC.DDD.PPPPP` (IPv6: hex groups joined by `.`). */
const TCPFLOW_LINE = /^[0-9a-f.:]+\.\d{5}-[0-9a-f.:]+\.\d{5}: /i;
const RAWLOG_STAMP = /^\d{9,11}\.\d{6} /;

/**
 * The format of a capture from its first bytes (up to {@link DETECT_BYTES}),
 * or `undefined` when it is none imapwire reads. A file name helps where
 * the bytes alone cannot tell (`x.in` / `x.out` are Dovecot rawlogs).
 *
 * @example
 * detectCaptureFormat(new Uint8Array([0xd4, 0xc3, 0xb2, 0xa1])); // 'pcap'
 * detectCaptureFormat(new TextEncoder().encode('C: a1 NOOP\r\n')); // 'transcript'
 */
export function detectCaptureFormat(head: Uint8Array, name?: string): CaptureFormat | undefined {
  if (head.length >= 4) {
    const be = ((head[0] << 24) | (head[1] << 16) | (head[2] << 8) | head[3]) >>> 0;
    if (PCAP_MAGICS.has(be)) return 'pcap';
    if (be === PCAPNG_SHB) return 'pcapng';
  }
  const lower = name?.toLowerCase() ?? '';
  if (lower.endsWith('.pcapng')) return head.length === 0 ? 'pcapng' : undefined;
  if (lower.endsWith('.pcap') || lower.endsWith('.cap')) return head.length === 0 ? 'pcap' : undefined;
  // The text forms by their first line (later lines may hold compressed, binary bytes).
  const line = firstLine(head);
  if (/\.(in|out)$/.test(lower) || RAWLOG_STAMP.test(line)) return 'rawlog';
  if (TCPFLOW_LINE.test(line)) return 'tcpflow';
  if (/^\s*(Client|Server):/.test(line)) return 'book';
  if (/^\s*[CS]:( |\t|$)/.test(line)) return 'transcript';
  if (line.length === 0 || !looksLikeText(head)) return undefined;
  return 'raw';
}

/** Text, as far as a capture goes: no NUL, few control bytes. Bytes >= 0x80 (UTF-8, literals) are fine. */
function looksLikeText(head: Uint8Array): boolean {
  let control = 0;
  const n = Math.min(head.length, DETECT_BYTES);
  for (let i = 0; i < n; i++) {
    const b = head[i];
    if (b === 0) return false;
    if (b < 0x20 && b !== 0x0d && b !== 0x0a && b !== 0x09) control++;
  }
  return control * 20 <= n;
}

/** The first line that is not blank, without its line end (at most 512 bytes). */
function firstLine(head: Uint8Array): string {
  let i = 0;
  const n = Math.min(head.length, DETECT_BYTES);
  while (i < n && (head[i] === 0x0d || head[i] === 0x0a)) i++;
  let j = i;
  while (j < n && j - i < 512 && head[j] !== 0x0a && head[j] !== 0x0d) j++;
  let s = '';
  for (let k = i; k < j; k++) s += String.fromCharCode(head[k]);
  return s;
}
