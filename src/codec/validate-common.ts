/**
 * Shape checks for values handed to the serializers: every field a writer
 * reads has the type the model gives it, every `type` is one the writer
 * knows. The writers check what the grammar allows (atom characters,
 * number ranges); these checks make sure a wrong call fails loudly, with
 * the field's path, instead of writing bytes that mean something else.
 * They run once per value and cost a few `typeof` tests per field.
 */
import { ImapEncodeError } from '../wire/errors.js';

/** A refused field; `path` is filled in on the way out. */
export class FieldError {
  readonly path: (string | number)[] = [];
  constructor(readonly message: string) {}
}

/** A short description of what was found, for the message. */
function show(v: unknown): string {
  if (v === undefined) return 'nothing (missing)';
  if (v === null) return 'null';
  if (typeof v === 'string') return v.length > 40 ? `the string ${JSON.stringify(v.slice(0, 40))}…` : `the string ${JSON.stringify(v)}`;
  if (typeof v === 'number' || typeof v === 'boolean') return `${typeof v} ${String(v)}`;
  if (typeof v === 'bigint') return `bigint ${v}n`;
  if (Array.isArray(v)) return 'an array';
  if (v instanceof Uint8Array) return 'a Uint8Array';
  return typeof v === 'object' ? 'an object' : typeof v;
}

/** Throw for the field `key` (undefined: the value itself). */
export function fail(key: string | number | undefined, expected: string, found: unknown): never {
  const e = new FieldError(`expected ${expected}, found ${show(found)}`);
  if (key !== undefined) e.path.push(key);
  throw e;
}

/** Prefix a FieldError's path with `key` (and `index`) as it passes a container. */
export function at(e: unknown, key: string | number, index?: number): unknown {
  if (e instanceof FieldError) {
    if (index !== undefined) e.path.unshift(index);
    e.path.unshift(key);
  }
  return e;
}

/** The ImapEncodeError for a refused field of a `what` (e.g. `FETCH command`). */
export function encodeError(e: unknown, what: string): unknown {
  if (!(e instanceof FieldError)) return e;
  let path = '';
  for (const p of e.path) path += typeof p === 'number' ? `[${p}]` : path === '' ? p : `.${p}`;
  return new ImapEncodeError(`${what}: ${path === '' ? 'the value' : path}: ${e.message}`);
}

export type O = Record<string, unknown>;

/** An object (an array or a Uint8Array passes here and fails on its first field). */
export function obj(v: unknown, key: string | number | undefined, what = 'an object'): O {
  if (typeof v !== 'object' || v === null) fail(key, what, v);
  return v as O;
}

export function str(v: unknown, key: string | number): void {
  if (typeof v !== 'string') fail(key, 'a string', v);
}

export function optStr(v: unknown, key: string): void {
  if (v !== undefined && typeof v !== 'string') fail(key, 'a string or nothing', v);
}

export function nstr(v: unknown, key: string | number): void {
  if (v !== null && typeof v !== 'string') fail(key, 'a string or null', v);
}

export function num(v: unknown, key: string | number): void {
  if (typeof v !== 'number') fail(key, 'a number', v);
}

export function optNum(v: unknown, key: string): void {
  if (v !== undefined && typeof v !== 'number') fail(key, 'a number or nothing', v);
}

export function nnum(v: unknown, key: string): void {
  if (v !== null && typeof v !== 'number') fail(key, 'a number or null', v);
}

export function big(v: unknown, key: string | number): void {
  if (typeof v !== 'bigint') fail(key, 'a bigint', v);
}

export function bool(v: unknown, key: string): void {
  if (typeof v !== 'boolean') fail(key, 'true or false', v);
}

export function optBool(v: unknown, key: string): void {
  if (v !== undefined && typeof v !== 'boolean') fail(key, 'true, false or nothing', v);
}

export function bytes(v: unknown, key: string | number): void {
  if (!(v instanceof Uint8Array)) fail(key, 'a Uint8Array', v);
}

export function nbytes(v: unknown, key: string): void {
  if (v !== null && !(v instanceof Uint8Array)) fail(key, 'a Uint8Array or null', v);
}

/** One of a fixed set of strings. */
export function oneOf(v: unknown, key: string, set: ReadonlySet<string>, what: string): void {
  if (typeof v !== 'string' || !set.has(v)) fail(key, what, v);
}

