import type { Reader } from '../wire/reader.js';
import type { Writer } from '../wire/writer.js';
import type { Command, CommandOf, SortCriterion } from '../model/command.js';
import type { SearchReturnOption } from '../model/search.js';
import { TAG } from '../wire/chars.js';
import { ImapEncodeError } from '../wire/errors.js';
import { readValue } from './value.js';
import { upperAscii } from '../util/text.js';
import { readMailbox, writeMailbox, writeAtom, writeArg, readExtParam as readExtParamLocal, writeExtParam } from './command-args.js';
import { readSearchKeys, writeSearchKeys, readSearchReturn, writeSearchReturn, readCharset, writeCharset } from './search.js';
import { readFetchItems, writeFetchItems, readFetchModifiers, writeFetchModifiers } from './fetch-command.js';
import { readSelectParams, writeSelectParams, readCreateParams, writeCreateParams } from './select.js';
import { readListArgs, writeListArgs, readLsubArgs, writeLsubArgs, readStatusAttList, writeStatusAttList } from './list-command.js';
import { readAppendArgs, writeAppendArgs } from './append.js';
import { readStoreArgs, writeStoreArgs } from './store.js';
import {
  readIdParams, writeIdParams, readAuthenticateArgs, writeAuthenticateArgs, readSetQuotaArgs, writeSetQuotaArgs,
  readGetMetadataArgs, writeGetMetadataArgs, readSetMetadataArgs, writeSetMetadataArgs,
} from './command-ext.js';

/**
 * `command` (RFC 9051 §9): tag SP (command-any / command-auth /
 * command-nonauth / command-select) CRLF, with the extension commands.
 * The state a command is valid in is the server's business, not the
 * grammar's: every command parses in every state.
 */

const SIMPLE = new Set([
  'CAPABILITY', 'NOOP', 'LOGOUT', 'STARTTLS', 'NAMESPACE', 'IDLE', 'CHECK', 'CLOSE', 'UNSELECT', 'EXPUNGE', 'UNAUTHENTICATE',
]);
const UID_COMMANDS = new Set(['COPY', 'MOVE', 'FETCH', 'STORE', 'SEARCH', 'SORT', 'THREAD', 'EXPUNGE']);

/** Names with a grammar of their own; an `unknown` command cannot use one. */
export const KNOWN_COMMANDS: ReadonlySet<string> = new Set([
  ...SIMPLE, 'ID', 'ENABLE', 'COMPRESS', 'LOGIN', 'AUTHENTICATE', 'SELECT', 'EXAMINE', 'CREATE', 'DELETE', 'SUBSCRIBE',
  'UNSUBSCRIBE', 'RENAME', 'LIST', 'LSUB', 'STATUS', 'APPEND', 'GETQUOTA', 'GETQUOTAROOT', 'SETQUOTA', 'SETACL',
  'DELETEACL', 'LISTRIGHTS', 'GETACL', 'MYRIGHTS', 'GETMETADATA', 'SETMETADATA', 'UID', ...UID_COMMANDS,
]);

/**
 * Read a whole command frame: tag SP command CRLF.
 *
 * @example
 * readCommand(new Reader(new TextEncoder().encode('A1 SELECT INBOX\r\n'))) // { tag: 'A1', type: 'SELECT', mailbox: 'INBOX' }
 */
export function readCommand(r: Reader): Command {
  const tag = r.tag();
  r.sp();
  const name = r.atom();
  const u = upperAscii(name);
  const c = readBody(r, tag, name, u);
  r.crlf();
  return c;
}

