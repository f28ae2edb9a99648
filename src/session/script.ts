/**
 * Session scripts: the RFC `C:` / `S:` form, where `C:` lines are sent and
 * `S:` lines are expectations on what the server answers.
 *
 * ```
 * # comments and blank lines are ignored
 * C: a1 SELECT INBOX
 * S: * $n EXISTS              $n captures the count (a later $n must equal it)
 * S: * FLAGS $                $ matches any one argument (a list included)
 * S: ! * NO ...               a line starting with ! must not appear
 * S: a1 OK [READ-WRITE]       status lines match as a prefix
 * C: a2 FETCH $n (UID)        captured variables are substituted in C: lines
 * S: * $n FETCH (UID $uid)
 * S: a2 OK
 * ```
 *
 * - The `C:` lines up to the next `S:` line are one step: they are sent in
 *   order (a line ending in a synchronizing literal `{n}` waits for the
 *   server's `+`); the step ends when every tag sent is answered, or at a
 *   `+` that asks for more (AUTHENTICATE, IDLE: the next step's first line
 *   answers it, e.g. `C: DONE`).
 * - Untagged expectations (`S: * ...`) match the step's untagged responses
 *   in any order; responses no line expects are fine. `...` matches the
 *   rest of a line; status responses (`tag OK|NO|BAD`, `* OK|NO|BAD|BYE`,
 *   `+`) always match as a prefix, their text being free.
 * - Atoms compare case-insensitively, strings exactly; a quoted string and
 *   an atom or literal with the same content are the same argument.
 * - `$user` and `$password` are the credentials the runner was given,
 *   substituted as quoted strings; `${name}` is the same as `$name`.
 */

/** One argument of a line, as the matcher sees it. */
export type ScriptToken =
  | { t: 'atom'; v: string }
  | { t: 'string'; v: string }
  | { t: 'list'; open: '(' | '['; items: ScriptToken[] }
  | { t: 'any' }
  | { t: 'rest' }
  | { t: 'var'; name: string };

/** One `S:` line. */
export interface Expectation {
  /** Line number in the script (from 1). */
  line: number;
  /** The line as written, after `S: `. */
  text: string;
  kind: 'untagged' | 'tagged' | 'continue' | 'absent';
  /** For `tagged`: the tag. */
  tag?: string;
  pattern: ScriptToken[];
  /** Status lines match as a prefix. */
  prefix: boolean;
}

/** One step: the lines to send and what the answers must hold. */
export interface ScriptStep {
  send: { line: number; text: string }[];
  expect: Expectation[];
}

/**
 * A parsed script.
 *
 * @example
 * const script = parseScript('C: a1 NOOP\nS: a1 OK\n', 'noop.script');
 */
export interface Script {
  name: string;
  steps: ScriptStep[];
}

/**
 * A script that cannot be read: the line and why.
 *
 * @example
 * try { parseScript('X: a1 NOOP'); } catch (e) { if (e instanceof ScriptError) console.log(e.line, e.message); }
 */
export class ScriptError extends Error {
  constructor(
    readonly script: string,
    readonly line: number,
    reason: string,
  ) {
    super(`${script}:${line}: ${reason}`);
    this.name = 'ScriptError';
  }
}

/**
 * Read a script (see the module comment for the form).
 *
 * @example
 * parseScript('C: a1 CAPABILITY\nS: * CAPABILITY ...\nS: a1 OK\n').steps.length; // 1
 */
export function parseScript(text: string, name = 'script'): Script {
  const steps: ScriptStep[] = [];
  let step: ScriptStep | undefined;
  const lines = text.split(/\r?\n/);
  for (let i = 0; i < lines.length; i++) {
    const raw = lines[i];
    const n = i + 1;
    if (raw.trim() === '' || raw.trimStart().startsWith('#')) continue;
    const m = /^([CS]):(?: (.*)|)$/.exec(raw);
    if (m === null) throw new ScriptError(name, n, 'a line must start with "C: " (sent) or "S: " (expected), or "#" (a comment).');
    const body = m[2] ?? '';
    if (m[1] === 'C') {
      if (step === undefined || step.expect.length > 0) {
        step = { send: [], expect: [] };
        steps.push(step);
      }
      step.send.push({ line: n, text: body });
      continue;
    }
    if (step === undefined) step = pushEmpty(steps);
    step.expect.push(expectation(name, n, body));
  }
  return { name, steps };
}

function pushEmpty(steps: ScriptStep[]): ScriptStep {
  // Expectations before any C: line are about the greeting.
  const s: ScriptStep = { send: [], expect: [] };
  steps.push(s);
  return s;
}

const STATUS = new Set(['OK', 'NO', 'BAD', 'BYE', 'PREAUTH']);

