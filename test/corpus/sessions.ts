/**
 * The RFC sample sessions, built from the S: / C: extractors of
 * test/responses/rfc-examples.ts and test/commands/rfc-examples.ts: one
 * session file pair per RFC (every example of the RFC, in text order),
 * plus the §8 sample connections of RFC 3501 and RFC 9051 on their own.
 */
import { extractServerExamples, EXAMPLE_RFCS } from '../responses/rfc-examples.js';
import { extractExamples, RFC_FILES } from '../commands/rfc-examples.js';

export interface Session {
  name: string;
  /** Frames in order; the stream is their concatenation (UTF-8 of the extracted text). */
  server: string[];
  client: string[];
}

/** §8 "Sample IMAP4rev1/rev2 connection": the line ranges in the RFC texts. */
const SECTION_8: Record<string, [number, number]> = { rfc3501: [4431, 4487], rfc9051: [6202, 6267] };

export function rfcSessions(): Session[] {
  const rfcs = [...new Set([...EXAMPLE_RFCS, ...RFC_FILES])].sort();
  const out: Session[] = [];
  for (const rfc of rfcs) {
    const server = EXAMPLE_RFCS.includes(rfc) ? extractServerExamples(rfc) : [];
    const client = RFC_FILES.includes(rfc) ? extractExamples(rfc) : [];
    out.push({ name: rfc, server: server.map((e) => e.frame), client: client.map((e) => e.wire) });
    const s8 = SECTION_8[rfc];
    if (s8 !== undefined) {
      const inside = (line: number) => line >= s8[0] && line < s8[1];
      out.push({ name: `${rfc}-section8`, server: server.filter((e) => inside(e.line)).map((e) => e.frame), client: client.filter((e) => inside(e.line)).map((e) => e.wire) });
    }
  }
  return out;
}
