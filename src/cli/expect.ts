/**
 * `imapwire check --expect SCRIPT`: a script's `S:` expectations held
 * against a recorded connection, offline. Each step's `C:` lines are
 * matched, in order, with the client frames of the capture (a command,
 * a SASL line, DONE); the server frames from the step's first client frame
 * until every tag of the step is answered (or a `+` the step expects) are
 * the step's answers, checked with the script engine's `checkStep`.
 */
import type { ConversationEvent } from '../capture/types.js';
import type { Finding } from '../session/finding.js';
import { checkStep, substitute, type Script, type ScriptVariables } from '../session/script.js';

function latin1(b: Uint8Array): string {
  let s = '';
  for (let i = 0; i < b.length; i += 4096) s += String.fromCharCode(...b.subarray(i, i + 4096));
  return s;
}

type Item = { client: true; text: string; tag?: string; offset: number } | { client: false; text: string; offset: number };

/** The client and server frames of one connection, in wire order, as text. */
export class ExpectRecorder {
  readonly items: Item[] = [];

  push(ev: ConversationEvent): void {
    if (ev.type === 'command') this.items.push({ client: true, text: latin1(ev.frame).replace(/\r?\n$/, ''), tag: ev.command.tag, offset: ev.offset });
    else if (ev.type === 'sasl' || ev.type === 'done') this.items.push({ client: true, text: ev.type === 'done' ? 'DONE' : '', offset: ev.offset });
    else if (ev.type === 'error' && ev.direction === 'client') this.items.push({ client: true, text: latin1(ev.frame), ...(ev.tag !== undefined ? { tag: ev.tag } : {}), offset: ev.offset });
    else if (ev.type === 'response') this.items.push({ client: false, text: latin1(ev.frame).replace(/\r?\n$/, ''), offset: ev.offset });
  }
}

/** How many client frames a step's `C:` lines make, and which of them start commands. */
function clientFrames(send: Script['steps'][number]['send'], continued: boolean): { text: string; command: boolean; line: number }[] {
  const out: { text: string; command: boolean; line: number }[] = [];
  let literalLeft = 0;
  let goesOn = false;
  let cont = continued;
  for (const { text, line } of send) {
    if (literalLeft > 0) {
      literalLeft -= new TextEncoder().encode(text).length + 2;
      goesOn = literalLeft <= 0;
      continue;
    }
    if (!goesOn) out.push({ text, command: !cont, line });
    cont = false;
    goesOn = false;
    const lit = /\{(\d+)(\+|-)?\}$/.exec(text);
    if (lit !== null) {
      literalLeft = Number(lit[1]);
      goesOn = literalLeft === 0;
    }
  }
  return out;
}

/**
 * The differences between a script's expectations and one recorded
 * connection, as findings (`script/expectation`, `script/command` when the
 * capture's client sent another command than the script).
 *
 * @example
 * const rec = new ExpectRecorder(); for (const ev of events) rec.push(ev);
 * expectFindings(parseScript(text, 'a.script'), rec, 'c1');
 */
export function expectFindings(script: Script, rec: ExpectRecorder, connection: string): Finding[] {
  const out: Finding[] = [];
  const items = rec.items;
  const vars: ScriptVariables = new Map();
  let i = 0;
  let continued = false;
  const finding = (rule: string, line: number, message: string, offset: number, expected?: string, actual?: string): Finding => {
    const f: Finding = { rule, side: rule === 'script/command' ? 'client' : 'server', level: 'MUST', rfc: `${script.name}:${line}`, message, connection, direction: rule === 'script/command' ? 'client' : 'server', offset };
    if (expected !== undefined) f.expected = expected;
    if (actual !== undefined) f.actual = actual;
    return f;
  };
  for (const step of script.steps) {
    const responses: string[] = [];
    const pending = new Set<string>();
    const frames = clientFrames(step.send, continued);
    const waitPlus = step.expect.some((e) => e.kind === 'continue');
    let lastOffset = 0;
    for (const want of frames) {
      while (i < items.length && !items[i].client) responses.push(items[i++].text);
      const got = items[i];
      if (got === undefined || !got.client) {
        out.push(finding('script/command', want.line, `${script.name}:${want.line}: the capture ends before "C: ${want.text}".`, lastOffset, want.text, 'end of the capture'));
        return out;
      }
      i++;
      lastOffset = got.offset;
      if (want.command) {
        const wantTag = substitute(want.text, vars, {}).split(' ')[0];
        if (got.tag === undefined || got.tag.toLowerCase() !== wantTag.toLowerCase()) {
          out.push(finding('script/command', want.line, `${script.name}:${want.line}: the capture's client sent "${got.text.slice(0, 60)}" where the script sends "${want.text}".`, got.offset, want.text, got.text.slice(0, 60)));
          return out;
        }
        pending.add(got.tag);
      }
    }
    // The answers: up to the next client frame, until the step's tags are answered.
    let sawPlus = false;
    while (i < items.length && !items[i].client) {
      if (frames.length > 0 && pending.size === 0) break;
      if (waitPlus && sawPlus) break;
      const r = items[i++];
      lastOffset = r.offset;
      responses.push(r.text);
      const tag = r.text.split(' ')[0];
      if (tag === '+') sawPlus = true;
      else pending.delete(tag);
    }
    continued = waitPlus && sawPlus && pending.size > 0;
    for (const d of checkStep(step, responses, vars)) {
      out.push(finding('script/expectation', d.expectation.line, `${script.name}:${d.expectation.line}: ${d.message}`, lastOffset, d.expectation.text));
    }
  }
  return out;
}
