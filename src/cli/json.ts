import { encodeBase64 } from '../util/base64.js';

/**
 * A value made JSON-safe: `Uint8Array` becomes its base64 text, `bigint`
 * its decimal string, `undefined` fields are dropped. Plain objects and
 * arrays are copied; nothing else in the model needs care.
 *
 * @example
 * toJson({ uid: 5n, body: new Uint8Array([104, 105]) }); // { uid: '5', body: 'aGk=' }
 */
export function toJson(value: unknown): unknown {
  if (value === null) return null;
  switch (typeof value) {
    case 'bigint':
      return value.toString();
    case 'object': {
      if (value instanceof Uint8Array) return encodeBase64(value);
      if (Array.isArray(value)) return value.map((v) => (v === undefined ? null : toJson(v)));
      if (value instanceof Date) return value.toISOString();
      const out: Record<string, unknown> = {};
      for (const [k, v] of Object.entries(value)) if (v !== undefined) out[k] = toJson(v);
      return out;
    }
    case 'function':
    case 'symbol':
      return undefined;
    default:
      return value;
  }
}

/**
 * One JSON line for a record (see {@link toJson}), newline included.
 *
 * @example
 * jsonLine({ a: 1n }); // '{"a":"1"}\n'
 */
export function jsonLine(value: unknown): string {
  return JSON.stringify(toJson(value)) + '\n';
}
