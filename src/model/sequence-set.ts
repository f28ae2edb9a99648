/**
 * A message sequence number or UID, or `*` (the largest one in use).
 * RFC 9051 §9 `seq-number`.
 *
 * @example
 * const last: SeqNumber = '*';
 */
export type SeqNumber = number | '*';

/**
 * One element of a sequence set: a number, `*`, or a range `[from, to]`
 * kept in the order it was written (`4:2` stays `[4, 2]`).
 *
 * @example
 * const items: SequenceItem[] = [1, [3, 5], [7, '*']]; // 1,3:5,7:*
 */
export type SequenceItem = SeqNumber | readonly [SeqNumber, SeqNumber];

/**
 * RFC 9051 §9 `sequence-set`, or `$`: the result of the last SEARCH saved
 * with `RETURN (SAVE)` (RFC 5182).
 *
 * @example
 * const all: SequenceSet = [[1, '*']];   // 1:*
 * const saved: SequenceSet = '$';
 */
export type SequenceSet = readonly SequenceItem[] | '$';
