// The contenders, each called the way its own users call it. Every
// function takes the same pre-cut chunks (Buffers, 64 KiB like a socket
// read) and returns what it parsed, so the runner can check the counts.

import { createRequire } from 'node:module';
import { PassThrough } from 'node:stream';
import { ResponseDecoder, CommandDecoder, Framer, serializeResponse } from '../dist/index.js';
import { ImapStream } from 'imapflow/lib/handler/imap-stream.js';
import imapflowParser from 'imapflow/lib/handler/imap-parser.js';
import imapflowCompiler from 'imapflow/lib/handler/imap-compiler.js';

const require = createRequire(import.meta.url);
const NodeImapParser = require('imap/lib/Parser.js').Parser;
const emailjs = require('emailjs-imap-handler');
const emailjsParser = emailjs.parser;

const tick = () => new Promise((resolve) => setImmediate(resolve));

/**
 * Writes the chunks to a peer's input stream a tick apart (as a socket
 * delivers them), ends it, and calls `after` once its last events are out
 * (a peer that stopped short of the expected count resolves there).
 */
function feed(stream, chunks, after, reject) {
  (async () => {
    for (const c of chunks) {
      stream.write(c);
      await tick();
    }
    stream.end();
    await tick();
    await tick();
    after();
  })().catch(reject);
}

// ---- imapwire -------------------------------------------------------------------

/** imapwire, client side: ResponseDecoder, typed values out. */
export function imapwireResponses(chunks) {
  const d = new ResponseDecoder();
  let count = 0;
  let bodyBytes = 0;
  const take = (evs) => {
    for (const ev of evs) {
      if (ev.type !== 'response') throw ev.error;
      count++;
      const r = ev.response;
      if (r.type === 'FETCH') {
        for (const it of r.items) if (it.type === 'BODY[]' && it.value !== null) bodyBytes += it.value.length;
      }
    }
  };
  for (const c of chunks) take(d.push(c));
  take(d.end());
  return { count, bodyBytes };
}

/** imapwire's bare framer: the ceiling (literal-aware split, no grammar). */
export function imapwireFramer(chunks) {
  const f = new Framer({ side: 'client' });
  let count = 0;
  for (const c of chunks) for (const ev of f.push(c)) if (ev.type === 'frame') count++;
  f.end();
  return { count };
}

/** imapwire, server side: CommandDecoder; every synchronizing literal is accepted at once. */
export function imapwireCommands(chunks) {
  const d = new CommandDecoder({ authenticated: true });
  let count = 0;
  const take = (evs) => {
    for (const ev of evs) {
      if (ev.type === 'command') count++;
      else if (ev.type === 'literal') take(d.acceptLiteral());
      else if (ev.type === 'error') throw ev.error;
    }
  };
  for (const c of chunks) take(d.push(c));
  take(d.end());
  return { count };
}

/** imapwire, serializing parsed response values back to bytes. */
export function imapwireSerialize(values) {
  let bytes = 0;
  for (const v of values) bytes += serializeResponse(v).length;
  return { count: values.length, bytes };
}

// ---- node-imap ----------------------------------------------------------------------

/**
 * node-imap's Parser on a stream, as its Connection uses it: `untagged` /
 * `tagged` events, and a readable stream per BODY[] literal, which the
 * user drains (here: collects the chunks).
 */
export function nodeImap(chunks, expected) {
  return new Promise((resolve, reject) => {
    const stream = new PassThrough();
    const p = new NodeImapParser(stream);
    let count = 0;
    let bodyBytes = 0;
    const check = () => {
      if (count === expected) resolve({ count, bodyBytes });
    };
    p.on('untagged', () => {
      count++;
      check();
    });
    p.on('tagged', () => {
      count++;
      check();
    });
    p.on('body', (s) => {
      const parts = [];
      s.on('data', (c) => {
        parts.push(c);
        bodyBytes += c.length;
      });
    });
    p.on('error', reject);
    feed(stream, chunks, () => count !== expected && resolve({ count, bodyBytes }), reject);
  });
}

