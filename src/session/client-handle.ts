import type { CommandFailure, CommandInput, Completion } from './client-types.js';

/**
 * A command that did not complete with OK: the failure kind, the tag, the
 * completion when the server answered (NO / BAD), and the cause for
 * `parse` and `encode` failures.
 *
 * @example
 * try { await session.command({ type: 'SELECT', mailbox: 'Nope' }); }
 * catch (e) { if (e instanceof CommandError && e.failure === 'no') console.log(e.completion?.tagged.text); }
 */
export class CommandError extends Error {
  readonly failure: CommandFailure;
  readonly tag: string;
  readonly completion: Completion | undefined;
  override readonly cause: unknown;

  constructor(failure: CommandFailure, tag: string, message: string, completion?: Completion, cause?: unknown) {
    super(`${tag}: ${message}`);
    this.name = 'CommandError';
    this.failure = failure;
    this.tag = tag;
    this.completion = completion;
    this.cause = cause;
  }
}

type Listener = { ok: (c: Completion) => void; fail: (e: CommandError) => void };

/**
 * One submitted command: its tag, and a Promise-like that resolves with
 * its {@link Completion} on OK and rejects with a {@link CommandError}
 * otherwise. The promise is made only when `then` / `catch` is called, so a
 * command nobody awaits never becomes an unhandled rejection; `settled`,
 * `completion` and `error` can be read synchronously instead.
 *
 * @example
 * const h = session.command({ type: 'NOOP' });
 * h.tag;            // 'A3'
 * const done = await h;
 */
export class CommandHandle implements PromiseLike<Completion> {
  readonly tag: string;
  readonly command: CommandInput;
  private result: { ok: true; value: Completion } | { ok: false; error: CommandError } | undefined;
  private listeners: Listener[] = [];

  constructor(tag: string, command: CommandInput) {
    this.tag = tag;
    this.command = command;
  }

  /** True once the command completed or failed. */
  get settled(): boolean {
    return this.result !== undefined;
  }

  /** The completion (OK, or the NO / BAD the server answered), once there is one. */
  get completion(): Completion | undefined {
    if (this.result === undefined) return undefined;
    return this.result.ok ? this.result.value : this.result.error.completion;
  }

  /** The failure, when the command did not complete with OK. */
  get error(): CommandError | undefined {
    return this.result !== undefined && !this.result.ok ? this.result.error : undefined;
  }

  then<A = Completion, B = never>(
    onfulfilled?: ((value: Completion) => A | PromiseLike<A>) | null,
    onrejected?: ((reason: unknown) => B | PromiseLike<B>) | null,
  ): Promise<A | B> {
    return new Promise<Completion>((ok, fail) => this.listen({ ok, fail })).then(onfulfilled, onrejected);
  }

  /** Like `Promise.prototype.catch`. */
  catch<B = never>(onrejected: (reason: unknown) => B | PromiseLike<B>): Promise<Completion | B> {
    return this.then(undefined, onrejected);
  }

  /** @internal */
  resolve(value: Completion): void {
    this.settle({ ok: true, value });
  }

  /** @internal */
  reject(error: CommandError): void {
    this.settle({ ok: false, error });
  }

  private listen(l: Listener): void {
    if (this.result === undefined) this.listeners.push(l);
    else if (this.result.ok) l.ok(this.result.value);
    else l.fail(this.result.error);
  }

  private settle(r: NonNullable<CommandHandle['result']>): void {
    if (this.result !== undefined) return;
    this.result = r;
    const ls = this.listeners;
    this.listeners = [];
    for (const l of ls) this.listen(l);
  }
}

/**
 * The handle of an IDLE command (RFC 2177, RFC 9051 §6.3.13): `done()`
 * ends it (the session writes `DONE` once the server's `+` has come, at
 * once if it has), and the handle completes with the server's OK.
 *
 * @example
 * const idle = session.idle();
 * // ... unsolicited events arrive while idling ...
 * idle.done();
 * await idle;
 */
export class IdleHandle extends CommandHandle {
  /** @internal set by the session */
  onDone: (() => void) | undefined;
  private doneRequested = false;
  private acceptedValue: boolean | undefined;
  private acceptWaiters: ((ok: boolean) => void)[] = [];

  /** Resolves with true when the server accepted the IDLE (its `+`), false when the command ended without it. */
  accepted(): Promise<boolean> {
    if (this.acceptedValue !== undefined) return Promise.resolve(this.acceptedValue);
    return new Promise((ok) => this.acceptWaiters.push(ok));
  }

  /** @internal */
  accept(ok: boolean): void {
    if (this.acceptedValue !== undefined) return;
    this.acceptedValue = ok;
    for (const w of this.acceptWaiters.splice(0)) w(ok);
  }

  override resolve(value: Completion): void {
    this.accept(false);
    super.resolve(value);
  }

  override reject(error: CommandError): void {
    this.accept(false);
    super.reject(error);
  }

  /** True once `done()` was called. */
  get ending(): boolean {
    return this.doneRequested;
  }

  /** End the IDLE: write `DONE` (now, or right after the server's `+`). */
  done(): void {
    if (this.doneRequested) return;
    this.doneRequested = true;
    this.onDone?.();
  }
}
