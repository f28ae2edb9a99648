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

function fixed(r: Reader, n: number, what: string): number {
  let v = 0;
  for (let i = 0; i < n; i++) v = v * 10 + digit(r, what);
  return v;
}

/** `date-month`: "Jan" .. "Dec", any case. */
function month(r: Reader): number {
  for (let i = 0; i < 12; i++) {
    if (matchPrefix(r, MONTHS[i])) return i + 1;
  }
  throw r.error('date-month');
}

function matchPrefix(r: Reader, w: string): boolean {
  for (let j = 0; j < w.length; j++) {
    const c = r.peekAt(j);
    const x = w.charCodeAt(j);
    if (c !== x && c !== (x ^ 0x20)) return false;
  }
  r.pos += w.length;
  return true;
}

/**
 * `date-time` (RFC 9051 §9): DQUOTE date-day-fixed "-" date-month "-"
 * date-year SP time SP zone DQUOTE. The day may be " 7" or "07"; lenient
 * mode also takes a single digit "7" (a quirk of some servers).
 */
export function readDateTime(r: Reader): ImapDateTime {
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
  const zone = String.fromCharCode(sign) + String(z).padStart(4, '0');
  return { year, month: m, day, hour, minute, second, zone };
}

function pad2(n: number): string {
  return n < 10 ? '0' + n : String(n);
}

function checkRange(v: number, lo: number, hi: number, what: string): void {
  if (!Number.isInteger(v) || v < lo || v > hi) throw new ImapEncodeError(`${what} ${v} is out of range ${lo}..${hi}`);
}

/** Write `date-time`; a day below 10 is written " 7" (date-day-fixed with SP, as servers do). */
export function writeDateTime(w: Writer, d: ImapDateTime): void {
  checkRange(d.year, 0, 9999, 'year');
  checkRange(d.month, 1, 12, 'month');
  checkRange(d.day, 1, 31, 'day');
  checkRange(d.hour, 0, 99, 'hour');
  checkRange(d.minute, 0, 99, 'minute');
  checkRange(d.second, 0, 99, 'second');
  if (!/^[+-]\d{4}$/.test(d.zone)) throw new ImapEncodeError(`zone ${JSON.stringify(d.zone)} is not +HHMM or -HHMM`);
  const day = d.day < 10 ? ' ' + d.day : String(d.day);
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
  checkRange(d.day, 1, 31, 'day');
  w.ascii(`${d.day}-${MONTHS[d.month - 1]}-${String(d.year).padStart(4, '0')}`);
}

/** The instant a date-time names, as a JS Date (zone applied). */
export function dateTimeToDate(d: ImapDateTime): Date {
  const sign = d.zone[0] === '-' ? -1 : 1;
  const zh = Number(d.zone.slice(1, 3));
  const zm = Number(d.zone.slice(3, 5));
  const offsetMin = sign * (zh * 60 + zm);
  return new Date(Date.UTC(d.year, d.month - 1, d.day, d.hour, d.minute, d.second) - offsetMin * 60000);
}

/** A date-time for a JS Date, in UTC ("+0000") unless `zoneMinutes` east is given. */
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