function expectation(name: string, line: number, body: string): Expectation {
  let text = body.trim();
  const absent = text.startsWith('!');
  if (absent) text = text.slice(1).trim();
  let pattern: ScriptToken[];
  try {
    pattern = toPattern(tokenize(text));
  } catch (e) {
    throw new ScriptError(name, line, e instanceof Error ? e.message : String(e));
  }
  if (pattern.length === 0) throw new ScriptError(name, line, 'an S: line needs a response to expect.');
  const first = pattern[0];
  const word = pattern[1] !== undefined && pattern[1].t === 'atom' ? pattern[1].v.toUpperCase() : '';
  const head = first.t === 'atom' ? first.v : '';
  const kind: Expectation['kind'] = absent ? 'absent' : head === '+' ? 'continue' : head === '*' ? 'untagged' : 'tagged';
  if (kind === 'tagged' && !['OK', 'NO', 'BAD'].includes(word)) {
    throw new ScriptError(name, line, `a tagged expectation is "tag OK|NO|BAD ...", found "${text}".`);
  }
  const prefix = head === '+' || (STATUS.has(word) && (head === '*' || kind === 'tagged' || absent));
  const e: Expectation = { line, text: body.trim(), kind, pattern, prefix };
  if (kind === 'tagged') e.tag = head;
  return e;
}

function toPattern(tokens: ScriptToken[]): ScriptToken[] {
  return tokens.map((t): ScriptToken => {
    if (t.t === 'list') return { ...t, items: toPattern(t.items) };
    if (t.t !== 'atom') return t;
    if (t.v === '$') return { t: 'any' };
    if (t.v === '...') return { t: 'rest' };
    const m = /^\$(?:\{([A-Za-z_][\w]*)\}|([A-Za-z_][\w]*))$/.exec(t.v);
    if (m !== null) return { t: 'var', name: m[1] ?? m[2] };
    return t;
  });
}

/**
 * Split a line (one response or an expectation) into arguments: atoms,
 * quoted strings, literals (`{n}` CRLF and n bytes, read as latin1
 * characters) and `( )` / `[ ]` groups.
 *
 * @example
 * tokenize('* 1 FETCH (UID 4)'); // [atom *, atom 1, atom FETCH, list (UID 4)]
 */
export function tokenize(s: string): ScriptToken[] {
  let i = 0;
  const read = (close: string | undefined): ScriptToken[] => {
    const out: ScriptToken[] = [];
    for (;;) {
      while (i < s.length && (s[i] === ' ' || s[i] === '\r' || s[i] === '\n')) i++;
      if (i >= s.length) {
        if (close !== undefined) throw new Error(`"${close}" missing`);
        return out;
      }
      const c = s[i];
      if (c === ')' || c === ']') {
        if (c !== close) throw new Error(`unbalanced "${c}"`);
        i++;
        return out;
      }
      if (c === '(' || c === '[') {
        i++;
        out.push({ t: 'list', open: c, items: read(c === '(' ? ')' : ']') });
        continue;
      }
      if (c === '"') {
        let v = '';
        i++;
        while (i < s.length && s[i] !== '"') {
          if (s[i] === '\\' && i + 1 < s.length) i++;
          v += s[i++];
        }
        if (i >= s.length) throw new Error('unterminated quoted string');
        i++;
        out.push({ t: 'string', v });
        continue;
      }
      const lit = /^~?\{(\d+)[+-]?\}\r?\n/.exec(s.slice(i, i + 24));
      if (lit !== null) {
        i += lit[0].length;
        const n = Number(lit[1]);
        out.push({ t: 'string', v: s.slice(i, i + n) });
        i += n;
        continue;
      }
      let j = i;
      while (j < s.length && !' ()[]"\r\n'.includes(s[j])) j++;
      out.push({ t: 'atom', v: s.slice(i, j) });
      i = j;
    }
  };
  return read(undefined);
}

/** Variables captured so far, by name. */
export type ScriptVariables = Map<string, string>;

/** The text of an argument as a variable holds it. */
export function tokenText(t: ScriptToken): string {
  switch (t.t) {
    case 'atom':
      return t.v;
    case 'string':
      return /^[A-Za-z0-9\\.$_-]+$/.test(t.v) && t.v !== '' ? t.v : quote(t.v);
    case 'list':
      return t.open + t.items.map(tokenText).join(' ') + (t.open === '(' ? ')' : ']');
    case 'any':
      return '$';
    case 'rest':
      return '...';
    case 'var':
      return '$' + t.name;
  }
}

