import { WebSocket } from 'ws';
import { until } from './dbHarness.ts';

/** The SDK's frame size (WEBSOCKET_MAX_FRAME_SIZE): longer messages go as a count then frames. */
export const FRAME_SIZE = 16384;

export type RawResponse = { s: string; d: unknown };

/** A raw protocol client, for what the SDK never sends. */
export type RawClient = {
  ws: WebSocket;
  /** Every message received, parsed (multi-frame messages reassembled). */
  messages: unknown[];
  /** Responses by request number. */
  responses: Map<number, RawResponse>;
  /** Texts of control errors `{t:'c',d:{t:'e',d}}` received so far. */
  controlErrors: string[];
  /** Resolves with the first message matching `pred`. */
  next: (pred: (m: unknown) => boolean, ms?: number) => Promise<unknown>;
  /** Sends one text frame as is. */
  sendRaw: (text: string) => void;
  /** Sends text the way the SDK does: one frame, or a frame count then 16 KB frames. */
  sendFramed: (text: string) => void;
  /** Sends a data request `{t:'d',d:{r,a,b}}` and resolves with its response. */
  request: (action: string, body: Record<string, unknown>, ms?: number) => Promise<RawResponse>;
  /** Allocates a request number without sending anything. */
  nextR: () => number;
  /** Waits until `n` control errors have arrived in total and returns the n-th. */
  controlError: (n: number, ms?: number) => Promise<string>;
  closed: () => boolean;
  close: () => Promise<void>;
};

export async function rawClient(port: number, ns = 'test-ns'): Promise<RawClient> {
  const ws = new WebSocket(`ws://127.0.0.1:${port}/.ws?v=5&ns=${ns}`);
  const messages: unknown[] = [];
  const responses = new Map<number, RawResponse>();
  const controlErrors: string[] = [];
  let frames: string[] | null = null;
  let expected = 0;
  let isClosed = false;
  const onMessage = (msg: unknown): void => {
    messages.push(msg);
    const m = msg as { t?: unknown; d?: { t?: unknown; d?: unknown; r?: unknown; b?: unknown } };
    if (m.t === 'c' && m.d?.t === 'e') controlErrors.push(String(m.d.d));
    if (m.t === 'd' && typeof m.d?.r === 'number') responses.set(m.d.r, m.d.b as RawResponse);
  };
  ws.on('message', (data) => {
    const text = data.toString();
    if (frames === null && /^\d{1,6}$/.test(text)) {
      frames = [];
      expected = Number(text);
      return;
    }
    if (frames !== null) {
      frames.push(text);
      if (frames.length < expected) return;
      const whole = frames.join('');
      frames = null;
      onMessage(JSON.parse(whole));
      return;
    }
    onMessage(JSON.parse(text));
  });
  ws.on('close', () => (isClosed = true));
  await new Promise((resolve, reject) => {
    ws.once('open', resolve);
    ws.once('error', reject);
  });
  let r = 0;
  const next = async (pred: (m: unknown) => boolean, ms = 5000): Promise<unknown> => {
    await until(() => messages.some(pred), 'a matching message', ms);
    return messages.find(pred);
  };
  await next((m) => (m as { t?: string; d?: { t?: string } }).t === 'c' && (m as { d: { t?: string } }).d.t === 'h');
  const sendRaw = (text: string): void => ws.send(text);
  const sendFramed = (text: string): void => {
    if (text.length <= FRAME_SIZE) return ws.send(text);
    const count = Math.ceil(text.length / FRAME_SIZE);
    ws.send(String(count));
    for (let i = 0; i < count; i++) ws.send(text.slice(i * FRAME_SIZE, (i + 1) * FRAME_SIZE));
  };
  const request = async (action: string, body: Record<string, unknown>, ms = 10_000): Promise<RawResponse> => {
    const n = ++r;
    sendFramed(JSON.stringify({ t: 'd', d: { r: n, a: action, b: body } }));
    await until(() => responses.has(n) || isClosed, `response to request ${n} (${action})`, ms);
    const res = responses.get(n);
    if (res === undefined) throw new Error(`connection closed before request ${n} (${action}) was answered`);
    return res;
  };
  const controlError = async (n: number, ms = 5000): Promise<string> => {
    await until(() => controlErrors.length >= n, `control error #${n}`, ms);
    return controlErrors[n - 1] as string;
  };
  const close = async (): Promise<void> => {
    if (isClosed) return;
    const done = new Promise((resolve) => ws.once('close', resolve));
    ws.close();
    await done;
  };
  return { ws, messages, responses, controlErrors, next, sendRaw, sendFramed, request, nextR: () => ++r, controlError, closed: () => isClosed, close };
}
