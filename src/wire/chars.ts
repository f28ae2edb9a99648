/**
 * Character classes of RFC 9051 §9 as lookup tables over a byte.
 * One table, one bit per class, so a token scan is a load and a mask.
 */

/** ATOM-CHAR: any CHAR except atom-specials ( ) { SP CTL % * " \ ] */
export const ATOM = 1;
/** ASTRING-CHAR: ATOM-CHAR / resp-specials ("]") */
export const ASTRING = 2;
/** tag: any ASTRING-CHAR except "+" */
export const TAG = 4;
/** TEXT-CHAR: any CHAR except CR and LF (CHAR is %x01-7F) */
export const TEXT = 8;
/** QUOTED-CHAR without escape: TEXT-CHAR except quoted-specials */
export const QUOTED = 16;
/** list-mailbox char: ATOM-CHAR / list-wildcards / resp-specials */
export const LIST_CHAR = 32;
/** DIGIT */
export const DIGIT = 64;
/**
 * 8-bit bytes (%x80-FF). Not in any RFC token class; lenient mode lets
 * them into atoms because servers send Latin-1 keywords. Strict never does.
 */
export const HIGH = 128;

export const CLASS = new Uint8Array(256);

(() => {
  for (let c = 0x01; c <= 0x7f; c++) {
    let m = 0;
    const isCtl = c < 0x20 || c === 0x7f;
    const atomSpecial =
      c === 0x28 || c === 0x29 || c === 0x7b || c === 0x20 || isCtl ||
      c === 0x25 || c === 0x2a || c === 0x22 || c === 0x5c || c === 0x5d;
    if (!atomSpecial) m |= ATOM | ASTRING | LIST_CHAR;
    if (c === 0x5d) m |= ASTRING | LIST_CHAR;
    if (c === 0x25 || c === 0x2a) m |= LIST_CHAR;
    if (m & ASTRING && c !== 0x2b) m |= TAG;
    if (c !== 0x0d && c !== 0x0a) m |= TEXT;
    if (m & TEXT && c !== 0x22 && c !== 0x5c) m |= QUOTED;
    if (c >= 0x30 && c <= 0x39) m |= DIGIT;
    CLASS[c] = m;
  }
  for (let c = 0x80; c <= 0xff; c++) CLASS[c] = HIGH;
})();

export const SP = 0x20;
export const CR = 0x0d;
export const LF = 0x0a;
export const DQUOTE = 0x22;
export const BACKSLASH = 0x5c;
export const LPAREN = 0x28;
export const RPAREN = 0x29;
export const LBRACE = 0x7b;
export const RBRACE = 0x7d;
export const LBRACKET = 0x5b;
export const RBRACKET = 0x5d;
export const TILDE = 0x7e;
export const PLUS = 0x2b;
export const MINUS = 0x2d;
export const STAR = 0x2a;
export const COLON = 0x3a;
export const COMMA = 0x2c;
export const DOLLAR = 0x24;
export const LT = 0x3c;
export const GT = 0x3e;
export const DOT = 0x2e;
