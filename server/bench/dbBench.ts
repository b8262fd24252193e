/**
 * Throughput, latency and memory benchmark of the local Realtime Database server. Not a test: it
 * prints figures, says PASS or MISS per target, and exits non-zero only when something breaks.
 *
 *   npm run bench:db -- [--rate 1000] [--seconds 10] [--warmup 2] [--clients 20] [--procs 1]
 *                       [--data-mb 10] [--order-share 0] [--stock-watchers 0] [--orders-watchers 0]
 *                       [--stock-queries 0] [--server-prof DIR] [--client-prof DIR] [--no-gc] [--keep]
 *
 * Processes: the server runs as `node --inspect=127.0.0.1:0 --import tsx server/cli.ts --port 0 ...`
 * (so the child's pid is the server itself: its RSS and CPU time are read from /proc, and a full GC
 * can be forced over the loopback inspector before memory is read). The SDK clients run in --procs
 * forked processes (clients spread round-robin; default one, since on a 2-core machine every
 * extra client process costs CPU the server then waits for), and client CPU never counts as server CPU.
 *
 * Steps:
 *   1. start the server on an empty data folder: "empty server" RSS (after a forced GC);
 *   2. seed ~--data-mb MB over REST as the owner (stock per warehouse, orders with lines, customers,
 *      products); the data's JSON size is the length of GET /.json;
 *   3. connect --clients SDK clients (one app and WebSocket each) listening on overlapping paths:
 *        every client   onChildChanged  /stock/<warehouse c mod 10>   (observes writes)
 *        every client   onValue /stock/<warehouse c mod 10>  (so two clients share each warehouse)
 *        --stock-watchers clients (default 0, spread)  onValue /stock   (all 10 warehouses)
 *        --orders-watchers clients (default 0, spread) onValue /orders  (the whole order book)
 *        c = 2          orderByChild('updatedAt').limitToLast(50) on /orders, child_added/changed
 *        c = 3..        (--stock-queries of them) orderByChild('updatedAt').limitToLast(50) on a warehouse
 *   4. send writes at --rate per second for --warmup + --seconds, round-robin over all clients: a set
 *      or an update of a random stock item (or, with probability --order-share, an update of an
 *      order's status and updatedAt), each carrying its id, writer and send time
 *      (performance.timeOrigin + performance.now()); each ack is timed, and every OTHER client that
 *      hears the write records when its event arrived;
 *   5. print acknowledged writes/s, write-to-event and ack latency percentiles, CPU and memory.
 *
 * Targets (the spec): >= 1000 acknowledged writes/s with 20 listening clients; write-to-event latency
 * in another client p50 <= 5 ms and p99 <= 50 ms on loopback; server memory <= 3x the data's JSON size.
 */
import { benchRandom } from './benchRandom.ts';
import { execFileSync, fork, spawn, type ChildProcess } from 'node:child_process';
import * as fs from 'node:fs';
import { Session } from 'node:inspector/promises';
import * as os from 'node:os';
import * as path from 'node:path';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { WebSocket } from 'ws';
import { deleteApp, initializeApp, type FirebaseApp } from 'firebase/app';
import {
  connectDatabaseEmulator,
  getDatabase,
  limitToLast,
  onChildAdded,
  onChildChanged,
  onValue,
  orderByChild,
  query,
  ref,
  set,
  update,
  type DataSnapshot,
  type Query,
  type Unsubscribe,
} from 'firebase/database';

const SELF = fileURLToPath(import.meta.url);
const ROOT = path.resolve(path.dirname(SELF), '../..');
const NS = 'bench';
const WAREHOUSES = 10;
const SKUS_PER_WAREHOUSE = 1000;
const TARGET = { writesPerSecond: 1000, p50Ms: 5, p99Ms: 50, memoryRatio: 3 };

const now = (): number => performance.timeOrigin + performance.now();
const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

const warehouseIds = Array.from({ length: WAREHOUSES }, (_, i) => `wh-${String(i + 1).padStart(2, '0')}`);
const skuIds = Array.from({ length: SKUS_PER_WAREHOUSE }, (_, i) => `sku-${String(i + 1).padStart(5, '0')}`);

/** A well-mixed 32-bit hash of a write id: picks its kind and target in every process alike. */
function mix(id: number, salt: number): number {
  let h = (id ^ (salt * 0x9e3779b9)) >>> 0;
  h = Math.imul(h ^ (h >>> 16), 0x85ebca6b) >>> 0;
  h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35) >>> 0;
  return (h ^ (h >>> 16)) >>> 0;
}
const isOrderWrite = (id: number, share: number) => mix(id, 1) % 100000 < share * 100000;

type Obj = { [key: string]: unknown };

// ---------------------------------------------------------------------------------------------
// Messages between the coordinator and the client processes

type Layout = { stockWatchers: number[]; ordersWatchers: number[]; ordersQuery: number; stockQueries: number };
type InitMsg = { type: 'init'; raw: boolean; port: number; clients: number[]; totalClients: number; orderIds: string[]; stock: Record<string, Obj>; layout: Layout; profile: string | null };
type StartMsg = { type: 'start'; start: number; measureFrom: number; end: number; rate: number; orderShare: number };
type ReadyMsg = { type: 'ready'; listens: number; ms: number };
type DoneMsg = {
  type: 'done';
  /** Flattened (id, sentAt, ackAt) per write this process sent; ackAt -1 when refused. */
  acks: number[];
  errors: string[];
  /** Flattened (id, latency) per event heard for another client's write. */
  deliveries: number[];
  cpuMs: number;
  /** Wall time the CPU figure covers: the window as this process lived it (longer when it fell behind). */
  cpuWindowMs: number;
  /** Main-thread time spent runnable but waiting for a CPU during the window. */
  runQueueMs: number;
  loopP99Ms: number;
  sent: number;
};
type ToWorker = InitMsg | StartMsg | { type: 'exit' };
type FromWorker = ReadyMsg | DoneMsg | { type: 'error'; message: string };