function readBody(r: Reader, tag: string, name: string, u: string): Command {
  if (SIMPLE.has(u)) return { tag, type: u as 'NOOP' };
  if (u === 'UID') {
    r.sp();
    const at = r.pos;
    const sub = r.atom();
    const su = upperAscii(sub);
    if (!UID_COMMANDS.has(su)) {
      r.pos = at;
      return readUnknown(r, tag, name, true);
    }
    if (su === 'EXPUNGE') {
      r.sp();
      return { tag, type: 'UID EXPUNGE', set: r.sequenceSet() };
    }
    return readUidable(r, tag, su, true);
  }
  if (UID_COMMANDS.has(u)) return readUidable(r, tag, u, false);
  switch (u) {
    case 'ID':
      r.sp();
      return { tag, type: 'ID', params: readIdParams(r) };
    case 'ENABLE': {
      const capabilities: string[] = [];
      do {
        r.sp();
        capabilities.push(r.atom());
      } while (!r.atLineEnd());
      return { tag, type: 'ENABLE', capabilities };
    }
    case 'COMPRESS':
      r.sp();
      return { tag, type: 'COMPRESS', mechanism: r.atom() };
    case 'LOGIN': {
      r.sp();
      const userid = r.astringText();
      r.sp();
      return { tag, type: 'LOGIN', userid, password: r.astringText() };
    }
    case 'AUTHENTICATE':
      r.sp();
      return readAuthenticateArgs(r, tag);
    case 'SELECT':
    case 'EXAMINE': {
      r.sp();
      const c: CommandOf<'SELECT'> = { tag, type: u, mailbox: readMailbox(r) };
      if (!r.atLineEnd()) {
        r.sp();
        c.params = readSelectParams(r);
      }
      return c;
    }
    case 'CREATE': {
      r.sp();
      const c: CommandOf<'CREATE'> = { tag, type: 'CREATE', mailbox: readMailbox(r) };
      if (!r.atLineEnd()) {
        r.sp();
        c.params = readCreateParams(r);
      }
      return c;
    }
    case 'DELETE':
    case 'SUBSCRIBE':
    case 'UNSUBSCRIBE':
    case 'GETQUOTAROOT':
    case 'GETACL':
    case 'MYRIGHTS':
      r.sp();
      return { tag, type: u, mailbox: readMailbox(r) };
    case 'RENAME': {
      r.sp();
      const from = readMailbox(r);
      r.sp();
      const c: CommandOf<'RENAME'> = { tag, type: 'RENAME', from, to: readMailbox(r) };
      if (!r.atLineEnd()) {
        r.sp();
        c.params = r.list((x) => readExtParamLocal(x), false);
      }
      return c;
    }
    case 'LIST':
      r.sp();
      return readListArgs(r, tag);
    case 'LSUB':
      r.sp();
      return readLsubArgs(r, tag);
    case 'STATUS': {
      r.sp();
      const mailbox = readMailbox(r);
      r.sp();
      return { tag, type: 'STATUS', mailbox, items: readStatusAttList(r) };
    }
    case 'APPEND':
      r.sp();
      return readAppendArgs(r, tag);
    case 'GETQUOTA':
      r.sp();
      return { tag, type: 'GETQUOTA', root: r.astringText() };
    case 'SETQUOTA':
      r.sp();
      return readSetQuotaArgs(r, tag);
    case 'SETACL': {
      r.sp();
      const mailbox = readMailbox(r);
      r.sp();
      const identifier = r.astringText();
      r.sp();
      return { tag, type: 'SETACL', mailbox, identifier, rights: r.astringText() };
    }
    case 'DELETEACL':
    case 'LISTRIGHTS': {
      r.sp();
      const mailbox = readMailbox(r);
      r.sp();
      return { tag, type: u, mailbox, identifier: r.astringText() };
    }
    case 'GETMETADATA':
      r.sp();
      return readGetMetadataArgs(r, tag);
    case 'SETMETADATA':
      r.sp();
      return readSetMetadataArgs(r, tag);
  }
  return readUnknown(r, tag, name, false);
}

function readUnknown(r: Reader, tag: string, name: string, afterSpace: boolean): Command {
  const args = [];
  if (afterSpace) args.push(readValue(r));
  while (!r.atLineEnd()) {
    r.sp();
    args.push(readValue(r));
  }
  return { tag, type: 'unknown', name, args };
}