/**
 * The kind of a response for the per-type checks: the response type
 * (`EXISTS`, `LIST`, ...) or, for a tagged one, `tagged OK|NO|BAD`.
 */
// The harness's own work per response stays out of the timings as far as
// it can: the tagged keys are made once, on both sides.
const TAGGED_KEYS = { OK: 'tagged OK', NO: 'tagged NO', BAD: 'tagged BAD' };
/** node-imap's untagged type names, upper-cased once each. */
const UPPER = {};
export const countKey = (r) => (r.type === 'tagged' ? TAGGED_KEYS[r.status] : r.type);

/** imapwire's ResponseDecoder, counting the responses of each kind. */
export function imapwireTyped(chunks) {
  const d = new ResponseDecoder();
  const types = {};
  let count = 0;
  const take = (evs) => {
    for (const ev of evs) {
      if (ev.type !== 'response') throw ev.error;
      const k = countKey(ev.response);
      types[k] = (types[k] ?? 0) + 1;
      count++;
    }
  };
  for (const c of chunks) take(d.push(c));
  take(d.end());
  return { count, types };
}

/**
 * node-imap's Parser as in nodeImap(), counting its events by kind
 * (`untagged` events by their `type`, `tagged` ones as `tagged OK|NO|BAD`):
 * a line node-imap's dispatch does not recognise emits nothing and fails
 * the count, so a match means its parser ran on every line.
 */
export function nodeImapTyped(chunks, expected) {
  return new Promise((resolve, reject) => {
    const stream = new PassThrough();
    const p = new NodeImapParser(stream);
    const types = {};
    let count = 0;
    const done = () => resolve({ count, types });
    p.on('untagged', (u) => {
      const k = (UPPER[u.type] ??= u.type.toUpperCase());
      types[k] = (types[k] ?? 0) + 1;
      if (++count === expected) done();
    });
    p.on('tagged', (t) => {
      const k = TAGGED_KEYS[t.type] ?? 'tagged ' + t.type.toUpperCase();
      types[k] = (types[k] ?? 0) + 1;
      if (++count === expected) done();
    });
    p.on('error', reject);
    feed(stream, chunks, () => count !== expected && done(), reject);
  });
}

// ---- imapflow -----------------------------------------------------------------------

const silent = { trace() {}, debug() {}, info() {}, warn() {}, error() {}, child() { return silent; } };

/**
 * imapflow 2.10.2: its ImapStream (framing, literals split out) and its
 * async parser per response, as ImapFlow's reader loop does (minus the
 * setImmediate every 10 responses, which would only slow it down).
 */
export function imapflow(chunks, expected) {
  return new Promise((resolve, reject) => {
    const s = new ImapStream({ logger: silent });
    let count = 0;
    let reading = false;
    let bodyBytes = 0;
    const read = async () => {
      if (reading) return;
      reading = true;
      let d;
      while ((d = s.read()) !== null) {
        const parsed = await imapflowParser(d.payload, { literals: d.literals });
        if (parsed.tag === undefined) throw new Error('imapflow parse failed');
        for (const l of d.literals) bodyBytes += l.length;
        count++;
        d.next();
      }
      reading = false;
      if (count === expected) resolve({ count, bodyBytes });
    };
    s.on('readable', () => read().catch(reject));
    s.on('error', reject);
    feed(s, chunks, () => count !== expected && resolve({ count, bodyBytes }), reject);
  });
}

/** imapflow's response trees for a stream (prepared once, for the compiler row). */
export async function imapflowTrees(bytes) {
  const trees = [];
  for (const frame of simpleFrames([bytes])) {
    // imapflow's parser wants literals split out, with the payload holding the `{n}` markers.
    const { payload, literals } = splitLiterals(frame);
    trees.push(await imapflowParser(payload, { literals }));
  }
  return trees;
}

