import { encodeBase64 } from '../util/base64.js';

/**
 * One JSON line for a record (`Uint8Array` as base64, `bigint` as a
 * decimal string, `undefined` fields left out), newline included. Written
 * directly rather than by copying the value first: it runs once per frame.
 *
 * @example
 * jsonLine({ a: 1n }); // '{"a":"1"}\n'
 */
export function jsonLine(value: unknown): string {
  return jsonText(value) + '\n';
}

/** The JSON text of a value, as {@link jsonLine} writes it (no newline). */
export function jsonText(value: unknown): string {
  const s = write(value, 0);
  return s === undefined ? 'null' : s;
}

function write(v: unknown, depth: number): string | undefined {
  switch (typeof v) {
    case 'string':
      return JSON.stringify(v);
    case 'number':
      return Number.isFinite(v) ? String(v) : 'null';
    case 'boolean':
      return v ? 'true' : 'false';
    case 'bigint':
      return '"' + v.toString() + '"';
    case 'object': {
      if (v === null) return 'null';
      if (depth > 200) return 'null';
      if (v instanceof Uint8Array) return '"' + encodeBase64(v) + '"';
      if (Array.isArray(v)) {
        let s = '[';
        for (let i = 0; i < v.length; i++) {
          if (i > 0) s += ',';
          s += write(v[i], depth + 1) ?? 'null';
        }
        return s + ']';
      }
      if (v instanceof Date) return JSON.stringify(v.toISOString());
      let s = '{';
      let first = true;
      for (const k in v) {
        if (!Object.prototype.hasOwnProperty.call(v, k)) continue;
        const x = write((v as Record<string, unknown>)[k], depth + 1);
        if (x === undefined) continue;
        s += (first ? '"' : ',"') + (SAFE_KEY.test(k) ? k : JSON.stringify(k).slice(1, -1)) + '":' + x;
        first = false;
      }
      return s + '}';
    }
    default:
      return undefined;
  }
}

const SAFE_KEY = /^[A-Za-z0-9_$.\-[\] ]*$/;
