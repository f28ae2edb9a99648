import type { Flag } from '../model/flags.js';
import type { Response, TaggedResponse } from '../model/response.js';
import type { RespTextCode } from '../model/resp-code.js';
import { expandCapabilities } from '../codec/capabilities.js';
import type { Command } from '../model/command.js';
import type { ConnectionState } from './client-types.js';

/**
 * The mailbox a session has selected (or is selecting), as the server
 * described it (RFC 9051 §6.3.2, §7.3.5, §7.4.1, RFC 7162).
 *
 * @example
 * const m = session.selected;
 * if (m !== undefined) console.log(m.name, m.exists, m.uidValidity);
 */
export interface SelectedMailbox {
  name: string;
  readOnly: boolean;
  exists: number;
  recent?: number;
  uidValidity?: number;
  uidNext?: number;
  flags: Flag[];
  permanentFlags?: Flag[];
  highestModseq?: bigint;
}

/**
 * What a client session knows about the connection, readable at any time.
 *
 * @example
 * const view: ClientStateView = session;
 * view.state; view.capabilities; view.selected?.exists;
 */
export interface ClientStateView {
  readonly state: ConnectionState;
  /** The server's capabilities as last announced (greeting, CAPABILITY response or code). */
  readonly capabilities: readonly string[];
  /** What ENABLE turned on (RFC 5161), upper-cased. */
  readonly enabled: ReadonlySet<string>;
  readonly selected: SelectedMailbox | undefined;
}

/**
 * The session's state, fed with every response and every completion. It is
 * kept behind {@link ClientStateView} so another tracker can stand in.
 */
export class ClientState implements ClientStateView {
  state: ConnectionState = 'greeting';
  capabilities: readonly string[] = [];
  readonly enabled = new Set<string>();
  selected: SelectedMailbox | undefined;
  /** The mailbox a SELECT / EXAMINE in progress is filling. */
  private selecting: SelectedMailbox | undefined;
  private expanded: Set<string> | undefined;

  /** Capabilities with what they imply, upper-cased. */
  get capabilitySet(): ReadonlySet<string> {
    return (this.expanded ??= expandCapabilities(this.capabilities));
  }

  private setCapabilities(list: readonly string[]): void {
    this.capabilities = list;
    this.expanded = undefined;
  }

  /** A command is being sent. */
  started(c: Command): void {
    if (c.type === 'SELECT' || c.type === 'EXAMINE') {
      // RFC 9051 §6.3.2: a SELECT deselects the current mailbox first.
      this.selected = undefined;
      if (this.state === 'selected') this.state = 'authenticated';
      this.selecting = { name: c.mailbox, readOnly: c.type === 'EXAMINE', exists: 0, flags: [] };
    }
  }

  /** Any response, tagged or untagged, in wire order. */
  observe(r: Response): void {
    if (this.state === 'greeting' && (r.type === 'OK' || r.type === 'PREAUTH' || r.type === 'BYE')) {
      this.state = r.type === 'OK' ? 'not-authenticated' : r.type === 'PREAUTH' ? 'authenticated' : 'logout';
    }
    const box = this.selecting ?? this.selected;
    switch (r.type) {
      case 'CAPABILITY':
        this.setCapabilities(r.capabilities);
        return;
      case 'ENABLED':
        for (const c of r.capabilities) this.enabled.add(c.toUpperCase());
        return;
      case 'BYE':
        this.state = 'logout';
        return;
      case 'FLAGS':
        if (box !== undefined) box.flags = r.flags;
        return;
      case 'EXISTS':
        if (box !== undefined) box.exists = r.count;
        return;
      case 'RECENT':
        if (box !== undefined) box.recent = r.count;
        return;
      case 'EXPUNGE':
        if (box !== undefined && box.exists > 0) box.exists--;
        return;
      case 'VANISHED':
        if (box !== undefined && !r.earlier && r.uids !== '$') {
          let n = 0;
          for (const it of r.uids) n += typeof it === 'object' && typeof it[0] === 'number' && typeof it[1] === 'number' ? Math.abs(it[1] - it[0]) + 1 : 1;
          box.exists = Math.max(0, box.exists - n);
        }
        return;
      case 'OK':
      case 'NO':
      case 'BAD':
      case 'PREAUTH':
      case 'tagged':
        if (r.code !== undefined) this.code(r.code, box);
        return;
      default:
        return;
    }
  }

  private code(code: RespTextCode, box: SelectedMailbox | undefined): void {
    switch (code.type) {
      case 'CAPABILITY':
        this.setCapabilities(code.capabilities);
        return;
      case 'UIDVALIDITY':
        if (box !== undefined) box.uidValidity = code.value;
        return;
      case 'UIDNEXT':
        if (box !== undefined) box.uidNext = code.value;
        return;
      case 'PERMANENTFLAGS':
        if (box !== undefined) box.permanentFlags = code.flags;
        return;
      case 'HIGHESTMODSEQ':
        if (box !== undefined) box.highestModseq = code.value;
        return;
      case 'READ-ONLY':
        if (this.selecting !== undefined) this.selecting.readOnly = true;
        return;
      case 'READ-WRITE':
        if (this.selecting !== undefined) this.selecting.readOnly = false;
        return;
      default:
        return;
    }
  }

  /** A command's tagged response (already passed to {@link observe}). */
  completed(c: Command, tagged: TaggedResponse): void {
    const ok = tagged.status === 'OK';
    switch (c.type) {
      case 'LOGIN':
      case 'AUTHENTICATE':
        if (ok) this.state = 'authenticated';
        return;
      case 'SELECT':
      case 'EXAMINE':
        // RFC 9051 §6.3.2: a failed SELECT leaves no mailbox selected.
        if (ok) {
          this.selected = this.selecting;
          this.state = 'selected';
        }
        this.selecting = undefined;
        return;
      case 'CLOSE':
      case 'UNSELECT':
        if (ok) {
          this.selected = undefined;
          this.state = 'authenticated';
        }
        return;
      case 'UNAUTHENTICATE':
        if (ok) {
          this.selected = undefined;
          this.state = 'not-authenticated';
        }
        return;
      case 'LOGOUT':
        this.state = 'logout';
        return;
      case 'STARTTLS':
        // RFC 9051 §6.2.1: capabilities learned before STARTTLS are discarded.
        if (ok && tagged.code?.type !== 'CAPABILITY') this.setCapabilities([]);
        return;
      default:
        return;
    }
  }
}
