import type { BodyStructure } from '../model/body.js';

/**
 * One addressable part of a message: its RFC 3501 §6.4.5 / RFC 9051
 * §6.4.5 part number (`'4.2.1'`, as used in `BODY[4.2.1]`), the same as
 * numbers, and the body describing it.
 *
 * @example
 * const p: MessagePart = listParts(bs)[0]; // { part: '1', path: [1], body: { type: 'text', ... } }
 */
export interface MessagePart {
  part: string;
  path: number[];
  body: BodyStructure;
}

/**
 * Every part of a BODYSTRUCTURE that has a part number, in wire order
 * (pre-order). The rules (RFC 3501 §6.4.5):
 *
 * - a message that is not multipart has one part, `1`;
 * - the children of a multipart are numbered 1, 2, ... under its number;
 *   the top-level multipart itself has no number (it is `TEXT`);
 * - the body of a MESSAGE/RFC822 part `3` is numbered like a whole
 *   message below `3`: a multipart body's children are 3.1, 3.2, ..., and
 *   a non-multipart body is `3.1` (not `3`, which is the message part
 *   itself); a multipart body of a message part has no number of its own
 *   (it is `3.TEXT`).
 *
 * Iterative, so any depth the reader accepted is fine.
 *
 * @example
 * listParts(bs).map((p) => p.part); // ['1', '2', '3', '3.1', '3.2', '4', '4.1', ...]
 */
export function listParts(body: BodyStructure): MessagePart[] {
  const out: MessagePart[] = [];
  // Stack of [body, path, numbered]: `numbered` is false for a multipart
  // that is a message's own body (top level or inside MESSAGE/RFC822).
  const stack: [BodyStructure, number[], boolean][] = [[body, [], false]];
  while (stack.length > 0) {
    const [b, path, numbered] = stack.pop() as [BodyStructure, number[], boolean];
    if (!numbered) {
      // A message body: a multipart's children are 1, 2, ...; a single part is 1.
      if (b.type === 'multipart') pushChildren(stack, b.parts, path);
      else stack.push([b, [...path, 1], true]);
      continue;
    }
    out.push({ part: path.join('.'), path, body: b });
    if (b.type === 'multipart') pushChildren(stack, b.parts, path);
    else if (b.type === 'message') stack.push([b.body, path, false]);
  }
  return out;
}

function pushChildren(stack: [BodyStructure, number[], boolean][], parts: readonly BodyStructure[], path: number[]): void {
  for (let i = parts.length - 1; i >= 0; i--) stack.push([parts[i], [...path, i + 1], true]);
}

/**
 * The body of part `part` (`'4.2.1'` or `[4, 2, 1]`), or undefined when there is no such part.
 *
 * @example
 * findPart(bs, '2.1')?.type // 'text'
 */
export function findPart(body: BodyStructure, part: string | readonly number[]): BodyStructure | undefined {
  const want = typeof part === 'string' ? part : part.join('.');
  for (const p of listParts(body)) if (p.part === want) return p.body;
  return undefined;
}

/**
 * The media type of a body as `type/subtype`, lower case (`'text/plain'`,
 * `'multipart/alternative'`, `'message/rfc822'`).
 *
 * @example
 * mediaType(findPart(bs, '1')!) // 'text/plain'
 */
export function mediaType(body: BodyStructure): string {
  const type = body.type === 'multipart' ? 'multipart' : body.mediaType;
  return `${type}/${body.subtype}`.toLowerCase();
}

function typeMatcher(type: string): (body: BodyStructure) => boolean {
  const want = type.trim().toLowerCase();
  if (want.endsWith('/*')) {
    const prefix = want.slice(0, -1);
    return (b) => mediaType(b).startsWith(prefix);
  }
  return (b) => mediaType(b) === want;
}

/**
 * Every numbered part whose media type is `type` (case-insensitive;
 * `'text/*'` matches any subtype), in wire order.
 *
 * @example
 * findPartsByType(bs, 'image/*').map((p) => p.part) // ['2', '3.2']
 */
export function findPartsByType(body: BodyStructure, type: string): MessagePart[] {
  const match = typeMatcher(type);
  return listParts(body).filter((p) => match(p.body));
}

/**
 * The first numbered part whose media type is `type` (case-insensitive;
 * `'text/*'` matches any subtype), or undefined. Its `part` is what
 * `BODY[...]` takes.
 *
 * @example
 * const plain = findPartByType(bs, 'text/plain'); // { part: '1.1', path: [1, 1], body: { type: 'text', ... } }
 */
export function findPartByType(body: BodyStructure, type: string): MessagePart | undefined {
  const match = typeMatcher(type);
  return listParts(body).find((p) => match(p.body));
}
