import type { Reader } from '../wire/reader.js';
import type { Writer } from '../wire/writer.js';
import type { SelectParam, CreateParam } from '../model/command.js';
import { readExtParam, writeExtParam, writeAtom } from './command-args.js';
import { SP, LPAREN } from '../wire/chars.js';
import { ImapEncodeError } from '../wire/errors.js';

/**
 * SELECT / EXAMINE parameters (RFC 4466 §2.1: `select-params`; RFC 7162
 * CONDSTORE and QRESYNC) and CREATE parameters (RFC 4466, RFC 6154 USE).
 */

function readSelectParam(r: Reader): SelectParam {
  if (r.skipWord('CONDSTORE')) return { type: 'CONDSTORE' };
  if (r.skipWord('QRESYNC')) {
    r.sp();
    r.open();
    const uidValidity = r.nzNumber();
    r.sp();
    const modSeq = r.number64();
    const p: SelectParam = { type: 'QRESYNC', uidValidity, modSeq };
    if (!r.atClose()) {
      r.sp();
      if (r.peek() !== LPAREN) p.knownUids = r.sequenceSet();
      if (!r.atClose()) {
        if (p.knownUids !== undefined) r.sp();
        r.open();
        const seqs = r.sequenceSet();
        r.sp();
        const uids = r.sequenceSet();
        r.close();
        p.seqMatch = { seqs, uids };
      }
    }
    r.close();
    return p;
  }
  return { type: 'unknown', ...readExtParam(r) };
}

/** `select-params`: "(" select-param *(SP select-param) ")" */
export function readSelectParams(r: Reader): SelectParam[] {
  return r.list(readSelectParam, false);
}

export function writeSelectParams(w: Writer, ps: readonly SelectParam[]): void {
  if (ps.length === 0) throw new ImapEncodeError('a SELECT parameter list cannot be empty');
  w.list(ps, (x, p) => {
    switch (p.type) {
      case 'CONDSTORE':
        x.ascii('CONDSTORE');
        return;
      case 'QRESYNC':
        x.ascii('QRESYNC (').nzNumber(p.uidValidity).sp().number64(p.modSeq);
        if (p.knownUids !== undefined) x.sp().sequenceSet(p.knownUids);
        if (p.seqMatch !== undefined) x.ascii(' (').sequenceSet(p.seqMatch.seqs).sp().sequenceSet(p.seqMatch.uids).byte(0x29);
        x.byte(0x29);
        return;
      case 'unknown': {
        const u = p.name.toUpperCase();
        if (u === 'CONDSTORE' || u === 'QRESYNC') throw new ImapEncodeError(`${p.name} is a known SELECT parameter`);
        writeExtParam(x, p);
        return;
      }
    }
  });
}

function readCreateParam(r: Reader): CreateParam {
  if (r.peekWord('USE') && r.peekAt(3) === SP && r.peekAt(4) === LPAREN) {
    r.pos += 4;
    return { type: 'USE', uses: r.list((x) => x.skip(0x5c) ? '\\' + x.atom() : x.atom()) };
  }
  return { type: 'unknown', ...readExtParam(r) };
}

/** `create-params` (RFC 4466): "(" create-param *(SP create-param) ")" */
export function readCreateParams(r: Reader): CreateParam[] {
  return r.list(readCreateParam, false);
}

export function writeCreateParams(w: Writer, ps: readonly CreateParam[]): void {
  if (ps.length === 0) throw new ImapEncodeError('a CREATE parameter list cannot be empty');
  w.list(ps, (x, p) => {
    if (p.type === 'USE') {
      x.ascii('USE ').list(p.uses, (y, u) => {
        if (u.startsWith('\\')) {
          y.byte(0x5c);
          writeAtom(y, u.slice(1));
        } else writeAtom(y, u);
      });
    } else {
      if (p.name.toUpperCase() === 'USE' && p.value !== undefined && p.value.type === 'list') {
        throw new ImapEncodeError('USE with a list is the known USE parameter');
      }
      writeExtParam(x, p);
    }
  });
}
