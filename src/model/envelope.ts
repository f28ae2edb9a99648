/**
 * RFC 9051 §9 `address`: `"(" addr-name SP addr-adl SP addr-mailbox SP
 * addr-host ")"`, each an nstring. A group start marker has `host` null and
 * the group name in `mailbox`; the end marker is all four null (RFC 9051
 * §7.5.2 ENVELOPE).
 *
 * @example
 * const a: Address = { name: 'Fred Foobar', adl: null, mailbox: 'foobar', host: 'Blurdybloop.example' };
 */
export interface Address {
  name: string | null;
  adl: string | null;
  mailbox: string | null;
  host: string | null;
}

/**
 * An RFC 5322 group (`undisclosed-recipients:;`): on the wire a start
 * marker `(NIL NIL "name" NIL)`, the members, then `(NIL NIL NIL NIL)`.
 * Only well-formed groups become an `AddressGroup`; an unmatched marker
 * stays a plain {@link Address} so the bytes survive.
 *
 * @example
 * const g: AddressGroup = { type: 'group', name: 'undisclosed-recipients', members: [] };
 */
export interface AddressGroup {
  type: 'group';
  name: string;
  members: Address[];
}

/**
 * One element of an address list: an address, or a group of them.
 *
 * @example
 * const items: AddressItem[] = [{ name: 'Fred', adl: null, mailbox: 'fred', host: 'example.org' }];
 */
export type AddressItem = Address | AddressGroup;

/**
 * True when the item is a group.
 *
 * @example
 * for (const a of envelope.to ?? []) if (isAddressGroup(a)) console.log(a.name, a.members.length);
 */
export function isAddressGroup(a: AddressItem): a is AddressGroup {
  return (a as AddressGroup).type === 'group';
}

/**
 * The ENVELOPE of a message (RFC 9051 §7.5.2, §9 `envelope`). Header
 * values are strings as the server sent them (RFC 2047 encoded words are
 * not decoded); `null` is NIL. Address lists are `null` for NIL.
 *
 * @example
 * env.subject; // 'IMAP4rev2 WG mtg summary and minutes'
 * env.from?.[0];
 */
export interface Envelope {
  date: string | null;
  subject: string | null;
  from: AddressItem[] | null;
  sender: AddressItem[] | null;
  replyTo: AddressItem[] | null;
  to: AddressItem[] | null;
  cc: AddressItem[] | null;
  bcc: AddressItem[] | null;
  inReplyTo: string | null;
  messageId: string | null;
}

/**
 * Every address of a list, group members flattened in order (groups themselves dropped).
 *
 * @example
 * flattenAddresses(envelope.to).map((a) => `${a.mailbox}@${a.host}`)
 */
export function flattenAddresses(list: readonly AddressItem[] | null): Address[] {
  const out: Address[] = [];
  if (list === null) return out;
  for (const a of list) {
    if (isAddressGroup(a)) out.push(...a.members);
    else out.push(a);
  }
  return out;
}
