/**
 * The text format of `imapwire parse`: one line per record, the typed
 * value written compactly, byte arrays (literals, message bodies) shown
 * only by their size.
 */
import type { ParseRecord } from './records.js';

const MAX_STRING = 200;
const MAX_ITEMS = 30;

/**
 * One line for a record.
 *
 * @example
 * textLine({ type: 'command', connection: 'c1', direction: 'client', offset: 0, length: 12,
 *   command: { tag: 'a1', type: 'NOOP' } }); // 'c1 C@0 a1 NOOP\n'
 */
export function textLine(r: ParseRecord): string {
  const time = typeof r.time === 'number' ? isoTime(r.time) + ' ' : '';
  const dir = r.direction === 'client' ? 'C' : r.direction === 'server' ? 'S' : '-';
  const at = typeof r.offset === 'number' ? `${dir}@${r.offset}` : dir;
  const conn = String(r.connection ?? '-');
  let body: string;
  switch (r.type) {
    case 'command': {
      const { tag, type, ...rest } = r.command as Record<string, unknown>;
      body = `${String(tag)} ${String(type)}${fields(rest)}`;
      break;
    }
    case 'response': {
      const { type, ...rest } = r.response as Record<string, unknown>;
      const tag = type === 'tagged' ? String(rest.tag) + ' ' + String(rest.status) : type === 'continue' ? '+' : '* ' + String(type);
      if (type === 'tagged') {
        delete rest.tag;
        delete rest.status;
      }
      body = `${tag}${fields(rest)}`;
      break;
    }
    case 'error': {
      const e = r.error as Record<string, unknown>;
      body = `error: expected ${String(e.expected)}, found ${String(e.found)}${e.rule !== undefined ? ` (${String(e.rule)})` : ''} in ${String(r.excerpt)}`;
      break;
    }
    default: {
      const { type, connection: _c, direction: _d, offset: _o, time: _t, length: _l, source: _s, ...rest } = r;
      body = `${type}${fields(rest)}`;
    }
  }
  if (Array.isArray(r.warnings) && r.warnings.length > 0) body += `  [quirks: ${r.warnings.map((w: { name: string }) => w.name).join(', ')}]`;
  return `${time}${conn} ${at} ${body}\n`;
}

function isoTime(seconds: number): string {
  const d = new Date(seconds * 1000);
  return Number.isNaN(d.getTime()) ? String(seconds) : d.toISOString();
}

function fields(o: Record<string, unknown>): string {
  let s = '';
  for (const [k, v] of Object.entries(o)) if (v !== undefined && k !== 'warnings' && k !== 'violation') s += ` ${k}=${value(v, 0)}`;
  return s;
}

/**
 * A value written compactly: strings quoted (cut at 200 characters),
 * numbers and bigints bare, byte arrays as `‹N bytes›`, arrays and
 * objects with at most 30 members shown.
 *
 * @example
 * value({ uid: 5n, body: new Uint8Array(3) }, 0); // '{uid: 5, body: ‹3 bytes›}'
 */
export function value(v: unknown, depth: number): string {
  if (v === null) return 'NIL';
  switch (typeof v) {
    case 'string':
      return JSON.stringify(v.length > MAX_STRING ? v.slice(0, MAX_STRING) + '…' : v);
    case 'number':
    case 'boolean':
      return String(v);
    case 'bigint':
      return v.toString();
    case 'object': {
      if (v instanceof Uint8Array) return `‹${v.length} bytes›`;
      if (depth > 12) return '…';
      if (Array.isArray(v)) {
        const items = v.slice(0, MAX_ITEMS).map((x) => value(x, depth + 1));
        if (v.length > MAX_ITEMS) items.push(`… ${v.length - MAX_ITEMS} more`);
        return `[${items.join(', ')}]`;
      }
      const entries = Object.entries(v).filter(([, x]) => x !== undefined);
      const items = entries.slice(0, MAX_ITEMS).map(([k, x]) => `${k}: ${value(x, depth + 1)}`);
      if (entries.length > MAX_ITEMS) items.push(`… ${entries.length - MAX_ITEMS} more`);
      return `{${items.join(', ')}}`;
    }
    default:
      return String(v);
  }
}
