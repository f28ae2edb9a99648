/// <reference types="node" />
/**
 * Heap sizing for the command. V8's young generation starts with a 1 MB
 * semi-space and doubles it (up to 16 MB) while many objects survive a
 * scavenge; the old generation grows up to four times before its next full
 * collection. Left alone, a long capture takes the process well over
 * 100 MB. Held at 1 MB, the young generation is scavenged so often that
 * collection was a third of the CPU time. The middle course: let the
 * semi-space grow to {@link SEMI_SPACE_TARGET}, then stop its growth, and
 * let the old generation grow by half at most. `--max-semi-space-size`
 * would say this in one flag, but V8 reads it only when it sets up the
 * heap, before a `bin` script runs; the two flags used here are read each
 * time the heap resizes, so setting them from inside the process works.
 */
import v8 from 'node:v8';

/**
 * The new-space size at which growth stops (bytes). V8 reports the new
 * space as both its semi-spaces, so this is a 4 MB semi-space (a
 * scavenge about every 3.4 MB allocated). A 16 MB new space halved the
 * scavenges on the 100 MB capture but not their total pause (each one
 * copies the same survivors) and took peak RSS to 101 MB; 32 MB, 124 MB.
 */
export const SEMI_SPACE_TARGET = 8 * 1024 * 1024;

let held = false;

/**
 * Sets the heap flags at start-up.
 *
 * @example
 * startHeapSizing();
 */
export function startHeapSizing(): void {
  v8.setFlagsFromString('--heap-growing-percent=50');
}

/**
 * Called between input chunks: once the young generation has reached its
 * target size, stops it from growing further. Cheap after that.
 *
 * @example
 * for await (const chunk of input.chunks()) { checkHeapSizing(); handle(chunk); }
 */
export function checkHeapSizing(): void {
  if (held) return;
  for (const s of v8.getHeapSpaceStatistics()) {
    if (s.space_name === 'new_space' && s.space_size >= SEMI_SPACE_TARGET) {
      v8.setFlagsFromString('--semi-space-growth-factor=1');
      held = true;
    }
  }
}
