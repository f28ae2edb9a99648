import type { Response, ResponseType, ResponseOf } from '../model/response.js';

/**
 * The first response of a type in a list (the untagged responses of one
 * command, say), narrowed to that type, or undefined. A type such as
 * `'LIST'` matches the variants whose `type` can be it ({@link ResponseOf}).
 *
 * @example
 * const exists = findResponse(untagged, 'EXISTS')?.count; // number | undefined
 */
export function findResponse<T extends ResponseType>(list: readonly Response[], type: T): ResponseOf<T> | undefined {
  for (const r of list) if (r.type === type) return r as ResponseOf<T>;
  return undefined;
}

/**
 * Every response of a type in a list, in order, narrowed to that type.
 *
 * @example
 * const names = findResponses(untagged, 'LIST').map((l) => l.mailbox);
 */
export function findResponses<T extends ResponseType>(list: readonly Response[], type: T): ResponseOf<T>[] {
  const out: ResponseOf<T>[] = [];
  for (const r of list) if (r.type === type) out.push(r as ResponseOf<T>);
  return out;
}
