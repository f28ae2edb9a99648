import type { Reader } from '../wire/reader.js';
import type { Writer } from '../wire/writer.js';
import type { QuotaResource, QuotaResponse, QuotaRootResponse } from '../model/response.js';
import { SP } from '../wire/chars.js';
import { readMailbox, writeMailbox } from './mailbox.js';
import { knownName } from './plain.js';
import { Interner } from '../util/text.js';

/**
 * `quota-response` after the name (RFC 9208 §7):
 * SP quota-root-name SP "(" quota-resource *(SP quota-resource) ")".
 * An empty list (RFC 2087 allowed it) is accepted.
 */
export function readQuotaResponse(r: Reader): QuotaResponse {
  r.sp();
  const root = r.astringText();
  r.sp();
  return { type: 'QUOTA', root, resources: r.list(readQuotaResource) };
}

/** Resource names servers send (RFC 9208 §5), matched as sent (a name is kept as it was spelled). */
const RESOURCE_NAMES = new Interner(['STORAGE', 'MESSAGE', 'MAILBOX', 'ANNOTATION-STORAGE'], false);

function readQuotaResource(r: Reader): QuotaResource {
  const name = knownName(r, RESOURCE_NAMES) ?? r.atom();
  r.sp();
  const usage = r.number64();
  r.sp();
  return { name, usage, limit: r.number64() };
}

/** `quotaroot-response` after the name: SP mailbox *(SP quota-root-name). */
export function readQuotaRootResponse(r: Reader): QuotaRootResponse {
  r.sp();
  const mailbox = readMailbox(r);
  const roots: string[] = [];
  while (r.peek() === SP && !r.atLineEnd()) {
    r.pos++;
    roots.push(r.astringText());
  }
  return { type: 'QUOTAROOT', mailbox, roots };
}

/** Write `QUOTA ...` (name included). */
export function writeQuotaResponse(w: Writer, v: QuotaResponse): void {
  w.ascii('QUOTA ').astring(v.root);
  w.sp().list(v.resources, (x, q) => {
    x.atom(q.name).sp().number64(q.usage).sp().number64(q.limit);
  });
}

/** Write `QUOTAROOT ...` (name included). */
export function writeQuotaRootResponse(w: Writer, v: QuotaRootResponse): void {
  w.ascii('QUOTAROOT ');
  writeMailbox(w, v.mailbox);
  for (const root of v.roots) w.sp().astring(root);
}