function readUidable(r: Reader, tag: string, u: string, uid: boolean): Command {
  switch (u) {
    case 'EXPUNGE':
      return { tag, type: 'EXPUNGE' };
    case 'COPY':
    case 'MOVE': {
      r.sp();
      const set = r.sequenceSet();
      r.sp();
      return { tag, type: u, uid, set, mailbox: readMailbox(r) };
    }
    case 'FETCH': {
      r.sp();
      const set = r.sequenceSet();
      r.sp();
      const c: CommandOf<'FETCH'> = { tag, type: 'FETCH', uid, set, items: readFetchItems(r) };
      if (!r.atLineEnd()) {
        r.sp();
        c.modifiers = readFetchModifiers(r);
      }
      return c;
    }
    case 'STORE':
      r.sp();
      return readStoreArgs(r, tag, uid);
    case 'SEARCH': {
      r.sp();
      const c: CommandOf<'SEARCH'> = { tag, type: 'SEARCH', uid, criteria: [] };
      if (r.skipWord('RETURN')) {
        r.sp();
        c.return = readSearchReturn(r);
        r.sp();
      }
      if (r.skipWord('CHARSET')) {
        r.sp();
        c.charset = readCharset(r);
        r.sp();
      }
      c.criteria = readSearchKeys(r);
      return c;
    }
    case 'SORT': {
      r.sp();
      let ret: SearchReturnOption[] | undefined;
      if (r.skipWord('RETURN')) {
        r.sp();
        ret = readSearchReturn(r);
        r.sp();
      }
      const criteria = r.list(readSortCriterion, false);
      r.sp();
      const charset = readCharset(r);
      r.sp();
      const c: CommandOf<'SORT'> = { tag, type: 'SORT', uid, criteria, charset, search: readSearchKeys(r) };
      if (ret !== undefined) c.return = ret;
      return c;
    }
    default: {
      // THREAD
      r.sp();
      const algorithm = r.atom();
      r.sp();
      const charset = readCharset(r);
      r.sp();
      return { tag, type: 'THREAD', uid, algorithm, charset, search: readSearchKeys(r) };
    }
  }
}

function readSortCriterion(r: Reader): SortCriterion {
  if (r.skipWord('REVERSE')) {
    r.sp();
    return { key: r.atom().toUpperCase(), reverse: true };
  }
  return { key: r.atom().toUpperCase(), reverse: false };
}

// ---- writing ------------------------------------------------------------

/**
 * Write a whole command: tag SP command CRLF.
 *
 * @example
 * const w = new Writer({ side: 'client' }); writeCommand(w, { tag: 'A1', type: 'NOOP' }); w.toBytes();
 */
export function writeCommand(w: Writer, c: Command): void {
  w.atom(c.tag, TAG).sp();
  writeBody(w, c);
  w.crlf();
}

function uid(w: Writer, on: boolean): void {
  if (on) w.ascii('UID ');
}

