/**
 * A small WebSocket-to-TCP bridge for the browser test (RFC 6455, just
 * what a byte pipe needs): it listens on 127.0.0.1, and for each WebSocket
 * opens a TCP connection to the IMAP server and pipes bytes both ways
 * (client data frames of any opcode to TCP, TCP data as binary frames).
 * Node 20 has a WebSocket client but no server; this is the whole server.
 */
import http from 'node:http';
import net from 'node:net';
import { createHash } from 'node:crypto';

const GUID = '258EAFA5-E914-47DA-95CA-C5AB0DC85B11';

export interface Bridge {
  url: string;
  /** Bytes piped each way, over all connections. */
  stats: { toServer: number; toClient: number; connections: number };
  close(): Promise<void>;
}

function frame(opcode: number, payload: Uint8Array): Buffer {
  const n = payload.length;
  const head = n < 126 ? Buffer.from([0x80 | opcode, n]) : n < 65536 ? Buffer.from([0x80 | opcode, 126, n >> 8, n & 255]) : Buffer.alloc(10);
  if (n >= 65536) {
    head[0] = 0x80 | opcode;
    head[1] = 127;
    head.writeBigUInt64BE(BigInt(n), 2);
  }
  return Buffer.concat([head, payload]);
}

/** Start a bridge to `imapHost:imapPort`. */
export function startBridge(imapHost: string, imapPort: number): Promise<Bridge> {
  const stats = { toServer: 0, toClient: 0, connections: 0 };
  const sockets = new Set<net.Socket>();
  const server = http.createServer((_req, res) => res.writeHead(426).end());
  server.on('upgrade', (req, socket: net.Socket) => {
    sockets.add(socket);
    const key = req.headers['sec-websocket-key'];
    if (typeof key !== 'string') return socket.destroy();
    const accept = createHash('sha1').update(key + GUID).digest('base64');
    socket.write(`HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Accept: ${accept}\r\n\r\n`);
    stats.connections++;
    const imap = net.connect({ host: imapHost, port: imapPort });
    sockets.add(imap);
    imap.on('data', (b) => {
      stats.toClient += b.length;
      socket.write(frame(2, b));
    });
    imap.on('close', () => socket.end(frame(8, new Uint8Array(0))));
    imap.on('error', () => socket.destroy());
    socket.on('close', () => imap.destroy());
    socket.on('error', () => imap.destroy());
    let buf = Buffer.alloc(0);
    socket.on('data', (chunk: Buffer) => {
      buf = Buffer.concat([buf, chunk]);
      for (;;) {
        if (buf.length < 2) return;
        const opcode = buf[0] & 0x0f;
        let len = buf[1] & 0x7f;
        let at = 2;
        if (len === 126) {
          if (buf.length < 4) return;
          len = buf.readUInt16BE(2);
          at = 4;
        } else if (len === 127) {
          if (buf.length < 10) return;
          len = Number(buf.readBigUInt64BE(2));
          at = 10;
        }
        const masked = (buf[1] & 0x80) !== 0;
        const end = at + (masked ? 4 : 0) + len;
        if (buf.length < end) return;
        const payload = Buffer.from(buf.subarray(end - len, end));
        if (masked) for (let i = 0; i < len; i++) payload[i] ^= buf[at + (i & 3)];
        buf = buf.subarray(end);
        if (opcode === 8) {
          socket.end(frame(8, new Uint8Array(0)));
          imap.end();
          return;
        }
        if (opcode === 9) socket.write(frame(10, payload));
        else if (opcode <= 2) {
          stats.toServer += payload.length;
          imap.write(payload);
        }
      }
    });
  });
  return new Promise((resolve) => {
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      resolve({
        url: `ws://127.0.0.1:${port}/`,
        stats,
        close: () =>
          new Promise<void>((done) => {
            for (const s of sockets) s.destroy();
            server.close(() => done());
          }),
      });
    });
  });
}
