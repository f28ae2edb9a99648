/**
 * Size limits. Every one is an option; exceeding one is an
 * {@link ImapParseError}, never an out-of-memory.
 *
 * @example
 * new Framer({ side: 'client', maxLiteralSize: 50 * 1024 * 1024 });
 */
export interface WireLimits {
  /** Longest line in bytes, CRLF not counted (a line ends at CRLF or at a literal header). */
  maxLineLength?: number;
  /** Largest literal or literal8 in bytes. */
  maxLiteralSize?: number;
  /** Largest frame in bytes: all its lines and literals together. */
  maxFrameSize?: number;
  /** Deepest nesting of parenthesized lists. */
  maxDepth?: number;
}

const MiB = 1024 * 1024;

/**
 * Defaults for the side that reads responses (a client). Servers are
 * trusted more than clients, and one response can be large for good
 * reasons: `* SEARCH` over 1,000,000 messages is a 7 MB line, a THREAD
 * answer is another, and a FETCH BODY[] holds a whole message.
 *
 * @example
 * new ResponseDecoder({ maxLiteralSize: CLIENT_LIMITS.maxLiteralSize * 2 });
 */
export const CLIENT_LIMITS: Required<WireLimits> = {
  maxLineLength: 16 * MiB,
  maxLiteralSize: 256 * MiB,
  maxFrameSize: 512 * MiB,
  maxDepth: 256,
};

/**
 * Defaults for the side that reads commands (a server): a command line is
 * short (64 KiB is generous even for a UID set of thousands of ranges), an
 * APPEND message rarely passes a few tens of MB.
 *
 * @example
 * SERVER_LIMITS.maxLineLength // 65536
 */
export const SERVER_LIMITS: Required<WireLimits> = {
  maxLineLength: 64 * 1024,
  maxLiteralSize: 64 * MiB,
  maxFrameSize: 128 * MiB,
  maxDepth: 256,
};

export function resolveLimits(side: 'client' | 'server', o: WireLimits | undefined): Required<WireLimits> {
  const d = side === 'client' ? CLIENT_LIMITS : SERVER_LIMITS;
  return {
    maxLineLength: o?.maxLineLength ?? d.maxLineLength,
    maxLiteralSize: o?.maxLiteralSize ?? d.maxLiteralSize,
    maxFrameSize: o?.maxFrameSize ?? d.maxFrameSize,
    maxDepth: o?.maxDepth ?? d.maxDepth,
  };
}