/** imapflow's compiler: the response tree back to bytes. */
export function imapflowCompile(trees) {
  let bytes = 0;
  for (const t of trees) bytes += imapflowCompiler(t).length + 2; // + CRLF, which the caller writes
  return { count: trees.length, bytes };
}

// ---- emailjs-imap-handler --------------------------------------------------------

/**
 * emailjs-imap-handler's parser (the one wildduck's server parser derives
 * from), called per framed response or command, with the literals inline
 * and the final CRLF cut, as emailjs-imap-client and wildduck hand it over.
 * The framing is a plain line/literal splitter (see simpleFrames).
 */
export function emailjsParse(chunks) {
  let count = 0;
  let bodyBytes = 0;
  for (const frame of simpleFrames(chunks)) {
    const r = emailjsParser(frame);
    if (r.tag === undefined) throw new Error('emailjs parse failed');
    count++;
  }
  return { count, bodyBytes };
}

/**
 * A small literal-aware framer in the style of emailjs-imap-client's
 * `_parseIncomingCommands`: lines end at LF, `{n}` / `{n+}` at a line end
 * pulls in n bytes; each frame comes out without its final CRLF. Leftovers
 * are carried as a list and joined once per frame.
 */
export function* simpleFrames(chunks) {
  let parts = [];
  let need = -1; // literal bytes still to take, or -1 in line mode
  for (const chunk of chunks) {
    let i = 0;
    const n = chunk.length;
    while (i < n) {
      if (need > 0) {
        const take = Math.min(need, n - i);
        parts.push(chunk.subarray(i, i + take));
        i += take;
        need -= take;
        if (need === 0) need = -1;
        continue;
      }
      const lf = chunk.indexOf(10, i);
      if (lf < 0) {
        parts.push(chunk.subarray(i));
        break;
      }
      parts.push(chunk.subarray(i, lf + 1));
      i = lf + 1;
      // A literal header at the line end? (Join the pieces first when the tail is short.)
      if (parts.length > 1 && parts[parts.length - 1].length < 32) parts = [Buffer.concat(parts)];
      const line = parts[parts.length - 1];
      let e = line.length - 2;
      if (line[e] === 13) e--;
      if (e > 0 && line[e] === 0x7d) {
        let k = e - 1;
        if (line[k] === 0x2b) k--;
        let len = 0;
        let mul = 1;
        let digits = 0;
        while (k >= 0 && line[k] >= 0x30 && line[k] <= 0x39) {
          len += (line[k] - 0x30) * mul;
          mul *= 10;
          k--;
          digits++;
        }
        if (digits > 0 && line[k] === 0x7b) {
          need = len;
          if (need === 0) need = -1;
          continue;
        }
      }
      let frame = parts.length === 1 ? parts[0] : Buffer.concat(parts);
      parts = [];
      let end = frame.length - 1;
      if (frame[end - 1] === 13) end--;
      yield frame.subarray(0, end);
    }
  }
}

/** Cut a frame (inline literals) into imapflow's shape: payload with `{n}` markers, literals apart. */
function splitLiterals(frame) {
  const literals = [];
  const payload = [];
  let i = 0;
  while (i < frame.length) {
    const lf = frame.indexOf(10, i);
    if (lf < 0) {
      payload.push(frame.subarray(i));
      break;
    }
    const m = /\{(\d+)\}\r?$/.exec(frame.subarray(Math.max(i, lf - 24), lf).toString('latin1'));
    payload.push(frame.subarray(i, lf + 1));
    if (m === null) {
      i = lf + 1;
      continue;
    }
    const len = Number(m[1]);
    literals.push(frame.subarray(lf + 1, lf + 1 + len));
    i = lf + 1 + len;
  }
  return { payload: Buffer.concat(payload), literals };
}

/** emailjs-imap-handler's parser per command, after the same framing. */
export const emailjsCommands = emailjsParse;