// ---------------------------------------------------------------------------------------------
// Client process: hosts some of the SDK clients, sends their writes and records what they hear.

/** Writes `value` at `path` (a set, or an update of its children) and resolves on the server's ack. */
type Writer = (path: string, value: Obj, isSet: boolean) => Promise<void>;
type ClientSet = { writers: Map<number, Writer>; listens: number; close: () => Promise<void> };

/** The SDK clients of this process (one app, one WebSocket each). */
async function sdkClients(init: InitMsg, deliveries: number[]): Promise<ClientSet> {
  const apps: FirebaseApp[] = [];
  const unsubs: Unsubscribe[] = [];
  const writers = new Map<number, Writer>();
  const ready: Promise<void>[] = [];
  const observe = (observer: number) => (snap: DataSnapshot) => {
    const arrived = now();
    const v = snap.val() as { w?: unknown; by?: unknown; sentAt?: unknown } | null;
    if (v === null || typeof v.w !== 'number' || typeof v.sentAt !== 'number' || v.by === observer) return;
    deliveries.push(v.w, arrived - v.sentAt);
  };
  const firstValue = (q: Query) =>
    ready.push(
      new Promise<void>((resolve) => {
        let done = false;
        unsubs.push(
          onValue(q, () => {
            if (done) return;
            done = true;
            resolve();
          }),
        );
      }),
    );
  const { layout } = init;
  for (const c of init.clients) {
    const app = initializeApp({ projectId: 'demo-doms', databaseURL: `http://127.0.0.1:${init.port}?ns=${NS}` }, `bench-${c}`);
    apps.push(app);
    const db = getDatabase(app);
    connectDatabaseEmulator(db, '127.0.0.1', init.port, { mockUserToken: { sub: `bench-${c}`, user_id: `bench-${c}` } as never });
    writers.set(c, (p, value, isSet) => (isSet ? set(ref(db, p), value) : update(ref(db, p), value)));
    const own = ref(db, `stock/${warehouseIds[c % WAREHOUSES]!}`);
    unsubs.push(onChildChanged(own, observe(c)));
    firstValue(own);
    if (layout.stockWatchers.includes(c)) firstValue(ref(db, 'stock'));
    if (layout.ordersWatchers.includes(c)) firstValue(ref(db, 'orders'));
    if (c === layout.ordersQuery) {
      const recent = query(ref(db, 'orders'), orderByChild('updatedAt'), limitToLast(50));
      unsubs.push(onChildAdded(recent, observe(c)), onChildChanged(recent, observe(c)));
      firstValue(recent);
    }
    if (c >= 3 && c < 3 + layout.stockQueries) {
      firstValue(query(ref(db, `stock/${warehouseIds[(c + 5) % WAREHOUSES]!}`), orderByChild('updatedAt'), limitToLast(50)));
    }
  }
  await Promise.all(ready);
  return {
    writers,
    listens: ready.length,
    close: async () => {
      for (const u of unsubs) u();
      await Promise.all(apps.map((a) => deleteApp(a).catch(() => undefined)));
    },
  };
}

/**
 * A protocol-level client (--raw): speaks the SDK's wire protocol directly over `ws` with the same
 * listens as the SDK clients, but keeps no client-side cache or event machinery. It shows what the
 * server sustains when the clients cost next to nothing; it is not what the spec measures.
 */
class RawClient {
  private r = 0;
  private readonly pending = new Map<number, (b: { s?: unknown; d?: unknown }) => void>();
  private frames: string[] | null = null;
  private expected = 0;

  private constructor(
    private readonly ws: WebSocket,
    private readonly onEvent: (action: string, body: { p?: unknown; d?: unknown; t?: unknown }) => void,
  ) {
    ws.on('message', (data: Buffer) => this.onFrame(data.toString()));
  }

  static async connect(port: number, onEvent: RawClient['onEvent']): Promise<RawClient> {
    const ws = new WebSocket(`ws://127.0.0.1:${port}/.ws?ns=${NS}&v=5`, { maxPayload: 1 << 30 });
    const handshake = new Promise<void>((resolve, reject) => {
      ws.once('message', () => resolve());
      ws.once('error', reject);
    });
    const client = new RawClient(ws, onEvent);
    await handshake;
    return client;
  }

  private onFrame(text: string): void {
    if (this.frames !== null) {
      this.frames.push(text);
      if (this.frames.length < this.expected) return;
      text = this.frames.join('');
      this.frames = null;
    } else if (text.length <= 6 && /^\d+$/.test(text)) {
      const n = Number(text);
      if (n > 1) {
        this.frames = [];
        this.expected = n;
      }
      return;
    }
    const msg = JSON.parse(text) as { t?: string; d?: { r?: number; a?: string; b?: Record<string, unknown> } };
    if (msg.t !== 'd' || msg.d === undefined) return;
    if (typeof msg.d.r === 'number') this.pending.get(msg.d.r)?.(msg.d.b ?? {});
    else if (typeof msg.d.a === 'string') this.onEvent(msg.d.a, msg.d.b ?? {});
  }

  request(action: string, body: object): Promise<void> {
    const r = ++this.r;
    return new Promise<void>((resolve, reject) => {
      this.pending.set(r, (b) => {
        this.pending.delete(r);
        if (b.s === 'ok') resolve();
        else reject(new Error(`${action} refused: ${String(b.s)} ${JSON.stringify(b.d)}`));
      });
      this.ws.send(JSON.stringify({ t: 'd', d: { r, a: action, b: body } }));
    });
  }

  close(): void {
    this.ws.close();
  }
}

