import { expect } from 'vitest';
import { concat as concatBytes } from '../bytes.js';
import { Framer, type Frame, type FramerEvent, type FramerOptions } from '../../src/wire/framer.js';
import { ImapParseError } from '../../src/wire/errors.js';

const encoder = new TextEncoder();

/** UTF-8 bytes of a string. */
export function bytes(s: string): Uint8Array {
  return encoder.encode(s);
}

/** Bytes from a mix of strings (UTF-8) and raw byte arrays. */
export function concat(...parts: (string | Uint8Array | number[])[]): Uint8Array {
  return concatBytes(parts.map((p) => (typeof p === 'string' ? encoder.encode(p) : p instanceof Uint8Array ? p : Uint8Array.from(p))));
}

/** Latin-1 view of bytes, for readable comparisons. */
export function latin1(b: Uint8Array): string {
  let s = '';
  for (const c of b) s += String.fromCharCode(c);
  return s;
}

export function framesOf(events: FramerEvent[]): Frame[] {
  const out: Frame[] = [];
  for (const e of events) if (e.type === 'frame') out.push(e.frame);
  return out;
}

export function errorsOf(events: FramerEvent[]): ImapParseError[] {
  const out: ImapParseError[] = [];
  for (const e of events) if (e.type === 'error') out.push(e.error);
  return out;
}

/** Push every chunk, then end(); all events in order. */
export function run(options: FramerOptions, chunks: (string | Uint8Array)[], end = true): FramerEvent[] {
  const f = new Framer(options);
  const out: FramerEvent[] = [];
  for (const c of chunks) out.push(...f.push(typeof c === 'string' ? bytes(c) : c));
  if (end) out.push(...f.end());
  return out;
}

/** Frame bytes as latin1 strings (one per frame), errors as `!code`. */
export function summary(events: FramerEvent[]): string[] {
  return events.map((e) =>
    e.type === 'frame' ? latin1(e.frame.bytes) : e.type === 'error' ? `!${e.error.code}` : e.type === 'literal' ? `?literal ${e.length} ${e.mode}` : `?${e.type}`,
  );
}

/** Run `fn` and return the ImapParseError it throws (fails the test if it throws nothing or something else). */
export function parseError(fn: () => unknown): ImapParseError {
  let caught: unknown;
  try {
    fn();
  } catch (e) {
    caught = e;
  }
  expect(caught, 'expected an ImapParseError to be thrown').toBeInstanceOf(ImapParseError);
  return caught as ImapParseError;
}
