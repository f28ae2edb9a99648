import type { Reader } from '../wire/reader.js';
import type { Writer } from '../wire/writer.js';
import type { Namespace, NamespaceExtension, NamespaceResponse } from '../model/response.js';
import { ImapEncodeError } from '../wire/errors.js';
import { SP, LPAREN, RPAREN } from '../wire/chars.js';
import { plainQuoted, plainQuotedEnd } from '../wire/plain-quoted.js';
import { plainDelimiter, readDelimiter, writeDelimiter } from './mailbox.js';

/**
 * `namespace-response` after the name (RFC 9051 §7.3.5, RFC 2342 §5):
 * SP namespace SP namespace SP namespace.
 */
export function readNamespaceResponse(r: Reader): NamespaceResponse {
  r.sp();
  const personal = readNamespace(r);
  r.sp();
  const other = readNamespace(r);
  r.sp();
  const shared = readNamespace(r);
  return { type: 'NAMESPACE', personal, other, shared };
}

/** `namespace` = nil / "(" 1*namespace-descr ")"; a space between descriptors is a lenient quirk. */
export function readNamespace(r: Reader): Namespace[] | null {
  if (r.peekNil()) return r.nil();
  r.open();
  const out: Namespace[] = [readNamespaceDescr(r)];
  while (!r.atClose()) {
    if (r.peek() === SP) {
      r.quirk('namespace-space', 'namespace-descr');
      r.pos++;
    }
    out.push(readNamespaceDescr(r));
  }
  r.close();
  return out;
}

/**
 * `namespace-descr` = "(" string SP (DQUOTE QUOTED-CHAR DQUOTE / nil)
 * [namespace-response-extensions] ")". The form servers send,
 * `("prefix" "/")` with a plain prefix and a one-char delimiter, is read
 * in one pass; anything else by {@link readNamespaceDescrGeneral}.
 */
export function readNamespaceDescr(r: Reader): Namespace {
  const b = r.bytes;
  const p = r.pos;
  if (r.depth < r.maxDepth && b[p] === LPAREN) {
    const prefix = plainQuoted(b, p + 1, r.end);
    const q = plainQuotedEnd;
    if (prefix !== undefined && q + 5 <= r.end && b[q] === SP && b[q + 4] === RPAREN) {
      const delimiter = plainDelimiter(b, q + 1, r.end);
      if (delimiter !== undefined) {
        r.pos = q + 5;
        return { prefix, delimiter };
      }
    }
  }
  return readNamespaceDescrGeneral(r);
}

/** {@link readNamespaceDescr} for any input, with its quirks and errors. */
export function readNamespaceDescrGeneral(r: Reader): Namespace {
  r.open();
  const prefix = r.stringText();
  r.sp();
  const delimiter = readDelimiter(r);
  const ns: Namespace = { prefix, delimiter };
  let ext: NamespaceExtension[] | undefined;
  while (!r.atClose()) {
    r.sp();
    const name = r.stringText();
    r.sp();
    (ext ??= []).push({ name, values: r.list((x) => x.stringText(), false) });
  }
  r.close();
  if (ext !== undefined) ns.extensions = ext;
  return ns;
}

/** Write `namespace` (NIL for null). */
export function writeNamespace(w: Writer, v: readonly Namespace[] | null): void {
  if (v === null) {
    w.ascii('NIL');
    return;
  }
  if (v.length === 0) throw new ImapEncodeError('a namespace list cannot be empty (use null for NIL)');
  w.byte(LPAREN);
  for (const ns of v) {
    w.byte(LPAREN).string(ns.prefix).sp();
    writeDelimiter(w, ns.delimiter);
    for (const e of ns.extensions ?? []) {
      if (e.values.length === 0) throw new ImapEncodeError('a namespace extension needs at least one value');
      w.sp().string(e.name).sp().list(e.values, (x, s) => x.string(s));
    }
    w.byte(RPAREN);
  }
  w.byte(RPAREN);
}

/** Write `NAMESPACE ...` (name included). */
export function writeNamespaceResponse(w: Writer, v: NamespaceResponse): void {
  w.ascii('NAMESPACE ');
  writeNamespace(w, v.personal);
  w.sp();
  writeNamespace(w, v.other);
  w.sp();
  writeNamespace(w, v.shared);
}