/** An array, each element checked by `each` (its path gets the index). */
export function list(v: unknown, key: string, each: (x: unknown, i: number) => void): void {
  if (!Array.isArray(v)) fail(key, 'an array', v);
  for (let i = 0; i < v.length; i++) {
    try {
      each(v[i], i);
    } catch (e) {
      throw at(e, key, i);
    }
  }
}

export function optList(v: unknown, key: string, each: (x: unknown, i: number) => void): void {
  if (v !== undefined) list(v, key, each);
}

export function nlist(v: unknown, key: string, each: (x: unknown, i: number) => void): void {
  if (v !== null) list(v, key, each);
}

/** An array of strings. */
export function strings(v: unknown, key: string): void {
  if (!Array.isArray(v)) fail(key, 'an array of strings', v);
  for (let i = 0; i < v.length; i++) if (typeof v[i] !== 'string') fail(key, 'a string', v[i]);
}

/** An array of numbers. */
export function numbers(v: unknown, key: string): void {
  if (!Array.isArray(v)) fail(key, 'an array of numbers', v);
  for (let i = 0; i < v.length; i++) if (typeof v[i] !== 'number') fail(key, 'a number', v[i]);
}

/** Check a nested value; its errors get `key` in front of their path. */
export function sub(v: unknown, key: string, check: (x: unknown) => void): void {
  try {
    check(v);
  } catch (e) {
    throw at(e, key);
  }
}

function seqNumber(v: unknown): boolean {
  return typeof v === 'number' || v === '*';
}

/** `sequence-set`: `$`, or an array of numbers, `*` and `[from, to]` pairs. */
export function sequenceSet(v: unknown, key: string): void {
  if (v === '$') return;
  if (!Array.isArray(v)) fail(key, 'a sequence set (an array, or "$")', v);
  for (let i = 0; i < v.length; i++) {
    const it: unknown = v[i];
    if (seqNumber(it)) continue;
    if (!Array.isArray(it) || it.length !== 2 || !seqNumber(it[0]) || !seqNumber(it[1])) {
      try {
        fail(i, 'a number, "*" or a [from, to] pair', it);
      } catch (e) {
        throw at(e, key);
      }
    }
  }
}

/** `ImapValue`, recursively. */
export function imapValue(v: unknown): void {
  const o = obj(v, undefined, 'an ImapValue');
  switch (o.type) {
    case 'atom':
    case 'string':
      str(o.value, 'value');
      return;
    case 'number':
      big(o.value, 'value');
      return;
    case 'binary':
      bytes(o.value, 'value');
      return;
    case 'nil':
      return;
    case 'list':
      list(o.items, 'items', imapValue);
      return;
    default:
      fail('type', 'an ImapValue type (atom, number, string, binary, nil, list)', o.type);
  }
}

export function optImapValue(v: unknown, key: string): void {
  if (v !== undefined) sub(v, key, imapValue);
}

/** `ExtParam`: a name and an optional generic value. */
export function extParam(o: O): void {
  str(o.name, 'name');
  optImapValue(o.value, 'value');
}

export function date(v: unknown): void {
  const o = obj(v, undefined, 'a date');
  num(o.year, 'year');
  num(o.month, 'month');
  num(o.day, 'day');
}

export function dateTime(v: unknown): void {
  const o = obj(v, undefined, 'a date-time');
  num(o.year, 'year');
  num(o.month, 'month');
  num(o.day, 'day');
  num(o.hour, 'hour');
  num(o.minute, 'minute');
  num(o.second, 'second');
  str(o.zone, 'zone');
}

const SECTION_TEXTS: ReadonlySet<string> = new Set(['HEADER', 'TEXT', 'MIME', 'HEADER.FIELDS', 'HEADER.FIELDS.NOT']);

export function section(v: unknown): void {
  const o = obj(v, undefined, 'a section');
  numbers(o.part, 'part');
  if (o.text === undefined) return;
  const t = obj(o.text, 'text');
  try {
    oneOf(t.type, 'type', SECTION_TEXTS, 'HEADER, TEXT, MIME, HEADER.FIELDS or HEADER.FIELDS.NOT');
    if (t.type === 'HEADER.FIELDS' || t.type === 'HEADER.FIELDS.NOT') strings(t.fields, 'fields');
  } catch (e) {
    throw at(e, 'text');
  }
}