function writeBody(w: Writer, c: Command): void {
  switch (c.type) {
    case 'CAPABILITY': case 'NOOP': case 'LOGOUT': case 'STARTTLS': case 'NAMESPACE': case 'IDLE': case 'CHECK':
    case 'CLOSE': case 'UNSELECT': case 'EXPUNGE': case 'UNAUTHENTICATE':
      w.ascii(c.type);
      return;
    case 'ID':
      w.ascii('ID ');
      writeIdParams(w, c.params);
      return;
    case 'ENABLE':
      if (c.capabilities.length === 0) throw new ImapEncodeError('ENABLE needs a capability');
      w.ascii('ENABLE');
      for (const cap of c.capabilities) {
        w.sp();
        writeAtom(w, cap);
      }
      return;
    case 'COMPRESS':
      w.ascii('COMPRESS ');
      writeAtom(w, c.mechanism);
      return;
    case 'LOGIN':
      w.ascii('LOGIN ').astring(c.userid).sp().astring(c.password);
      return;
    case 'AUTHENTICATE':
      w.ascii('AUTHENTICATE ');
      writeAuthenticateArgs(w, c);
      return;
    case 'SELECT':
    case 'EXAMINE':
      w.ascii(c.type).sp();
      writeMailbox(w, c.mailbox);
      if (c.params !== undefined) {
        w.sp();
        writeSelectParams(w, c.params);
      }
      return;
    case 'CREATE':
      w.ascii('CREATE ');
      writeMailbox(w, c.mailbox);
      if (c.params !== undefined) {
        w.sp();
        writeCreateParams(w, c.params);
      }
      return;
    case 'DELETE': case 'SUBSCRIBE': case 'UNSUBSCRIBE': case 'GETQUOTAROOT': case 'GETACL': case 'MYRIGHTS':
      w.ascii(c.type).sp();
      writeMailbox(w, c.mailbox);
      return;
    case 'RENAME':
      w.ascii('RENAME ');
      writeMailbox(w, c.from);
      w.sp();
      writeMailbox(w, c.to);
      if (c.params !== undefined) {
        if (c.params.length === 0) throw new ImapEncodeError('a RENAME parameter list cannot be empty');
        w.sp().list(c.params, writeExtParam);
      }
      return;
    case 'LIST':
      w.ascii('LIST ');
      writeListArgs(w, c);
      return;
    case 'LSUB':
      w.ascii('LSUB ');
      writeLsubArgs(w, c);
      return;
    case 'STATUS':
      w.ascii('STATUS ');
      writeMailbox(w, c.mailbox);
      w.sp();
      writeStatusAttList(w, c.items);
      return;
    case 'APPEND':
      w.ascii('APPEND ');
      writeAppendArgs(w, c);
      return;
    case 'GETQUOTA':
      w.ascii('GETQUOTA ').astring(c.root);
      return;
    case 'SETQUOTA':
      w.ascii('SETQUOTA ');
      writeSetQuotaArgs(w, c);
      return;
    case 'SETACL':
      w.ascii('SETACL ');
      writeMailbox(w, c.mailbox);
      w.sp().astring(c.identifier).sp().astring(c.rights);
      return;
    case 'DELETEACL':
    case 'LISTRIGHTS':
      w.ascii(c.type).sp();
      writeMailbox(w, c.mailbox);
      w.sp().astring(c.identifier);
      return;
    case 'GETMETADATA':
      w.ascii('GETMETADATA ');
      writeGetMetadataArgs(w, c);
      return;
    case 'SETMETADATA':
      w.ascii('SETMETADATA ');
      writeSetMetadataArgs(w, c);
      return;
    case 'UID EXPUNGE':
      w.ascii('UID EXPUNGE ').sequenceSet(c.set);
      return;
    case 'COPY':
    case 'MOVE':
      uid(w, c.uid);
      w.ascii(c.type).sp().sequenceSet(c.set).sp();
      writeMailbox(w, c.mailbox);
      return;
    case 'FETCH':
      uid(w, c.uid);
      w.ascii('FETCH ').sequenceSet(c.set).sp();
      writeFetchItems(w, c.items);
      if (c.modifiers !== undefined) {
        w.sp();
        writeFetchModifiers(w, c.modifiers);
      }
      return;
    case 'STORE':
      uid(w, c.uid);
      w.ascii('STORE ');
      writeStoreArgs(w, c);
      return;
    case 'SEARCH':
      uid(w, c.uid);
      w.ascii('SEARCH ');
      if (c.return !== undefined) {
        writeSearchReturn(w, c.return);
        w.sp();
      }
      if (c.charset !== undefined) {
        w.ascii('CHARSET ');
        writeCharset(w, c.charset);
        w.sp();
      }
      writeSearchKeys(w, c.criteria);
      return;
    case 'SORT':
      uid(w, c.uid);
      w.ascii('SORT ');
      if (c.return !== undefined) {
        writeSearchReturn(w, c.return);
        w.sp();
      }
      if (c.criteria.length === 0) throw new ImapEncodeError('SORT needs a criterion');
      w.list(c.criteria, (x, s) => {
        if (s.reverse) x.ascii('REVERSE ');
        writeAtom(x, s.key);
      });
      w.sp();
      writeCharset(w, c.charset);
      w.sp();
      writeSearchKeys(w, c.search);
      return;
    case 'THREAD':
      uid(w, c.uid);
      w.ascii('THREAD ');
      writeAtom(w, c.algorithm);
      w.sp();
      writeCharset(w, c.charset);
      w.sp();
      writeSearchKeys(w, c.search);
      return;
    case 'unknown': {
      const u = c.name.toUpperCase();
      if (KNOWN_COMMANDS.has(u) && u !== 'UID') throw new ImapEncodeError(`${c.name} is a known command, not an unknown one`);
      if (u === 'UID') {
        const first = c.args[0];
        if (first === undefined || (first.type === 'atom' && UID_COMMANDS.has(first.value.toUpperCase()))) {
          throw new ImapEncodeError('an unknown UID command needs an unknown subcommand');
        }
      }
      writeAtom(w, c.name);
      for (const a of c.args) {
        w.sp();
        writeArg(w, a);
      }
      return;
    }
  }
}
