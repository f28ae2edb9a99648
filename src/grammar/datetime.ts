import type { Reader } from '../wire/reader.js';
import type { Writer } from '../wire/writer.js';
import type { ImapDate, ImapDateTime } from '../model/datetime.js';
import { DQUOTE, SP } from '../wire/chars.js';
import { ImapEncodeError } from '../wire/errors.js';

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

function digit(r: Reader, what: string): number {
  const c = r.peek();
  if (c < 0x30 || c > 0x39) throw r.error(what);
  r.pos++;
  return c - 0x30;
}

/** Exactly `n` digits. */
function fixed(r: Reader, n: number, what: string): number {
  const b = r.bytes;
  const start = r.pos;
  let v = 0;
  for (let p = start; p < start + n; p++) {
    const c = p < r.end ? b[p] : -1;
    if (c < 0x30 || c > 0x39) throw r.error(what, p);
    v = v * 10 + (c - 0x30);
  }
  r.pos = start + n;
  return v;
}

/** Month number (1..12) for three letters folded to lower case, packed as c0 << 16 | c1 << 8 | c2. */
const MONTH_KEYS = new Map<number, number>(MONTHS.map((m, i) => [((m.charCodeAt(0) | 0x20) << 16) | ((m.charCodeAt(1) | 0x20) << 8) | (m.charCodeAt(2) | 0x20), i + 1]));

/** The month (1..12) named by the three bytes at `p` (any case), or 0. */
function monthAt(b: Uint8Array, p: number): number {
  const c0 = b[p];
  const c1 = b[p + 1];
  const c2 = b[p + 2];
  // Only letters fold: OR-ing 0x20 into anything else could fake a match.
  if (!isAlpha(c0) || !isAlpha(c1) || !isAlpha(c2)) return 0;
  return MONTH_KEYS.get(((c0 | 0x20) << 16) | ((c1 | 0x20) << 8) | (c2 | 0x20)) ?? 0;
}

/** `date-month`: "Jan" .. "Dec", any case. */
function month(r: Reader): number {
  const p = r.pos;
  if (p + 3 <= r.end) {
    const m = monthAt(r.bytes, p);
    if (m !== 0) {
      r.pos = p + 3;
      return m;
    }
  }
  throw r.error('date-month');
}

function isAlpha(c: number): boolean {
  return (c >= 0x41 && c <= 0x5a) || (c >= 0x61 && c <= 0x7a);
}

/** Zone strings ("+0200"), made once each: every date-time of a mailbox has one of a few. */
const ZONES = new Map<number, string>();

let lastZoneKey = NaN;
let lastZone = '';

function zoneText(sign: number, z: number): string {
  const key = sign === 0x2d ? -1 - z : z;
  // Consecutive date-times nearly always share the zone: skip the map then.
  if (key === lastZoneKey) return lastZone;
  let s = ZONES.get(key);
  if (s === undefined) {
    s = String.fromCharCode(sign) + String(z).padStart(4, '0');
    if (ZONES.size < 4096) ZONES.set(key, s);
  }
  lastZoneKey = key;
  lastZone = s;
  return s;
}

/**
 * `date-time` (RFC 9051 §9): DQUOTE date-day-fixed "-" date-month "-"
 * date-year SP time SP zone DQUOTE. The day may be " 7" or "07"; lenient
 * mode also takes a single digit "7" (a quirk of some servers).
 */
export function readDateTime(r: Reader): ImapDateTime {
  const b = r.bytes;
  const p = r.pos;
  // Fast path: every INTERNALDATE of a mailbox has the one 28-byte form
  // `"dd-Mon-yyyy hh:mm:ss +zzzz"` (day "dd" or " d"). Check all of it in
  // one straight run instead of a cursor call per field; anything else
  // (a one-digit day, a bad byte) goes the general way below, which
  // reports the error or records the quirk exactly where it is.
  if (p + 28 <= r.end && b[p] === DQUOTE && b[p + 3] === 0x2d && b[p + 7] === 0x2d && b[p + 12] === SP &&
      b[p + 15] === 0x3a && b[p + 18] === 0x3a && b[p + 21] === SP && b[p + 27] === DQUOTE) {
    const d1 = b[p + 2] - 0x30;
    const d0 = b[p + 1] === SP ? 0 : b[p + 1] - 0x30;
    const y0 = b[p + 8] - 0x30, y1 = b[p + 9] - 0x30, y2 = b[p + 10] - 0x30, y3 = b[p + 11] - 0x30;
    const h0 = b[p + 13] - 0x30, h1 = b[p + 14] - 0x30;
    const i0 = b[p + 16] - 0x30, i1 = b[p + 17] - 0x30;
    const s0 = b[p + 19] - 0x30, s1 = b[p + 20] - 0x30;
    const z0 = b[p + 23] - 0x30, z1 = b[p + 24] - 0x30, z2 = b[p + 25] - 0x30, z3 = b[p + 26] - 0x30;
    const sign = b[p + 22];
    // `x >>> 0 > 9` is "not a digit" for a byte minus 0x30 (negatives wrap high).
    const bad = (d0 >>> 0 > 9) || (d1 >>> 0 > 9) || (y0 >>> 0 > 9) || (y1 >>> 0 > 9) || (y2 >>> 0 > 9) || (y3 >>> 0 > 9) ||
      (h0 >>> 0 > 9) || (h1 >>> 0 > 9) || (i0 >>> 0 > 9) || (i1 >>> 0 > 9) || (s0 >>> 0 > 9) || (s1 >>> 0 > 9) ||
      (z0 >>> 0 > 9) || (z1 >>> 0 > 9) || (z2 >>> 0 > 9) || (z3 >>> 0 > 9) || (sign !== 0x2b && sign !== 0x2d);
    const m = bad ? 0 : monthAt(b, p + 4);
    if (m !== 0) {
      r.pos = p + 28;
      return {
        year: y0 * 1000 + y1 * 100 + y2 * 10 + y3,
        month: m,
        day: d0 * 10 + d1,
        hour: h0 * 10 + h1,
        minute: i0 * 10 + i1,
        second: s0 * 10 + s1,
        zone: zoneText(sign, z0 * 1000 + z1 * 100 + z2 * 10 + z3),
      };
    }
  }
  r.expect(DQUOTE, 'date-time');
  let day: number;
  if (r.skip(SP)) day = digit(r, 'date-day-fixed');
  else {
    day = digit(r, 'date-day-fixed');
    const c = r.peek();
    if (c >= 0x30 && c <= 0x39) day = day * 10 + digit(r, 'date-day-fixed');
    else r.quirk('date-day-one-digit', 'date-day-fixed');
  }
  r.expect(0x2d);
  const m = month(r);
  r.expect(0x2d);
  const year = fixed(r, 4, 'date-year');
  r.sp();
  const hour = fixed(r, 2, 'time');
  r.expect(0x3a);
  const minute = fixed(r, 2, 'time');
  r.expect(0x3a);
  const second = fixed(r, 2, 'time');
  r.sp();
  const sign = r.peek();
  if (sign !== 0x2b && sign !== 0x2d) throw r.error('zone');
  r.pos++;
  const z = fixed(r, 4, 'zone');
  r.expect(DQUOTE);
  const zone = zoneText(sign, z);
  return { year, month: m, day, hour, minute, second, zone };
}

