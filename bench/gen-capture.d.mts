/** Types of gen-capture.mjs for the tests. */
export function generateCapture(
  PcapWriter: new () => {
    header(): Uint8Array;
    connect(client: { address: string; port: number }, server: { address: string; port: number }, options?: { time?: number }): { id: number; bytes: Uint8Array };
    send(id: number, direction: 'client' | 'server', data: Uint8Array, time?: number): Uint8Array;
    close(id: number, time?: number): Uint8Array;
  },
  options: { bytes: number; concurrent?: number; bodySize?: number; write: (chunk: Uint8Array) => void; start?: number },
): { bytes: number; sessions: number; commands: number };