async function rawClients(init: InitMsg, deliveries: number[]): Promise<ClientSet> {
  const writers = new Map<number, Writer>();
  const clients: RawClient[] = [];
  const listens: Promise<void>[] = [];
  const { layout } = init;
  const b64 = (o: object) => Buffer.from(JSON.stringify(o)).toString('base64url');
  const recentQuery = { i: 'updatedAt', l: 50, vf: 'r' };
  for (const c of init.clients) {
    const own = `/stock/${warehouseIds[c % WAREHOUSES]!}`;
    const ordersTag = c === layout.ordersQuery ? 1 : -1;
    const onEvent = (_a: string, b: { p?: unknown; d?: unknown; t?: unknown }) => {
      const arrived = now();
      const p = typeof b.p === 'string' ? b.p : '';
      // Observe what the SDK client observes: children of its own warehouse, and the orders query.
      if (!(b.t === ordersTag || (b.t === undefined && (p === own || p.startsWith(own + '/'))))) return;
      const found: Obj[] = [];
      const d = b.d;
      if (typeof d === 'object' && d !== null) {
        if (typeof (d as Obj)['w'] === 'number') found.push(d as Obj);
        else for (const v of Object.values(d as Obj)) if (typeof v === 'object' && v !== null && typeof (v as Obj)['w'] === 'number') found.push(v as Obj);
      }
      for (const v of found) if (v['by'] !== c && typeof v['sentAt'] === 'number') deliveries.push(v['w'] as number, arrived - v['sentAt']);
    };
    const client = await RawClient.connect(init.port, onEvent);
    clients.push(client);
    await client.request('auth', { cred: `${b64({ alg: 'none', typ: 'JWT' })}.${b64({ sub: `bench-${c}`, user_id: `bench-${c}` })}.` });
    writers.set(c, (p, value, isSet) => client.request(isSet ? 'p' : 'm', { p, d: value }));
    listens.push(client.request('q', { p: own, h: '' }));
    if (layout.stockWatchers.includes(c)) listens.push(client.request('q', { p: '/stock', h: '' }));
    if (layout.ordersWatchers.includes(c)) listens.push(client.request('q', { p: '/orders', h: '' }));
    if (ordersTag > 0) listens.push(client.request('q', { p: '/orders', q: recentQuery, t: ordersTag, h: '' }));
    if (c >= 3 && c < 3 + layout.stockQueries) listens.push(client.request('q', { p: `/stock/${warehouseIds[(c + 5) % WAREHOUSES]!}`, q: recentQuery, t: 2, h: '' }));
  }
  await Promise.all(listens);
  return {
    writers,
    listens: listens.length - init.clients.length,
    close: async () => {
      for (const c of clients) c.close();
      await sleep(100);
    },
  };
}

async function workerMain(): Promise<void> {
  const sendToParent = (m: FromWorker) => process.send!(m);
  const init = await new Promise<InitMsg>((resolve) => process.once('message', (m: ToWorker) => resolve(m as InitMsg)));
  const deliveries: number[] = [];
  const t0 = now();
  const clients = await (init.raw ? rawClients(init, deliveries) : sdkClients(init, deliveries));
  sendToParent({ type: 'ready', listens: clients.listens + init.clients.length, ms: now() - t0 });

  const start = await new Promise<StartMsg>((resolve) => process.once('message', (m: ToWorker) => resolve(m as StartMsg)));
  const mine = new Set(init.clients);
  const acks: number[] = [];
  const errors: string[] = [];
  let pending = 0;
  let sent = 0;
  const loop = monitorEventLoopDelay({ resolution: 1 });
  let cpu0 = process.cpuUsage();
  let cpuFrom = now();
  let sched0 = schedOf('self');
  let measuring = false;
  let profiler: Session | null = null;
  if (init.profile !== null) {
    profiler = new Session();
    profiler.connect();
    await profiler.post('Profiler.enable');
  }

  const send = (id: number) => {
    const writer = id % init.totalClients;
    const write = clients.writers.get(writer)!;
    const h = mix(id, 2);
    const sentAt = now();
    const updatedAt = Math.round(sentAt);
    let p: Promise<void>;
    if (isOrderWrite(id, start.orderShare)) {
      const oid = init.orderIds[h % init.orderIds.length]!;
      p = write(`orders/${oid}`, { status: ['picking', 'shipped'][h & 1]!, updatedAt, w: id, by: writer, sentAt }, false);
    } else {
      const key = `${warehouseIds[h % WAREHOUSES]!}/${skuIds[(h >>> 8) % SKUS_PER_WAREHOUSE]!}`;
      const qty = (h >>> 4) % 5000;
      if (id % 2 === 0) p = write(`stock/${key}`, { qty, updatedAt, w: id, by: writer, sentAt }, false);
      else p = write(`stock/${key}`, { ...init.stock[key], qty, updatedAt, w: id, by: writer, sentAt }, true);
    }
    pending++;
    sent++;
    p.then(
      () => {
        pending--;
        acks.push(id, sentAt, now());
      },
      (e: unknown) => {
        pending--;
        acks.push(id, sentAt, -1);
        if (errors.length < 20) errors.push(e instanceof Error ? e.message : String(e));
      },
    );
  };

  let next = 0;
  await new Promise<void>((resolve) => {
    const timer = setInterval(() => {
      const t = now();
      if (!measuring && t >= start.measureFrom) {
        measuring = true;
        loop.enable();
        cpu0 = process.cpuUsage();
        cpuFrom = t;
        sched0 = schedOf('self');
        if (profiler !== null) void profiler.post('Profiler.start');
      }
      const due = Math.floor((Math.min(t, start.end) - start.start) * (start.rate / 1000));
      for (; next < due; next++) if (mine.has(next % init.totalClients)) send(next);
      if (t >= start.end) {
        clearInterval(timer);
        resolve();
      }
    }, 1);
  });
  const cpu = process.cpuUsage(cpu0);
  const cpuWindowMs = now() - cpuFrom;
  const runQueueMs = schedOf('self').waitMs - sched0.waitMs;
  loop.disable();
  if (profiler !== null) {
    const { profile } = await profiler.post('Profiler.stop');
    fs.writeFileSync(init.profile!, JSON.stringify(profile));
    profiler.disconnect();
  }
  const drainStart = now();
  while (pending > 0 && now() - drainStart < 60000) await sleep(10);
  await sleep(1000); // trailing events of other processes' last writes
  sendToParent({
    type: 'done',
    acks,
    errors,
    deliveries,
    cpuMs: (cpu.user + cpu.system) / 1000,
    cpuWindowMs,
    runQueueMs,
    loopP99Ms: loop.percentile(99) / 1e6,
    sent,
  });
  await new Promise<void>((resolve) => process.once('message', () => resolve()));
  await clients.close();
  process.exit(0);
}