/** An IMAP quoted string of `v`. */
export function quote(v: string): string {
  return '"' + v.replace(/[\\"]/g, (c) => '\\' + c) + '"';
}

function same(a: ScriptToken, b: ScriptToken): boolean {
  if ((a.t === 'atom' || a.t === 'string') && (b.t === 'atom' || b.t === 'string')) {
    return a.t === 'string' && b.t === 'string' ? a.v === b.v : a.v.toUpperCase() === b.v.toUpperCase();
  }
  return tokenText(a).toUpperCase() === tokenText(b).toUpperCase();
}

/**
 * Whether `actual` (a response's arguments) matches `pattern`, binding
 * unbound variables into `vars` (only when the whole line matches).
 *
 * @example
 * const vars = new Map();
 * matchTokens(tokenize('* $n EXISTS').map(...), tokenize('* 3 EXISTS'), false, vars); // true, vars n = 3
 */
export function matchTokens(pattern: readonly ScriptToken[], actual: readonly ScriptToken[], prefix: boolean, vars: ScriptVariables): boolean {
  const bound = new Map<string, string>();
  const ok = walk(pattern, actual, prefix, vars, bound);
  if (ok) for (const [k, v] of bound) vars.set(k, v);
  return ok;
}

function walk(pattern: readonly ScriptToken[], actual: readonly ScriptToken[], prefix: boolean, vars: ScriptVariables, bound: Map<string, string>): boolean {
  for (let i = 0; i < pattern.length; i++) {
    const p = pattern[i];
    if (p.t === 'rest') return true;
    const a = actual[i];
    if (a === undefined) return false;
    if (p.t === 'any') continue;
    if (p.t === 'var') {
      const text = tokenText(a);
      const known = vars.get(p.name) ?? bound.get(p.name);
      if (known === undefined) bound.set(p.name, text);
      else if (known.toUpperCase() !== text.toUpperCase()) return false;
      continue;
    }
    if (p.t === 'list') {
      if (a.t !== 'list' || a.open !== p.open || !walk(p.items, a.items, false, vars, bound)) return false;
      continue;
    }
    if (!same(p, a)) return false;
  }
  return prefix || pattern.length === actual.length;
}

/**
 * A `C:` line with its variables substituted: `$user` / `$password` from
 * `credentials` as quoted strings, captured ones as they were captured.
 * An unknown variable is left as written.
 *
 * @example
 * substitute('a2 FETCH $n (UID)', new Map([['n', '3']]), {}); // 'a2 FETCH 3 (UID)'
 */
export function substitute(line: string, vars: ScriptVariables, credentials: { user?: string; password?: string }): string {
  return line.replace(/\$(?:\{([A-Za-z_]\w*)\}|([A-Za-z_]\w*))/g, (whole, a: string | undefined, b: string | undefined) => {
    const name = (a ?? b)!;
    if (name === 'user' && credentials.user !== undefined) return quote(credentials.user);
    if (name === 'password' && credentials.password !== undefined) return quote(credentials.password);
    return vars.get(name) ?? whole;
  });
}

/** What a step's answers lacked or held against its expectations. */
export interface ScriptDifference {
  expectation: Expectation;
  /** One sentence: what was expected and what came instead. */
  message: string;
}

/**
 * Check the responses a step received (their text, in order) against its
 * expectations; captured variables are bound in `vars`.
 *
 * @example
 * checkStep(step, ['* 3 EXISTS', 'a1 OK done'], vars); // [] when every expectation holds
 */
export function checkStep(step: ScriptStep, responses: readonly string[], vars: ScriptVariables): ScriptDifference[] {
  const parsed = responses.map((r) => ({ text: r, tokens: safeTokens(r) }));
  const out: ScriptDifference[] = [];
  const used = new Set<number>();
  for (const e of step.expect) {
    const candidates = parsed
      .map((p, i) => ({ ...p, i }))
      .filter((p) => {
        const head = p.tokens[0]?.t === 'atom' ? p.tokens[0].v : '';
        if (e.kind === 'untagged') return head === '*';
        if (e.kind === 'continue') return head === '+';
        if (e.kind === 'tagged') return head === e.tag;
        return true;
      });
    if (e.kind === 'absent') {
      const hit = candidates.find((p) => matchTokens(e.pattern, p.tokens, e.prefix, new Map(vars)));
      if (hit !== undefined) out.push({ expectation: e, message: `"${e.text}" must not appear, and the server sent "${hit.text}".` });
      continue;
    }
    const hit = candidates.find((p) => !used.has(p.i) && matchTokens(e.pattern, p.tokens, e.prefix, vars));
    if (hit !== undefined) {
      used.add(hit.i);
      continue;
    }
    // Show the answers of the same kind (`* n EXISTS` for an EXISTS line) when there are some.
    const kind = responseName(e.pattern);
    const alike = candidates.filter((p) => kind !== undefined && responseName(p.tokens) === kind);
    const shown = alike.length > 0 ? alike : candidates;
    const got =
      kind !== undefined && alike.length === 0 && e.kind === 'untagged'
        ? `no ${kind} response`
        : shown.length === 0
          ? 'nothing of that kind'
          : shown.map((p) => `"${p.text}"`).slice(0, 5).join(', ');
    out.push({ expectation: e, message: `expected "S: ${e.text}", got ${got}.` });
  }
  return out;
}

/** The response name of a line: `EXISTS` in `* 3 EXISTS`, `LIST` in `* LIST ...`, `OK` in `a1 OK`. */
function responseName(tokens: readonly ScriptToken[]): string | undefined {
  const second = tokens[1];
  if (second === undefined) return undefined;
  const word = (t: ScriptToken | undefined): string | undefined => (t !== undefined && t.t === 'atom' ? t.v.toUpperCase() : undefined);
  const w = word(second);
  if (w !== undefined && !/^\d+$/.test(w) && !w.startsWith('$')) return w;
  return word(tokens[2]);
}

function safeTokens(s: string): ScriptToken[] {
  try {
    return tokenize(s);
  } catch {
    return [{ t: 'atom', v: s }];
  }
}
