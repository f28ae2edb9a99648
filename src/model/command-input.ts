import type { Command } from './command.js';
import type { SequenceSet } from './sequence-set.js';
import type { FetchAtt, FetchItems } from './fetch-att.js';

/**
 * FETCH items as a client writes them by hand: the model's
 * {@link FetchItems}, a string holding a macro, one item or a
 * parenthesized list (`'FAST'`, `'BODY.PEEK[]'`, `'(UID FLAGS)'`), or a
 * list whose elements are items or item strings.
 *
 * @example
 * const a: FetchItemsInput = ['UID', 'FLAGS', 'BODY.PEEK[HEADER.FIELDS (Subject)]'];
 * const b: FetchItemsInput = 'FAST';
 */
export type FetchItemsInput = FetchItems | string | readonly (FetchAtt | string)[];

type Simplify<T> = { [K in keyof T]: T[K] } & {};

/** One command variant as input: no tag, `uid` optional, `set` also a string, FETCH items also strings. */
type InputOf<C> = Simplify<
  {
    [K in keyof C as K extends 'tag' | 'uid' ? never : K]: K extends 'set'
      ? SequenceSet | string
      : K extends 'items'
        ? C extends { type: 'FETCH' }
          ? FetchItemsInput
          : C[K]
        : C[K];
  } & { tag?: string } & (C extends { uid: boolean } ? { uid?: boolean } : unknown)
>;

/**
 * A command as a client builds it: the {@link Command} union without
 * the need for a `tag` (give it to `encodeCommand` / `serializeCommand`
 * with the `tag` option, or keep it here), `uid` optional where it is a
 * flag (absent is `false`), sequence sets also as strings (`'1:*'`,
 * `'1,3:5'`, `'$'`) and FETCH items also as names (`['UID', 'FLAGS']`).
 * Every `Command` is a `CommandInput`; {@link toCommand} turns one into
 * the `Command` it stands for.
 *
 * @example
 * const c: CommandInput = { type: 'FETCH', uid: true, set: '1:*', items: ['UID', 'FLAGS', 'BODY.PEEK[]'] };
 * serializeCommand(c, { tag: 'A7' }); // 'A7 UID FETCH 1:* (UID FLAGS BODY.PEEK[])\r\n'
 */
export type CommandInput = Command extends infer C ? (C extends unknown ? InputOf<C> : never) : never;

/**
 * The input variant of one command type.
 *
 * @example
 * const s: CommandInputOf<'SELECT'> = { type: 'SELECT', mailbox: 'Entwürfe' };
 */
export type CommandInputOf<T extends Command['type']> = CommandInput extends infer C
  ? C extends { type: infer U }
    ? T extends U
      ? C
      : never
    : never
  : never;