// ---------------------------------------------------------------------------------------------
// Seed data (deterministic)

const { rand, pushId, words } = benchRandom(7);

function order(t: number, customers: string[], products: string[]): Obj {
  const lines: Obj = {};
  const count = 1 + rand(8);
  for (let l = 0; l < count; l++) {
    lines[pushId(t + l)] = {
      productId: products[rand(products.length)]!,
      sku: skuIds[rand(skuIds.length)]!,
      name: words(3),
      qty: 1 + rand(50),
      unit: ['case', 'each', 'kg'][rand(3)]!,
      unitPriceCents: 100 + rand(10000),
      note: rand(4) === 0 ? words(6) : 'none',
    };
  }
  return {
    customerId: customers[rand(customers.length)]!,
    warehouse: warehouseIds[rand(WAREHOUSES)]!,
    status: ['draft', 'submitted', 'picking', 'shipped', 'delivered'][rand(5)]!,
    createdAt: t,
    updatedAt: t + rand(100000),
    deliveryAddress: { street: `${rand(999)} ${words(2)} street`, city: words(1), postcode: String(10000 + rand(89999)) },
    notes: words(5 + rand(10)),
    lines,
  };
}

function generate(targetBytes: number): { root: Obj; orderIds: string[]; stock: Record<string, Obj> } {
  const t0 = Date.now();
  const customers = Array.from({ length: 2000 }, (_, i) => pushId(1.6e12 + i));
  const products = Array.from({ length: 5000 }, (_, i) => pushId(1.5e12 + i));
  const root: Obj = { customers: {}, products: {}, stock: {}, orders: {} };
  for (const c of customers) (root['customers'] as Obj)[c] = { name: words(2), email: `${words(1)}@example.com`, phone: String(rand(1e9)) };
  for (const p of products) (root['products'] as Obj)[p] = { name: words(3), sku: `SKU-${rand(1e6)}`, priceCents: rand(10000) };
  const stock: Record<string, Obj> = {};
  for (const w of warehouseIds) {
    const items: Obj = {};
    for (const s of skuIds) {
      const item = { sku: s, name: words(3), qty: rand(5000), reserved: rand(200), bin: `A${rand(40)}-${rand(12)}-${rand(6)}`, reorderAt: 50 + rand(200), updatedAt: t0 - rand(30 * 86400000) };
      items[s] = item;
      stock[`${w}/${s}`] = item;
    }
    (root['stock'] as Obj)[w] = items;
  }
  let approx = JSON.stringify(root).length;
  const orders = root['orders'] as Obj;
  const orderIds: string[] = [];
  let t = t0 - 365 * 86400000;
  while (approx < targetBytes) {
    const id = pushId(t);
    const o = order(t, customers, products);
    orders[id] = o;
    orderIds.push(id);
    approx += JSON.stringify(o).length + id.length + 4;
    t += 1000 + rand(100000);
  }
  return { root, orderIds, stock };
}

// ---------------------------------------------------------------------------------------------
// Server child process

type ServerProc = { child: ChildProcess; pid: number; url: string; port: number; inspector: string | null; stderr: string[] };

async function startServer(dataDir: string, rulesFile: string, withInspector: boolean): Promise<ServerProc> {
  const nodeArgs: string[] = [];
  if (withInspector) nodeArgs.push('--inspect=127.0.0.1:0');
  nodeArgs.push('--import', 'tsx');
  const args = [...nodeArgs, 'server/cli.ts', '--port', '0', '--host', '127.0.0.1', '--data', dataDir, '--rules', rulesFile, '--ns', NS];
  const child = spawn(process.execPath, args, { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
  const stderr: string[] = [];
  let inspector: string | null = null;
  child.stderr!.setEncoding('utf8');
  child.stderr!.on('data', (s: string) => {
    const m = /Debugger listening on (ws:\/\/\S+)/.exec(s);
    if (m !== null) inspector = m[1]!;
    stderr.push(s);
    if (stderr.length > 200) stderr.shift();
  });
  child.stdout!.setEncoding('utf8');
  const url = await new Promise<string>((resolve, reject) => {
    let out = '';
    const timer = setTimeout(() => reject(new Error(`server not ready after 60 s; stderr:\n${stderr.join('')}`)), 60000);
    child.stdout!.on('data', (s: string) => {
      out += s;
      const m = /ready at (http:\/\/\S+)/.exec(out);
      if (m !== null) {
        clearTimeout(timer);
        resolve(m[1]!);
      }
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`server exited with ${code} before it was ready; stderr:\n${stderr.join('')}`));
    });
  });
  if (child.pid === undefined) throw new Error('server child has no pid');
  return { child, pid: child.pid, url, port: Number(new URL(url).port), inspector, stderr };
}

async function stopServer(s: ServerProc): Promise<void> {
  if (s.child.exitCode !== null || s.child.signalCode !== null) return;
  const exited = new Promise<void>((r) => s.child.once('exit', () => r()));
  s.child.kill('SIGTERM');
  if ((await Promise.race([exited.then(() => 'ok'), sleep(20000).then(() => 'timeout')])) === 'timeout') {
    console.error('server did not stop within 20 s; killing it');
    s.child.kill('SIGKILL');
    await exited;
  }
}

