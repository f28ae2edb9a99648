/**
 * RFC 9051 §9 `date-time` ("17-Jul-1996 02:44:25 -0700") with its zone
 * kept as written, so `-0000` and `+0000` stay distinct.
 *
 * @example
 * const d: ImapDateTime = { year: 1996, month: 7, day: 17, hour: 2, minute: 44, second: 25, zone: '-0700' };
 */
export interface ImapDateTime {
  year: number;
  /** 1..12 */
  month: number;
  /** 1..31 */
  day: number;
  hour: number;
  minute: number;
  second: number;
  /** `+HHMM` or `-HHMM` as written. */
  zone: string;
}

/**
 * RFC 9051 §9 `date` ("1-Feb-1994"), used by SEARCH keys.
 *
 * @example
 * const d: ImapDate = { year: 1994, month: 2, day: 1 };
 */
export interface ImapDate {
  year: number;
  month: number;
  day: number;
}
