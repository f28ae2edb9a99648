/** Types of types.mjs for the tests. */
export interface TypeWorkload {
  key: string;
  name: string;
  label: string;
  bytes: Uint8Array;
  responses: number;
  /** Responses of each kind: the response type, or `tagged OK|NO|BAD`. */
  types: Record<string, number>;
}
export function typeWorkloads(only?: (key: string) => boolean, options?: { bytes?: number }): TypeWorkload[];