/** A short-lived session on the server's loopback inspector (DevTools protocol). */
async function inspect<T>(s: ServerProc, use: (call: (method: string, params?: object) => Promise<unknown>) => Promise<T>): Promise<T | null> {
  if (s.inspector === null) return null;
  const ws = new WebSocket(s.inspector, { maxPayload: 1 << 30 });
  await new Promise<void>((resolve, reject) => {
    ws.once('open', () => resolve());
    ws.once('error', reject);
  });
  const pending = new Map<number, (r: unknown) => void>();
  ws.on('message', (data: Buffer) => {
    const msg = JSON.parse(data.toString()) as { id?: number; result?: unknown };
    if (msg.id !== undefined) pending.get(msg.id)?.(msg.result);
  });
  let seq = 0;
  const call = (method: string, params?: object) =>
    new Promise<unknown>((resolve) => {
      pending.set(++seq, resolve);
      ws.send(JSON.stringify({ id: seq, method, params }));
    });
  try {
    return await use(call);
  } finally {
    ws.close();
  }
}

/** Forces a full GC in the server; returns V8's used heap in bytes. */
async function collectGarbage(s: ServerProc): Promise<number | null> {
  return inspect(s, async (call) => {
    await call('HeapProfiler.collectGarbage');
    await call('HeapProfiler.collectGarbage');
    const usage = (await call('Runtime.getHeapUsage')) as { usedSize?: number } | undefined;
    return usage?.usedSize ?? null;
  });
}

/** VmRSS and VmHWM (peak RSS) in bytes (Linux /proc; `ps` elsewhere, without the peak). */
function memoryOf(pid: number): { rss: number; peak: number | null } {
  try {
    const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
    const kb = (field: string) => Number(new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(status)?.[1] ?? NaN) * 1024;
    return { rss: kb('VmRSS'), peak: kb('VmHWM') };
  } catch {
    return { rss: Number(execFileSync('ps', ['-o', 'rss=', '-p', String(pid)], { encoding: 'utf8' }).trim()) * 1024, peak: null };
  }
}

type MemPoint = { rss: number; heap: number | null };
async function settledMemory(s: ServerProc): Promise<MemPoint> {
  const heap = await collectGarbage(s);
  await sleep(300);
  return { rss: memoryOf(s.pid).rss, heap };
}

let clockTicks = 100;
/** User + system CPU time of a process in ms (Linux only; NaN elsewhere). */
function cpuMsOf(pid: number): number {
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return ((Number(fields[11]) + Number(fields[12])) * 1000) / clockTicks;
  } catch {
    return NaN;
  }
}

/** Main-thread time on a CPU and time runnable but waiting for one, in ms (Linux schedstat; NaN elsewhere). */
function schedOf(pid: number | 'self'): { runMs: number; waitMs: number } {
  try {
    const [run, wait] = fs.readFileSync(`/proc/${pid}/schedstat`, 'utf8').trim().split(/\s+/).map(Number);
    return { runMs: (run ?? NaN) / 1e6, waitMs: (wait ?? NaN) / 1e6 };
  } catch {
    return { runMs: NaN, waitMs: NaN };
  }
}

async function rest(server: ServerProc, method: string, p: string, body?: string): Promise<{ status: number; text: string }> {
  const res = await fetch(`${server.url}${p}${p.includes('?') ? '&' : '?'}ns=${NS}`, {
    method,
    headers: { authorization: 'Bearer owner', 'content-type': 'application/json' },
    body,
  });
  return { status: res.status, text: await res.text() };
}

// ---------------------------------------------------------------------------------------------
// Statistics and output

type Dist = { n: number; p50: number; p95: number; p99: number; max: number };
function dist(values: number[]): Dist {
  const s = Float64Array.from(values).sort();
  const at = (p: number) => (s.length === 0 ? NaN : s[Math.min(s.length - 1, Math.max(0, Math.ceil((p / 100) * s.length) - 1))]!);
  return { n: s.length, p50: at(50), p95: at(95), p99: at(99), max: s.length === 0 ? NaN : s[s.length - 1]! };
}
const ms = (v: number) => (Number.isNaN(v) ? 'n/a' : `${v.toFixed(v < 10 ? 2 : 1)} ms`);
const mb = (b: number) => `${(b / 1e6).toFixed(1)} MB`;
const fmtDist = (d: Dist) => `p50 ${ms(d.p50)}, p95 ${ms(d.p95)}, p99 ${ms(d.p99)}, max ${ms(d.max)} (n=${d.n})`;
const verdict = (ok: boolean) => (ok ? 'PASS' : 'MISS');

// ---------------------------------------------------------------------------------------------
// Coordinator

