/**
 * A value of IMAP's generic syntax, for data imapwire has no grammar for
 * (unknown responses, codes, FETCH items, body-extension data, tagged-ext
 * parameters). It keeps enough to write the same bytes back.
 *
 * - `atom`: also flags such as `\Seen` and sequence sets such as `1:5`
 * - `number`: digits, as a bigint (number64 range)
 * - `string`: quoted or literal (the writer picks the form again)
 * - `binary`: literal8 data
 * - `nil`, `list`
 *
 * @example
 * const v: ImapValue = { type: 'list', items: [{ type: 'atom', value: 'X-FOO' }, { type: 'number', value: 3n }] };
 */
export type ImapValue =
  | { type: 'atom'; value: string }
  | { type: 'number'; value: bigint }
  | { type: 'string'; value: string }
  | { type: 'binary'; value: Uint8Array }
  | { type: 'nil' }
  | { type: 'list'; items: ImapValue[] };
