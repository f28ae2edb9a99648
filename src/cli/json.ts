import { encodeBase64 } from '../util/base64.js';

let hooked = false;

/**
 * Teaches `JSON.stringify` the two model types JSON has no form for:
 * `bigint` becomes its decimal string and `Uint8Array` its base64 text
 * (through `toJSON`, which the native serializer calls itself: twice as
 * fast as a replacer or a copy of the value). Done once, in the command's
 * own process only; `Buffer` keeps its own `toJSON`.
 */
function hookJson(): void {
  if (hooked) return;
  hooked = true;
  const define = (proto: object, fn: (this: never) => string): void => {
    if (!Object.prototype.hasOwnProperty.call(proto, 'toJSON')) Object.defineProperty(proto, 'toJSON', { value: fn, configurable: true, writable: true });
  };
  define(BigInt.prototype, function (this: bigint) {
    return this.toString();
  } as (this: never) => string);
  define(Uint8Array.prototype, function (this: Uint8Array) {
    return encodeBase64(this);
  } as (this: never) => string);
}

/**
 * One JSON line for a record (`Uint8Array` as base64, `bigint` as a
 * decimal string, `undefined` fields left out), newline included.
 *
 * @example
 * jsonLine({ a: 1n, b: new Uint8Array([104, 105]) }); // '{"a":"1","b":"aGk="}\n'
 */
export function jsonLine(value: unknown): string {
  hookJson();
  return JSON.stringify(value) + '\n';
}