async function main(): Promise<void> {
  const USAGE =
    'Usage: npm run bench:db -- [--rate 1500] [--seconds 10] [--warmup 2] [--clients 20] [--procs 4] [--data-mb 10]\n' +
    '                           [--order-share 0] [--stock-watchers 2] [--orders-watchers 2] [--stock-queries 0]\n' +
    '                           [--raw] [--server-prof DIR] [--client-prof DIR] [--no-gc] [--keep]';
  const { values: argv } = parseArgs({
    options: {
      rate: { type: 'string', default: '1000' },
      seconds: { type: 'string', default: '10' },
      warmup: { type: 'string', default: '2' },
      clients: { type: 'string', default: '20' },
      procs: { type: 'string', default: '1' },
      'data-mb': { type: 'string', default: '10' },
      'order-share': { type: 'string', default: '0' },
      'stock-queries': { type: 'string', default: '0' },
      'stock-watchers': { type: 'string', default: '0' },
      'orders-watchers': { type: 'string', default: '0' },
      'server-prof': { type: 'string' },
      'client-prof': { type: 'string' },
      'no-gc': { type: 'boolean', default: false },
      raw: { type: 'boolean', default: false },
      keep: { type: 'boolean', default: false },
      help: { type: 'boolean', default: false },
    },
    strict: true,
  });
  if (argv.help) {
    console.log(USAGE);
    return;
  }
  const num = (name: keyof typeof argv, min: number, max: number): number => {
    const raw = String(argv[name]);
    const n = Number(raw);
    if (!Number.isFinite(n) || n < min || n > max) {
      console.error(`--${name} must be a number from ${min} to ${max}, got ${raw}\n${USAGE}`);
      process.exit(2);
    }
    return n;
  };
  const RATE = num('rate', 1, 100000);
  const SECONDS = num('seconds', 1, 600);
  const WARMUP = num('warmup', 0, 60);
  const CLIENTS = Math.floor(num('clients', 3, 200));
  const PROCS = Math.floor(num('procs', 1, CLIENTS));
  const DATA_MB = num('data-mb', 0.1, 500);
  const ORDER_SHARE = num('order-share', 0, 1);
  const STOCK_QUERIES = Math.floor(num('stock-queries', 0, Math.max(0, CLIENTS - 3)));
  const STOCK_WATCHERS = Math.floor(num('stock-watchers', 0, CLIENTS));
  const ORDERS_WATCHERS = Math.floor(num('orders-watchers', 0, CLIENTS));
  const serverProf = argv['server-prof'] === undefined ? null : path.resolve(argv['server-prof']);
  const clientProf = argv['client-prof'] === undefined ? null : path.resolve(argv['client-prof']);
  try {
    clockTicks = Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim()) || 100;
  } catch {
    // keep 100
  }
  // Spread the whole-collection watchers evenly over the clients (and so over the processes).
  const spread = (n: number, offset: number) => Array.from({ length: n }, (_, i) => (Math.floor((i * CLIENTS) / n) + offset) % CLIENTS);
  const layout: Layout = { stockWatchers: spread(STOCK_WATCHERS, 0), ordersWatchers: spread(ORDERS_WATCHERS, 1), ordersQuery: 2, stockQueries: STOCK_QUERIES };

  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'doms-dbbench-'));
  const rulesFile = path.join(tmp, 'rules.json');
  // Open rules, plus .indexOn for the queries so the SDK logs no "unspecified index" warnings.
  fs.writeFileSync(rulesFile, JSON.stringify({ rules: { '.read': true, '.write': true, stock: { $w: { '.indexOn': ['updatedAt'] } }, orders: { '.indexOn': ['updatedAt'] } } }));
  if (serverProf !== null) fs.mkdirSync(serverProf, { recursive: true });
  if (clientProf !== null) fs.mkdirSync(clientProf, { recursive: true });

  console.log(`D-OMS database benchmark: ${CLIENTS} ${argv.raw ? 'raw protocol' : 'SDK'} clients in ${PROCS} processes, ${RATE} writes/s for ${SECONDS} s (+${WARMUP} s warm-up), ~${DATA_MB} MB data`);
  if (serverProf !== null && argv['no-gc']) {
    console.error('--server-prof needs the inspector, which --no-gc turns off');
    process.exit(2);
  }
  const server = await startServer(path.join(tmp, 'data'), rulesFile, !argv['no-gc']);
  const workers: ChildProcess[] = [];
  let failed = false;
  try {
    console.log(`server pid ${server.pid} at ${server.url}${server.inspector === null ? '' : ' (inspector on loopback for forced GC)'}`);
    await sleep(1000);
    const memEmpty = await settledMemory(server);
    console.log(`empty server: RSS ${mb(memEmpty.rss)}${memEmpty.heap === null ? '' : `, heap ${mb(memEmpty.heap)}`}`);

    // Seed.
    const gen = generate(DATA_MB * 1e6);
    const body = JSON.stringify(gen.root);
    let t = now();
    const put = await rest(server, 'PUT', '/.json?print=silent', body);
    if (put.status !== 204 && put.status !== 200) throw new Error(`seed PUT failed: ${put.status} ${put.text.slice(0, 300)}`);
    const seedMs = now() - t;
    t = now();
    const got = await rest(server, 'GET', '/.json');
    if (got.status !== 200) throw new Error(`GET /.json failed: ${got.status}`);
    const getMs = now() - t;
    const jsonBytes = Buffer.byteLength(got.text, 'utf8');
    console.log(`seeded ${mb(Buffer.byteLength(body))} in ${ms(seedMs)} (${gen.orderIds.length} orders, ${Object.keys(gen.stock).length} stock items); GET /.json: ${mb(jsonBytes)} in ${ms(getMs)}`);
    const memSeeded = await settledMemory(server);
    console.log(`seeded server: RSS ${mb(memSeeded.rss)}${memSeeded.heap === null ? '' : `, heap ${mb(memSeeded.heap)}`}`);

    // Client processes.
    const messages: FromWorker[][] = [];
    const waitFor = async <T extends FromWorker['type']>(type: T, timeoutMs: number): Promise<Extract<FromWorker, { type: T }>[]> => {
      const deadline = now() + timeoutMs;
      for (;;) {
        for (const list of messages) {
          const err = list.find((m) => m.type === 'error');
          if (err !== undefined && err.type === 'error') throw new Error(`client process failed: ${err.message}`);
        }
        const got = messages.map((list) => list.find((m) => m.type === type));
        if (got.every((m) => m !== undefined)) return got as Extract<FromWorker, { type: T }>[];
        if (workers.some((w) => w.exitCode !== null)) throw new Error('a client process exited early');
        if (now() > deadline) throw new Error(`client processes did not report ${type} within ${timeoutMs / 1000} s`);
        await sleep(20);
      }
    };
    const connectStart = now();
    for (let p = 0; p < PROCS; p++) {
      // A larger young generation for the client process: 20 SDK clients allocate a new cache tree
      // per event, and with V8's default 16 MB semi-space their scavenges added ~70 ms to the p99
      // of every event they had not yet read (docs/benchmarks.md). The server runs with defaults.
      const execArgv = [...process.execArgv, '--max-semi-space-size=32'];
      const w = fork(SELF, [], { execArgv, env: { ...process.env, DOMS_DB_BENCH_ROLE: 'clients' }, stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
      workers.push(w);
      const list: FromWorker[] = [];
      messages.push(list);
      w.on('message', (m: FromWorker) => list.push(m));
      const clients = Array.from({ length: CLIENTS }, (_, c) => c).filter((c) => c % PROCS === p);
      const init: InitMsg = {
        type: 'init',
        raw: argv.raw,
        port: server.port,
        clients,
        totalClients: CLIENTS,
        orderIds: gen.orderIds,
        stock: gen.stock,
        layout,
        profile: clientProf === null ? null : path.join(clientProf, `clients-${p}.cpuprofile`),
      };
      w.send(init);
    }
    const readies = await waitFor('ready', 180000);
    const listens = readies.reduce((a, r) => a + r.listens, 0);
    const connectMs = now() - connectStart;
    const memConnected = await settledMemory(server);
    console.log(`${CLIENTS} clients connected with ${listens} listens, all synced in ${ms(connectMs)}; server RSS ${mb(memConnected.rss)}`);

    // Run.
    const start = now() + 300;
    const measureFrom = start + WARMUP * 1000;
    const end = measureFrom + SECONDS * 1000;
    const startMsg: StartMsg = { type: 'start', start, measureFrom, end, rate: RATE, orderShare: ORDER_SHARE };
    for (const w of workers) w.send(startMsg);
    await sleep(Math.max(0, measureFrom - now()));
    const cpu0 = cpuMsOf(server.pid);
    const sched0 = schedOf(server.pid);
    // The server profile covers the measured window only (sampled over the inspector).
    const profiling =
      serverProf === null
        ? null
        : inspect(server, async (call) => {
            await call('Profiler.enable');
            await call('Profiler.setSamplingInterval', { interval: 200 });
            await call('Profiler.start');
            await sleep(Math.max(0, end - now()));
            const { profile } = (await call('Profiler.stop')) as { profile: unknown };
            fs.writeFileSync(path.join(serverProf, 'server.cpuprofile'), JSON.stringify(profile));
          });
    await sleep(Math.max(0, end - now()));
    const serverCpuMs = cpuMsOf(server.pid) - cpu0;
    const serverWaitMs = schedOf(server.pid).waitMs - sched0.waitMs;
    const windowMs = now() - measureFrom;
    await profiling;
    const rssEndOfRun = memoryOf(server.pid).rss;
    const dones = await waitFor('done', 120000);
    const peak = memoryOf(server.pid).peak;
    const memAfter = await settledMemory(server);
    for (const w of workers) w.send({ type: 'exit' });

    // Aggregate.
    const firstMeasured = Math.ceil(WARMUP * RATE);
    const ackLat: number[] = [];
    let acksInWindow = 0;
    let refused = 0;
    let unacked = 0;
    let sent = 0;
    let measuredSent = 0;
    let lastAck = 0;
    let lastMeasuredAck = 0;
    let measuredAcked = 0;
    for (const d of dones) {
      sent += d.sent;
      for (let i = 0; i < d.acks.length; i += 3) {
        const id = d.acks[i]!, sentAt = d.acks[i + 1]!, ackAt = d.acks[i + 2]!;
        if (id >= firstMeasured) measuredSent++;
        if (ackAt < 0) {
          refused++;
          continue;
        }
        lastAck = Math.max(lastAck, ackAt);
        if (ackAt >= measureFrom && ackAt <= end) acksInWindow++;
        if (id >= firstMeasured) {
          ackLat.push(ackAt - sentAt);
          measuredAcked++;
          lastMeasuredAck = Math.max(lastMeasuredAck, ackAt);
        }
      }
      unacked += d.sent - d.acks.length / 3;
    }
    const all: number[] = [];
    const stockLat: number[] = [];
    const orderLat: number[] = [];
    const first = new Map<number, number>();
    for (const d of dones) {
      for (let i = 0; i < d.deliveries.length; i += 2) {
        const id = d.deliveries[i]!, lat = d.deliveries[i + 1]!;
        if (id < firstMeasured) continue;
        all.push(lat);
        (isOrderWrite(id, ORDER_SHARE) ? orderLat : stockLat).push(lat);
        const f = first.get(id);
        if (f === undefined || lat < f) first.set(id, lat);
      }
    }
    const allD = dist(all);
    const ackD = dist(ackLat);
    // Sustained rate: the window's writes over the time from the window's start to the last of their
    // acks, less the p99 latency the spec allows (a write sent at the window's last moment is
    // acknowledged a little after it even when the server keeps up). It equals the offered rate when
    // the server keeps up, and drops as soon as acks fall further behind.
    const ackRate = (measuredAcked / Math.max(end - measureFrom, lastMeasuredAck - measureFrom - TARGET.p99Ms)) * 1000;
    const clientCpuPct = dones.reduce((a, d) => a + d.cpuMs / d.cpuWindowMs, 0) * 100;
    const loopP99 = Math.max(...dones.map((d) => d.loopP99Ms));
    const errors = dones.flatMap((d) => d.errors);
    const dataMem = memAfter.rss - memEmpty.rss;
    const ratioTotal = memAfter.rss / jsonBytes;
    const ratioData = dataMem / jsonBytes;
    const cpus = os.cpus();

    console.log('');
    console.log('==================== D-OMS database server benchmark ====================');
    console.log(`date         : ${new Date().toISOString()}`);
    console.log(`machine      : ${cpus[0]?.model ?? 'unknown'}, ${cpus.length} cores, ${(os.totalmem() / 2 ** 30).toFixed(1)} GiB RAM, ${os.platform()} ${os.release()}`);
    console.log(`node         : ${process.version}; load average at end ${os.loadavg().map((l) => l.toFixed(2)).join(' ')}`);
    console.log(`setup        : ${CLIENTS} ${argv.raw ? "protocol-level (--raw, NOT SDK)" : "SDK"} clients in ${PROCS} processes, ${listens} listens; data ${mb(jsonBytes)} of JSON`);
    console.log(`load         : ${RATE} writes/s for ${SECONDS} s after ${WARMUP} s warm-up; ${(ORDER_SHARE * 100).toFixed(0)}% order updates, the rest stock set/update`);
    console.log(`writes       : ${sent} sent (${measuredSent} in the window), ${acksInWindow} acked within the window, ${refused} refused, ${unacked} never acked; last ack ${ms(Math.max(0, lastAck - end))} after the window`);
    if (errors.length > 0) console.log(`errors       : ${errors.slice(0, 3).join(' | ')}`);
    console.log(`throughput   : ${ackRate.toFixed(0)} acknowledged writes/s sustained           target >= ${TARGET.writesPerSecond}: ${verdict(ackRate >= TARGET.writesPerSecond)}`);
    console.log(`               (${measuredAcked} writes of the window acked by ${ms(lastMeasuredAck - measureFrom)} after its start; ${(acksInWindow / SECONDS).toFixed(0)}/s acks arrived within the window)`);
    console.log(`event latency: every event in another client: ${fmtDist(allD)}`);
    console.log(`               p50 target <= ${TARGET.p50Ms} ms: ${verdict(allD.p50 <= TARGET.p50Ms)};  p99 target <= ${TARGET.p99Ms} ms: ${verdict(allD.p99 <= TARGET.p99Ms)}`);
    console.log(`  stock      : ${fmtDist(dist(stockLat))}`);
    if (ORDER_SHARE > 0) console.log(`  orders     : ${fmtDist(dist(orderLat))}`);
    console.log(`  first other client to hear each write: ${fmtDist(dist([...first.values()]))}; ${first.size}/${measuredSent} writes heard`);
    console.log(`ack latency  : ${fmtDist(ackD)}`);
    console.log(`server CPU   : ${((serverCpuMs / windowMs) * 100).toFixed(0)}% of a core in the window = ${(serverCpuMs / Math.max(1, acksInWindow)).toFixed(2)} ms per acked write`);
    console.log(`               server main thread runnable but waiting for a CPU: ${((serverWaitMs / windowMs) * 100).toFixed(0)}% of the window (run-queue wait; high = CPU-starved by other processes)`);
    console.log(`client CPU   : ${clientCpuPct.toFixed(0)}% of a core over ${PROCS} processes; run-queue wait ${dones.map((d) => `${((d.runQueueMs / d.cpuWindowMs) * 100).toFixed(0)}%`).join(' ')}; worst client event-loop delay p99 ${ms(loopP99)}`);
    const heap = (m: MemPoint) => (m.heap === null ? '' : ` (heap ${mb(m.heap)})`);
    console.log(`server memory: RSS empty ${mb(memEmpty.rss)}${heap(memEmpty)}, seeded ${mb(memSeeded.rss)}${heap(memSeeded)}, clients on ${mb(memConnected.rss)}, end of run ${mb(rssEndOfRun)}, after run ${mb(memAfter.rss)}${heap(memAfter)}, peak ${peak === null ? 'n/a' : mb(peak)}`);
    console.log(`memory ratio : (RSS after run - empty-server RSS) / JSON = ${ratioData.toFixed(2)}x    target <= ${TARGET.memoryRatio}x: ${verdict(ratioData <= TARGET.memoryRatio)}  <- compared`);
    console.log(`               RSS after run / JSON (whole process)       = ${ratioTotal.toFixed(2)}x    target <= ${TARGET.memoryRatio}x: ${verdict(ratioTotal <= TARGET.memoryRatio)}`);
    if (memAfter.heap !== null && memEmpty.heap !== null) console.log(`               (heap after run - empty heap) / JSON         = ${((memAfter.heap - memEmpty.heap) / jsonBytes).toFixed(2)}x`);
    if (peak !== null) console.log(`               (peak RSS - empty-server RSS) / JSON       = ${((peak - memEmpty.rss) / jsonBytes).toFixed(2)}x (peak includes seeding: the 10 MB PUT body, its parse and its log record)`);
    console.log(`               "after run" figures follow a forced full GC; the whole-process figure includes Node, tsx and ws (${mb(memEmpty.rss)} empty).`);
    if (serverProf !== null) console.log(`profile      : server CPU profile of the window in ${path.join(serverProf, 'server.cpuprofile')} (npx tsx server/bench/cpuProfileTop.ts FILE)`);
    if (clientProf !== null) console.log(`profile      : client CPU profiles (window only) in ${clientProf}`);
    console.log('==========================================================================');
  } catch (e) {
    failed = true;
    console.error(`benchmark failed: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}`);
    console.error(`server stderr (tail):\n${server.stderr.join('').slice(-3000)}`);
  } finally {
    await Promise.race([Promise.all(workers.map((w) => (w.exitCode !== null ? null : new Promise((r) => w.once('exit', r))))), sleep(10000)]);
    for (const w of workers) if (w.exitCode === null && w.signalCode === null) w.kill('SIGKILL');
    await stopServer(server);
    if (argv.keep) console.log(`kept ${tmp}`);
    else fs.rmSync(tmp, { recursive: true, force: true });
  }
  process.exit(failed ? 1 : 0);
}

if (process.env['DOMS_DB_BENCH_ROLE'] === 'clients') {
  workerMain().catch((e: unknown) => {
    process.send?.({ type: 'error', message: e instanceof Error ? (e.stack ?? e.message) : String(e) } satisfies FromWorker);
    process.exit(1);
  });
} else {
  main().catch((e: unknown) => {
    console.error(e);
    process.exit(1);
  });
}
