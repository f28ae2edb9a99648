/**
 * The RFC texts the tests extract their examples from, kept in the
 * repository (test/rfc/, byte for byte as published; see its README) so a
 * fresh clone runs every test.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

export const RFC_DIR = fileURLToPath(new URL('./rfc/', import.meta.url));

/** The text of `rfcNNNN` (no ".txt"), without a leading byte-order mark. */
export function readRfc(name: string): string {
  return readFileSync(new URL(`./rfc/${name}.txt`, import.meta.url), 'utf8').replace(/^\uFEFF/, '');
}
