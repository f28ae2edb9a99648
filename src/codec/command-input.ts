import type { Command } from '../model/command.js';
import type { CommandInput } from '../model/command-input.js';
import type { FetchAtt, FetchItems } from '../model/fetch-att.js';
import type { SequenceSet } from '../model/sequence-set.js';
import { Reader } from '../wire/reader.js';
import { ImapEncodeError, ImapParseError } from '../wire/errors.js';
import { readFetchAtt, readFetchItems } from '../grammar/fetch-command.js';
import { parseSequenceSet } from '../util/sequence-set.js';
import { encodeMailboxUtf7 } from '../util/utf7.js';
import { encodeText } from '../util/text.js';
import { utf8MailboxNames, type SessionCapabilities } from './capabilities.js';

/**
 * How {@link toCommand} completes a {@link CommandInput} (the same fields
 * `encodeCommand` and `serializeCommand` take).
 *
 * @example
 * toCommand({ type: 'SELECT', mailbox: 'Entwürfe' }, { tag: 'A1', mailboxUtf7: true, capabilities: ['IMAP4rev1'] });
 */
export interface CommandInputOptions extends SessionCapabilities {
  /** The command's tag; wins over a `tag` in the value. */
  tag?: string;
  /**
   * Write mailbox names (and LIST / LSUB references and patterns) in
   * modified UTF-7 (RFC 3501 §5.1.3) unless UTF-8 names are in effect
   * ({@link utf8MailboxNames}, or `utf8: true`). Give names as text
   * (`'Entwürfe'`), not already encoded. Default false: names are written
   * as they are.
   */
  mailboxUtf7?: boolean;
  /** UTF-8 is accepted (UTF8=ACCEPT enabled, or IMAP4rev2): names stay UTF-8 under `mailboxUtf7`. */
  utf8?: boolean;
}

/** Commands whose `uid` is a flag (`UID FETCH` and so on); absent means false. */
const UID_FLAG: ReadonlySet<string> = new Set(['SEARCH', 'FETCH', 'STORE', 'COPY', 'MOVE', 'SORT', 'THREAD']);

/** Commands with one mailbox name in `mailbox`. */
const MAILBOX: ReadonlySet<string> = new Set([
  'SELECT', 'EXAMINE', 'CREATE', 'DELETE', 'SUBSCRIBE', 'UNSUBSCRIBE', 'STATUS', 'APPEND', 'GETQUOTAROOT', 'SETACL',
  'DELETEACL', 'LISTRIGHTS', 'GETACL', 'MYRIGHTS', 'GETMETADATA', 'SETMETADATA', 'COPY', 'MOVE',
]);

type Loose = Record<string, unknown>;

/**
 * The {@link Command} a {@link CommandInput} stands for, exactly as
 * `encodeCommand` writes it: the tag filled in, `uid` defaulted to false,
 * sequence-set strings parsed (`util/sequence-set`), FETCH item names
 * parsed as `fetch-att` (RFC 9051 §6.4.5), and mailbox names in modified
 * UTF-7 when `mailboxUtf7` asks for it. A value that needs none of this
 * is returned as it is. A string that does not parse is an
 * `ImapEncodeError` naming the field.
 *
 * @example
 * toCommand({ type: 'FETCH', set: '1:*', items: ['UID', 'FLAGS'] }, { tag: 'A1' });
 * // { tag: 'A1', type: 'FETCH', uid: false, set: [[1, '*']], items: [{ type: 'UID' }, { type: 'FLAGS' }] }
 */
export function toCommand(input: Command | CommandInput, options?: CommandInputOptions): Command {
  const c = input as unknown as Loose;
  if (c === null || typeof c !== 'object') throw new ImapEncodeError(`a command must be an object, not ${c === null ? 'null' : typeof c}`);
  let out: Loose | undefined;
  const type = c.type;
  if (options?.tag !== undefined) (out ??= { ...c }).tag = options.tag;
  if (typeof type === 'string' && UID_FLAG.has(type) && c.uid === undefined) (out ??= { ...c }).uid = false;
  if (typeof c.set === 'string' && c.set !== '$') (out ??= { ...c }).set = sequenceSetOf(c.set);
  if (type === 'FETCH' && !isFetchItems(c.items)) (out ??= { ...c }).items = fetchItemsOf(c.items);
  if (options?.mailboxUtf7 === true && options.utf8 !== true && !utf8MailboxNames(options) && typeof type === 'string') {
    out = encodeMailboxes(out ?? { ...c }, type);
  }
  return (out ?? c) as unknown as Command;
}

function sequenceSetOf(s: string): SequenceSet {
  try {
    return parseSequenceSet(s);
  } catch (e) {
    const why = e instanceof ImapParseError ? ` (expected ${e.expected} at ${e.offset})` : '';
    throw new ImapEncodeError(`set: ${JSON.stringify(s)} is not a sequence-set${why}`);
  }
}

/** Already the model's form: a macro, or a list of FetchAtt objects. */
function isFetchItems(items: unknown): items is FetchItems {
  if (items === 'ALL' || items === 'FAST' || items === 'FULL') return true;
  if (!Array.isArray(items)) return false;
  for (const it of items) if (typeof it === 'string') return false;
  return true;
}

function fetchItemsOf(items: unknown): FetchItems {
  if (typeof items === 'string') return parseWhole(items, 'items', readFetchItems);
  if (!Array.isArray(items)) return items as FetchItems; // refused by the writer's checks, naming `items`
  return items.map((it: unknown, i): FetchAtt => (typeof it === 'string' ? parseWhole(it, `items[${i}]`, readFetchAtt) : (it as FetchAtt)));
}

function parseWhole<T>(s: string, field: string, read: (r: Reader) => T): T {
  const r = new Reader(encodeText(s), { strict: true });
  try {
    const v = read(r);
    if (!r.atEnd()) throw r.error('the end of the item');
    return v;
  } catch (e) {
    const why = e instanceof ImapParseError ? ` (expected ${e.expected} at ${e.offset}, found ${e.found})` : '';
    throw new ImapEncodeError(`${field}: ${JSON.stringify(s)} is not a FETCH item${why}`);
  }
}

function utf7(v: unknown): unknown {
  return typeof v === 'string' ? encodeMailboxUtf7(v) : v;
}

function encodeMailboxes(c: Loose, type: string): Loose {
  if (MAILBOX.has(type)) c.mailbox = utf7(c.mailbox);
  else if (type === 'RENAME') {
    c.from = utf7(c.from);
    c.to = utf7(c.to);
  } else if (type === 'LIST' || type === 'LSUB') {
    c.reference = utf7(c.reference);
    if (Array.isArray(c.patterns)) c.patterns = c.patterns.map(utf7);
    c.pattern = utf7(c.pattern);
    if (c.pattern === undefined) delete c.pattern;
  }
  return c;
}
