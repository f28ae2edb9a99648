/**
 * States (RFC 9051 §3 and each command's section under §6): a command the
 * client sends in a state where it is not valid, and a server that
 * answers OK to one.
 */
import type { ConversationEvent } from '../../capture/types.js';
import type { Command } from '../../model/command.js';
import type { SessionState, SessionView } from '../tracker.js';
import type { RuleContext } from './context.js';

type Valid = readonly SessionState[];
const ANY: Valid = ['not-authenticated', 'authenticated', 'selected'];
const NOT_AUTH: Valid = ['not-authenticated'];
const AUTH: Valid = ['authenticated', 'selected'];
const SELECTED: Valid = ['selected'];

/** The states a command is valid in; undefined for commands not judged (unknown ones, COMPRESS). */
const VALID: Partial<Record<Command['type'], Valid>> = {
  CAPABILITY: ANY, NOOP: ANY, LOGOUT: ANY, ID: ANY,
  STARTTLS: NOT_AUTH, LOGIN: NOT_AUTH, AUTHENTICATE: NOT_AUTH,
  // RFC 9051 §6.3.1, RFC 5161 §3.1: ENABLE only in the authenticated state.
  ENABLE: ['authenticated'],
  SELECT: AUTH, EXAMINE: AUTH, CREATE: AUTH, DELETE: AUTH, RENAME: AUTH, SUBSCRIBE: AUTH, UNSUBSCRIBE: AUTH,
  LIST: AUTH, LSUB: AUTH, STATUS: AUTH, APPEND: AUTH, NAMESPACE: AUTH, IDLE: AUTH, UNAUTHENTICATE: AUTH,
  GETQUOTA: AUTH, GETQUOTAROOT: AUTH, SETQUOTA: AUTH, SETACL: AUTH, DELETEACL: AUTH, LISTRIGHTS: AUTH,
  GETACL: AUTH, MYRIGHTS: AUTH, GETMETADATA: AUTH, SETMETADATA: AUTH,
  CHECK: SELECTED, CLOSE: SELECTED, UNSELECT: SELECTED, EXPUNGE: SELECTED, 'UID EXPUNGE': SELECTED,
  SEARCH: SELECTED, FETCH: SELECTED, STORE: SELECTED, COPY: SELECTED, MOVE: SELECTED, SORT: SELECTED, THREAD: SELECTED,
};

const NAMES: Record<SessionState, string> = {
  'not-authenticated': 'not authenticated',
  authenticated: 'authenticated',
  selected: 'selected',
  logout: 'logout',
  unknown: 'unknown',
};

function commandName(c: Command): string {
  if (c.type === 'unknown') return c.name;
  return 'uid' in c && c.uid ? `UID ${c.type}` : c.type;
}

/** The states the connection may be in once the commands in flight complete (pipelining, RFC 9051 §5.5). */
function reachable(t: SessionView): Set<SessionState> {
  const out = new Set<SessionState>([t.state]);
  for (const f of t.inFlight.values()) {
    const ty = f.command?.type;
    if (ty === 'LOGIN' || ty === 'AUTHENTICATE' || ty === 'CLOSE' || ty === 'UNSELECT') out.add('authenticated');
    else if (ty === 'SELECT' || ty === 'EXAMINE') {
      out.add('selected');
      out.add('authenticated');
    } else if (ty === 'UNAUTHENTICATE') out.add('not-authenticated');
  }
  // Pipelined after LOGIN and SELECT: the client may count on both succeeding.
  if (out.has('authenticated') && [...t.inFlight.values()].some((f) => f.command?.type === 'SELECT' || f.command?.type === 'EXAMINE')) out.add('selected');
  return out;
}

/** state-command, state-ok. */
export function checkStates(ctx: RuleContext, ev: ConversationEvent): void {
  const t = ctx.tracker;
  if (ev.type === 'command') {
    const valid = VALID[ev.command.type];
    if (valid === undefined || t.state === 'unknown' || t.state === 'logout') return;
    const states = reachable(t);
    if (states.has('unknown') || [...states].some((s) => valid.includes(s))) return;
    ctx.report('state-command', ev, {
      message: `${commandName(ev.command)} is not valid in the ${NAMES[t.state]} state.`,
      expected: valid.map((s) => NAMES[s]).join(' or '),
      actual: NAMES[t.state],
      tag: ev.command.tag,
    });
    return;
  }
  if (ev.type !== 'response' || ev.response.type !== 'tagged' || ev.response.status !== 'OK') return;
  const f = t.inFlight.get(ev.response.tag);
  const c = f?.command;
  if (c === undefined) return;
  const valid = VALID[c.type];
  if (valid === undefined || t.state === 'unknown' || t.state === 'logout' || valid.includes(t.state)) return;
  // RFC 5161 §3.1: servers need not check that no mailbox is selected before ENABLE.
  if (c.type === 'ENABLE' && t.state === 'selected') return;
  ctx.report('state-ok', ev, {
    message: `The server answered OK to ${commandName(c)} in the ${NAMES[t.state]} state, where it is not valid.`,
    expected: 'NO or BAD',
    actual: 'OK',
    tag: ev.response.tag,
  });
}