function pad2(n: number): string {
  return n < 10 ? '0' + n : String(n);
}

function checkRange(v: number, lo: number, hi: number, what: string): void {
  if (!Number.isInteger(v) || v < lo || v > hi) throw new ImapEncodeError(`${what} ${v} is out of range ${lo}..${hi}`);
}

/** Write `date-time`; a day below 10 is written "07" (date-day-fixed as 2DIGIT, as Dovecot writes it). */
export function writeDateTime(w: Writer, d: ImapDateTime): void {
  checkRange(d.year, 0, 9999, 'year');
  checkRange(d.month, 1, 12, 'month');
  // The grammar's 2DIGIT, not the calendar: what was read must write back.
  checkRange(d.day, 0, 99, 'day');
  checkRange(d.hour, 0, 99, 'hour');
  checkRange(d.minute, 0, 99, 'minute');
  checkRange(d.second, 0, 99, 'second');
  if (!/^[+-]\d{4}$/.test(d.zone)) throw new ImapEncodeError(`zone ${JSON.stringify(d.zone)} is not +HHMM or -HHMM`);
  const day = pad2(d.day);
  w.ascii(`"${day}-${MONTHS[d.month - 1]}-${String(d.year).padStart(4, '0')} ${pad2(d.hour)}:${pad2(d.minute)}:${pad2(d.second)} ${d.zone}"`);
}

/** `date` (RFC 9051 §9): date-text, or date-text in double quotes. */
export function readDate(r: Reader): ImapDate {
  const quoted = r.skip(DQUOTE);
  let day = digit(r, 'date-day');
  const c = r.peek();
  if (c >= 0x30 && c <= 0x39) day = day * 10 + digit(r, 'date-day');
  r.expect(0x2d);
  const m = month(r);
  r.expect(0x2d);
  const year = fixed(r, 4, 'date-year');
  if (quoted) r.expect(DQUOTE);
  return { year, month: m, day };
}

/** Write `date` unquoted: "1-Feb-1994". */
export function writeDate(w: Writer, d: ImapDate): void {
  checkRange(d.year, 0, 9999, 'year');
  checkRange(d.month, 1, 12, 'month');
  // The grammar's 2DIGIT, not the calendar: what was read must write back.
  checkRange(d.day, 0, 99, 'day');
  w.ascii(`${d.day}-${MONTHS[d.month - 1]}-${String(d.year).padStart(4, '0')}`);
}

/**
 * The instant a date-time names, as a JS Date (zone applied).
 *
 * @example
 * dateTimeToDate(internalDate).toISOString() // '2026-12-01T10:00:00.000Z'
 */
export function dateTimeToDate(d: ImapDateTime): Date {
  const sign = d.zone[0] === '-' ? -1 : 1;
  const zh = Number(d.zone.slice(1, 3));
  const zm = Number(d.zone.slice(3, 5));
  const offsetMin = sign * (zh * 60 + zm);
  return new Date(Date.UTC(d.year, d.month - 1, d.day, d.hour, d.minute, d.second) - offsetMin * 60000);
}

/**
 * A date-time for a JS Date, in UTC ("+0000") unless `zoneMinutes` east is given.
 *
 * @example
 * dateTimeFromDate(new Date(), 60) // the time in zone +0100
 */
export function dateTimeFromDate(date: Date, zoneMinutes = 0): ImapDateTime {
  const t = new Date(date.getTime() + zoneMinutes * 60000);
  const a = Math.abs(zoneMinutes);
  const zone = (zoneMinutes < 0 ? '-' : '+') + pad2(Math.floor(a / 60)) + pad2(a % 60);
  return {
    year: t.getUTCFullYear(),
    month: t.getUTCMonth() + 1,
    day: t.getUTCDate(),
    hour: t.getUTCHours(),
    minute: t.getUTCMinutes(),
    second: t.getUTCSeconds(),
    zone,
  };
}
