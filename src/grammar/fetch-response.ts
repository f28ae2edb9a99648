import type { Reader } from '../wire/reader.js';
import type { Writer } from '../wire/writer.js';
import type { FetchItem } from '../model/fetch.js';
import { readValue, writeValue } from './value.js';

/**
 * `msg-att` (RFC 9051 §9): "(" item *(SP item) ")" of a FETCH response.
 * PROVISIONAL generic implementation; the FETCH grammar work replaces it
 * keeping these two signatures.
 */
export function readMsgAtt(r: Reader): FetchItem[] {
  return r.list((x) => {
    const name = readValue(x);
    x.sp();
    return { type: 'unknown', name: name.type === 'atom' ? name.value : '', value: readValue(x) };
  }, false);
}

/** Write `msg-att`, parentheses included. */
export function writeMsgAtt(w: Writer, items: readonly FetchItem[]): void {
  w.list(items, (x, it) => {
    x.ascii(it.name).sp();
    writeValue(x, it.value);
  });
}
