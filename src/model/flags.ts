/**
 * A message flag as written: a system flag (`\Seen`, `\Answered`,
 * `\Flagged`, `\Deleted`, `\Draft`, `\Recent`), a keyword (`$Forwarded`,
 * `NonJunk`), an extension flag (`\Foo`), or `\*` in PERMANENTFLAGS.
 * Case is kept as sent; compare with {@link sameFlag}.
 *
 * @example
 * const flags: Flag[] = ['\\Seen', '$Forwarded'];
 */
export type Flag = string;

/**
 * The RFC 9051 §2.3.2 system flags.
 *
 * @example
 * SYSTEM_FLAGS.includes('\\Seen') // true
 */
export const SYSTEM_FLAGS = ['\\Seen', '\\Answered', '\\Flagged', '\\Deleted', '\\Draft', '\\Recent'] as const;

/**
 * Flags and keywords are case-insensitive (RFC 9051 §2.3.2).
 *
 * @example
 * sameFlag('\\SEEN', '\\Seen') // true: system flags compare case-insensitively
 */
export function sameFlag(a: Flag, b: Flag): boolean {
  return a.toLowerCase() === b.toLowerCase();
}
