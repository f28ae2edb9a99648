import { readRfc } from '../rfc.js';
import { readFileSync } from 'node:fs';
import { Reader, type ImapWarning } from '../../src/wire/reader.js';
import { Writer } from '../../src/wire/writer.js';
import { readMsgAtt, writeMsgAtt } from '../../src/grammar/fetch-response.js';
import { readBody, writeBody } from '../../src/grammar/bodystructure.js';
import { readEnvelope, writeEnvelope } from '../../src/grammar/envelope.js';
import type { FetchItem } from '../../src/model/fetch.js';
import type { BodyStructure } from '../../src/model/body.js';
import type { Envelope } from '../../src/model/envelope.js';

const enc = new TextEncoder();

export function bytes(s: string | Uint8Array): Uint8Array {
  return typeof s === 'string' ? enc.encode(s) : s;
}

export function latin1(b: Uint8Array): string {
  let s = '';
  for (const c of b) s += String.fromCharCode(c);
  return s;
}

export function text(b: Uint8Array | null): string | null {
  return b === null ? null : new TextDecoder().decode(b);
}

/** Read one whole construct; the reader must end exactly at the input's end. */
function readAll<T>(input: string | Uint8Array, read: (r: Reader) => T, strict: boolean): { value: T; warnings: ImapWarning[] } {
  // Unknown items are read generically here; test/strict pins their refusal in strict mode.
  const r = new Reader(bytes(input), { strict, allowUnknown: true });
  const value = read(r);
  if (!r.atEnd()) throw r.error('end of input');
  return { value, warnings: r.warnings ?? [] };
}

export function parseItems(input: string | Uint8Array, strict = false): FetchItem[] {
  return readAll(input, readMsgAtt, strict).value;
}

export function parseItemsW(input: string | Uint8Array, strict = false): { value: FetchItem[]; warnings: ImapWarning[] } {
  return readAll(input, readMsgAtt, strict);
}

export function parseBody(input: string | Uint8Array, strict = false): BodyStructure {
  return readAll(input, readBody, strict).value;
}

export function parseBodyW(input: string | Uint8Array, strict = false): { value: BodyStructure; warnings: ImapWarning[] } {
  return readAll(input, readBody, strict);
}

export function parseEnvelope(input: string | Uint8Array, strict = false): Envelope {
  return readAll(input, readEnvelope, strict).value;
}

export function writeItems(items: readonly FetchItem[]): Uint8Array {
  const w = new Writer({ side: 'server' });
  writeMsgAtt(w, items);
  return w.toBytes();
}

export function writeBodyBytes(b: BodyStructure): Uint8Array {
  const w = new Writer({ side: 'server' });
  writeBody(w, b);
  return w.toBytes();
}

export function writeEnvelopeBytes(e: Envelope): Uint8Array {
  const w = new Writer({ side: 'server' });
  writeEnvelope(w, e);
  return w.toBytes();
}

// ---- RFC text extraction ----------------------------------------------------

const PAGE = '\u0000page';

/** An RFC's lines (index + 1 is the line number); page-break lines (footer, form feed, header) are replaced by a marker. */
export function rfcLines(name: string): string[] {
  const raw = readRfc(name);
  return raw.split('\n').map((l) => (/\[Page \d+\]\s*$/.test(l) || /^\f/.test(l) || /^RFC \d+ .*\d{4}\s*$/.test(l) ? PAGE : l));
}

/** Join a folded continuation: one space, none after "(" or before ")". */
function join(s: string, next: string): string {
  if (s === '') return next;
  return s.endsWith('(') || next.startsWith(')') ? s + next : s + ' ' + next;
}

/** Depth change of a line's parens, ignoring quoted strings. */
function parenDelta(s: string): number {
  let d = 0;
  let q = false;
  for (let i = 0; i < s.length; i++) {
    const c = s[i];
    if (q) {
      if (c === '\\') i++;
      else if (c === '"') q = false;
    } else if (c === '"') q = true;
    else if (c === '(') d++;
    else if (c === ')') d--;
  }
  return d;
}

const PREFIX = /^\s*(?:[SC]:\s*)?/;

/**
 * The msg-att text, "(" ... ")", of every `* n FETCH (` line of an RFC:
 * continuation lines are joined with one space (folding artifacts between
 * `)` and `(` are fixed later with {@link unfold}). Examples elided with
 * "..." or holding literals are left out.
 */
export function rfcFetchExamples(name: string): { line: number; msgAtt: string }[] {
  const lines = rfcLines(name);
  const out: { line: number; msgAtt: string }[] = [];
  for (let i = 0; i < lines.length; i++) {
    const m = /\* \d+ FETCH (\(.*)$/.exec(lines[i]);
    if (!m) continue;
    let s = m[1].trim();
    let depth = parenDelta(s);
    let j = i;
    while (depth > 0 && j + 1 < lines.length && lines[j + 1].trim() !== '') {
      j++;
      if (lines[j] === PAGE) continue;
      const next = lines[j].replace(PREFIX, '').trim();
      s = join(s, next);
      depth += parenDelta(next);
    }
    if (depth !== 0 || s.includes('...') || /\{\d+\}/.test(s)) continue;
    out.push({ line: i + 1, msgAtt: s });
  }
  return out;
}

/** The first balanced "(" ... ")" after line `marker` matched, lines joined with one space. */
export function rfcParenAfter(name: string, marker: RegExp, from = 0): string {
  const lines = rfcLines(name);
  let i = from;
  while (i < lines.length && !marker.test(lines[i])) i++;
  if (i === lines.length) throw new Error(`${marker} not found in ${name}`);
  let s = '';
  let depth = 0;
  for (; i < lines.length; i++) {
    let l = lines[i];
    if (s === '') {
      const k = l.indexOf('(', marker.exec(l) ? (marker.exec(l) as RegExpExecArray).index : 0);
      if (k < 0) continue;
      l = l.slice(k);
    }
    const t = l.trim();
    if (t === '' || l === PAGE) continue;
    s = join(s, t);
    depth += parenDelta(t);
    if (depth <= 0) break;
  }
  // Cut after the closing paren.
  let d = 0;
  let q = false;
  for (let k = 0; k < s.length; k++) {
    const c = s[k];
    if (q) {
      if (c === '\\') k++;
      else if (c === '"') q = false;
    } else if (c === '"') q = true;
    else if (c === '(') d++;
    else if (c === ')' && --d === 0) return s.slice(0, k + 1);
  }
  throw new Error('unbalanced');
}

/**
 * Undo the RFC text's folding: the space a line join put between two
 * addresses or two bodies (where the wire has none) is exactly what the
 * lenient reader reports as `env-address-space` / `body-mpart-space`.
 */
export function unfold(input: string, read: (r: Reader) => unknown): string {
  const r = new Reader(bytes(input));
  read(r);
  const cut = new Set((r.warnings ?? []).filter((w) => w.name === 'env-address-space' || w.name === 'body-mpart-space').map((w) => w.offset));
  let out = '';
  for (let i = 0; i < input.length; i++) if (!cut.has(i)) out += input[i];
  return out;
}
