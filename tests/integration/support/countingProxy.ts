/**
 * A loopback TCP proxy in front of the local database server that reads the WebSocket frames the
 * server sends to an SDK client and records which records arrived: what a client really
 * downloaded, whatever the SDK then shows. Frames from the server are unmasked and the server
 * negotiates no compression, so the protocol's JSON is read as it is sent; messages longer than
 * the protocol's frame size come as a count, then the parts (as tests/integration/support/rawWs.ts
 * reassembles them).
 */
import { createServer, connect, type AddressInfo, type Server, type Socket } from 'node:net';

export type CountingProxy = {
  readonly port: number;
  /** Bytes received from the server so far (all connections). */
  bytes(): number;
  /** Every record key (matching the proxy's pattern) seen in what the server sent, with repeats, in order. */
  keys(): string[];
  /** Forgets what was seen so far. */
  reset(): void;
  close(): Promise<void>;
};

/** Reads server→client WebSocket frames from a byte stream, after the HTTP upgrade response. */
class FrameReader {
  private buf = Buffer.alloc(0);
  private isUpgraded = false;
  private parts: Buffer[] = [];
  constructor(private readonly onText: (text: string) => void) {}

  push(chunk: Buffer): void {
    this.buf = Buffer.concat([this.buf, chunk]);
    if (!this.isUpgraded) {
      const end = this.buf.indexOf('\r\n\r\n');
      if (end < 0) return;
      this.buf = this.buf.subarray(end + 4);
      this.isUpgraded = true;
    }
    for (;;) {
      if (this.buf.length < 2) return;
      const b0 = this.buf[0] as number;
      const b1 = this.buf[1] as number;
      let len = b1 & 0x7f;
      let at = 2;
      if (len === 126) {
        if (this.buf.length < 4) return;
        len = this.buf.readUInt16BE(2);
        at = 4;
      } else if (len === 127) {
        if (this.buf.length < 10) return;
        len = Number(this.buf.readBigUInt64BE(2));
        at = 10;
      }
      const isMasked = (b1 & 0x80) !== 0;
      if (isMasked) at += 4; // not sent by a server; skipped to stay in step
      if (this.buf.length < at + len) return;
      const payload = this.buf.subarray(at, at + len);
      this.buf = this.buf.subarray(at + len);
      const opcode = b0 & 0x0f;
      if (opcode === 1 || opcode === 0) {
        this.parts.push(payload);
        if ((b0 & 0x80) !== 0) {
          this.onText(Buffer.concat(this.parts).toString('utf8'));
          this.parts = [];
        }
      }
    }
  }
}

/** Starts a proxy to the server on `targetPort` that records keys matching `keyPattern` in what the server sends. */
export async function countingProxy(targetPort: number, keyPattern: RegExp): Promise<CountingProxy> {
  let bytes = 0;
  let keys: string[] = [];
  const sockets = new Set<Socket>();

  const walk = (value: unknown): void => {
    if (typeof value !== 'object' || value === null) return;
    for (const [k, v] of Object.entries(value)) {
      if (keyPattern.test(k)) keys.push(k);
      walk(v);
    }
  };
  const onMessage = (msg: unknown): void => {
    const b = (msg as { t?: string; d?: { b?: { p?: unknown; d?: unknown } } }).d?.b;
    if ((msg as { t?: string }).t !== 'd' || b === undefined) return;
    // A push names its path (`sent/s-004` when one record changes) and carries the data below it.
    if (typeof b.p === 'string') for (const seg of b.p.split('/')) if (keyPattern.test(seg)) keys.push(seg);
    walk(b.d);
  };

  const server: Server = createServer((client) => {
    const upstream = connect(targetPort, '127.0.0.1');
    sockets.add(client).add(upstream);
    let expected = 0;
    let frames: string[] | null = null;
    const reader = new FrameReader((text) => {
      if (frames === null && /^\d{1,6}$/.test(text)) {
        frames = [];
        expected = Number(text);
        return;
      }
      if (frames !== null) {
        frames.push(text);
        if (frames.length < expected) return;
        text = frames.join('');
        frames = null;
      }
      onMessage(JSON.parse(text));
    });
    upstream.on('data', (chunk: Buffer) => {
      bytes += chunk.length;
      reader.push(chunk);
      client.write(chunk);
    });
    client.on('data', (chunk: Buffer) => upstream.write(chunk));
    const end = (): void => {
      client.destroy();
      upstream.destroy();
    };
    client.on('close', end).on('error', end);
    upstream.on('close', end).on('error', end);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    port: (server.address() as AddressInfo).port,
    bytes: () => bytes,
    keys: () => [...keys],
    reset: () => {
      bytes = 0;
      keys = [];
    },
    close: async () => {
      for (const s of sockets) s.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
