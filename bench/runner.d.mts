/** Types of runner.mjs for the tests (the parts they use). */
export function allocated<T>(run: () => T | Promise<T>, options?: { repeat?: number }): Promise<{ bytes: number; gcs: number; result: T }>;
