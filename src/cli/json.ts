/// <reference types="node" />

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
  // Node's native base64 (a flat one-byte string): a literal's bytes are
  // most of a FETCH record, and a string built by concatenation would be
  // flattened again by the serializer.
  define(Uint8Array.prototype, function (this: Uint8Array) {
    return Buffer.from(this.buffer, this.byteOffset, this.byteLength).toString('base64');
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
  return jsonText(value) + '\n';
}

/**
 * {@link jsonLine} without the newline, for `Output.writeLine`: a
 * line joined to its newline is a second string that has to be flattened
 * (copied whole) before it can be encoded.
 *
 * @example
 * out.writeLine(jsonText({ a: 1n })); // {"a":"1"} and a newline
 */
export function jsonText(value: unknown): string {
  hookJson();
  return JSON.stringify(value);
}
