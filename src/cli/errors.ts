/**
 * The one error the command line reports as "could not do its job"
 * (exit status 2): bad arguments, an unreadable input, a file that is not a
 * capture. Its message is one sentence for a person, printed after
 * `imapwire: `; nothing else (no stack) is shown.
 *
 * @example
 * throw new CliError('unknown format "xml" (use text, json, junit, sarif or github).');
 */
export class CliError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'CliError';
  }
}

/**
 * One sentence for any thrown value, for the top-level catch: a
 * {@link CliError}'s own message, a Node system error described by its
 * code and path, anything else by its message.
 *
 * @example
 * sentence(Object.assign(new Error('x'), { code: 'ENOENT', path: 'a.pcap' })); // 'cannot read a.pcap: no such file.'
 */
export function sentence(err: unknown): string {
  if (err instanceof CliError) return err.message;
  const e = err as { code?: unknown; path?: unknown; message?: unknown } | null;
  if (e !== null && typeof e === 'object' && typeof e.code === 'string') {
    const what = typeof e.path === 'string' ? e.path : 'the input';
    const why = SYSTEM_ERRORS[e.code];
    if (why !== undefined) return `cannot read ${what}: ${why}.`;
    if (e.code === 'EPIPE') return 'the output was closed.';
  }
  const msg = e !== null && typeof e === 'object' && typeof e.message === 'string' ? e.message : String(err);
  return oneLine(msg);
}

const SYSTEM_ERRORS: Record<string, string> = {
  ENOENT: 'no such file',
  EACCES: 'permission denied',
  EISDIR: 'it is a directory',
  EMFILE: 'too many open files',
  EIO: 'input/output error',
};

/** The first line of a message, ending with a full stop. */
export function oneLine(msg: string): string {
  const first = msg.split(/\r?\n/, 1)[0]!.trim();
  if (first === '') return 'an unexpected error occurred.';
  return /[.!?]$/.test(first) ? first : first + '.';
}
