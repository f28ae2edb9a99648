import type { Reader } from '../wire/reader.js';
import type { Writer } from '../wire/writer.js';
import type { AclResponse, ListRightsResponse, MyRightsResponse } from '../model/response.js';
import { SP } from '../wire/chars.js';
import { readMailbox, writeMailbox } from './mailbox.js';

/** `rights` (RFC 4314 §7: astring); §2: only lower-case letters and digits. */
function readRights(r: Reader): string {
  const at = r.pos;
  const s = r.astringText();
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (!((c >= 0x61 && c <= 0x7a) || (c >= 0x30 && c <= 0x39))) {
      r.quirk('acl-rights-chars', 'rights of lower-case letters and digits', at, 'rights', 'RFC 4314 §2');
      break;
    }
  }
  return s;
}

/** `acl-data` after the name (RFC 4314 §7): SP mailbox *(SP identifier SP rights). */
export function readAclResponse(r: Reader): AclResponse {
  r.sp();
  const mailbox = readMailbox(r);
  const entries: AclResponse['entries'] = [];
  while (r.peek() === SP && !r.atLineEnd()) {
    r.pos++;
    const identifier = r.astringText();
    r.sp();
    entries.push({ identifier, rights: readRights(r) });
  }
  return { type: 'ACL', mailbox, entries };
}

/** `listrights-data` after the name: SP mailbox SP identifier SP rights *(SP rights). */
export function readListRightsResponse(r: Reader): ListRightsResponse {
  r.sp();
  const mailbox = readMailbox(r);
  r.sp();
  const identifier = r.astringText();
  r.sp();
  const required = readRights(r);
  const optional: string[] = [];
  while (r.peek() === SP && !r.atLineEnd()) {
    r.pos++;
    optional.push(readRights(r));
  }
  return { type: 'LISTRIGHTS', mailbox, identifier, required, optional };
}

/** `myrights-data` after the name: SP mailbox SP rights. */
export function readMyRightsResponse(r: Reader): MyRightsResponse {
  r.sp();
  const mailbox = readMailbox(r);
  r.sp();
  return { type: 'MYRIGHTS', mailbox, rights: readRights(r) };
}

/** Write `ACL ...` (name included). */
export function writeAclResponse(w: Writer, v: AclResponse): void {
  w.ascii('ACL ');
  writeMailbox(w, v.mailbox);
  for (const e of v.entries) w.sp().astring(e.identifier).sp().astring(e.rights);
}

/** Write `LISTRIGHTS ...` (name included). */
export function writeListRightsResponse(w: Writer, v: ListRightsResponse): void {
  w.ascii('LISTRIGHTS ');
  writeMailbox(w, v.mailbox);
  w.sp().astring(v.identifier).sp().astring(v.required);
  for (const o of v.optional) w.sp().astring(o);
}

/** Write `MYRIGHTS ...` (name included). */
export function writeMyRightsResponse(w: Writer, v: MyRightsResponse): void {
  w.ascii('MYRIGHTS ');
  writeMailbox(w, v.mailbox);
  w.sp().astring(v.rights);
}
