/**
 * Throughput, latency and memory benchmark of the local Realtime Database server (not a test: it
 * prints figures and exits 0 unless something breaks; missed targets print MISS).
 *
 *   npm run bench:db -- [--rate 1500] [--seconds 10] [--warmup 2] [--clients 20] [--data-mb 10]
 *                       [--order-share 0.1] [--server-prof DIR] [--keep]
 *
 * The server runs in a child process (`node --import tsx server/cli.ts --port 0 ...`, so the child's
 * pid is the server's own and its RSS and CPU time can be read from /proc). The benchmark:
 *   1. starts the server on an empty data folder and reads its RSS (the "empty server" baseline);
 *   2. seeds a tree of ~--data-mb MB over REST as the owner (stock per warehouse, orders with lines,
 *      customers, products) and measures the data's JSON size with GET /.json;
 *   3. connects --clients SDK clients (one app and WebSocket each) listening on overlapping paths:
 *      every client onChildChanged + onValue on /stock/<w>, onValue on another warehouse, a query
 *      orderByChild('updatedAt').limitToLast(50) on a third; every 4th client onValue on /stock; the
 *      first --orders-watchers clients onValue on /orders; every 5th client the same limitToLast(50)
 *      query on /orders (child_added/child_changed);
 *   4. sends writes at --rate per second spread round-robin over all clients (updates and sets of a
 *      stock item, and with probability --order-share an update of an order), each carrying its id
 *      and its send time (performance.timeOrigin + performance.now()), records each ack, and records
 *      in every OTHER client that observes the write when its event arrives;
 *   5. prints acknowledged writes/s, write-to-event and ack latency percentiles, server RSS and CPU.
 *
 * Targets (the spec): >= 1000 acknowledged writes/s with 20 listening clients; write-to-event latency
 * in another client p50 <= 5 ms and p99 <= 50 ms; server memory <= 3x the JSON size of the data.
 */
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
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
  type Database,
  type Query,
  type Unsubscribe,
} from 'firebase/database';

// ---------------------------------------------------------------------------------------------
// Options

const USAGE =
  'Usage: npm run bench:db -- [--rate 1500] [--seconds 10] [--warmup 2] [--clients 20] [--data-mb 10] ' +
  '[--order-share 0.1] [--orders-watchers 2] [--server-prof DIR] [--keep]';

const { values: argv } = parseArgs({
  options: {
    rate: { type: 'string', default: '1500' },
    seconds: { type: 'string', default: '10' },
    warmup: { type: 'string', default: '2' },
    clients: { type: 'string', default: '20' },
    'data-mb': { type: 'string', default: '10' },
    'order-share': { type: 'string', default: '0.1' },
    'orders-watchers': { type: 'string', default: '2' },
    'server-prof': { type: 'string' },
    keep: { type: 'boolean', default: false },
    help: { type: 'boolean', default: false },
  },
  strict: true,
});
if (argv.help) {
  console.log(USAGE);
  process.exit(0);
}
function num(name: string, raw: string, min: number, max: number): number {
  const n = Number(raw);
  if (!Number.isFinite(n) || n < min || n > max) {
    console.error(`--${name} must be a number from ${min} to ${max}, got ${raw}\n${USAGE}`);
    process.exit(2);
  }
  return n;
}
const RATE = num('rate', argv.rate, 1, 100000);
const SECONDS = num('seconds', argv.seconds, 1, 600);
const WARMUP = num('warmup', argv.warmup, 0, 60);
const CLIENTS = Math.floor(num('clients', argv.clients, 2, 200));
const DATA_MB = num('data-mb', argv['data-mb'], 0.1, 500);
const ORDER_SHARE = num('order-share', argv['order-share'], 0, 1);
const ORDER_WATCHERS = Math.floor(num('orders-watchers', argv['orders-watchers'], 0, CLIENTS));
const PROF_DIR = argv['server-prof'] === undefined ? null : path.resolve(argv['server-prof']);

const NS = 'bench';
const WAREHOUSES = 10;
const SKUS_PER_WAREHOUSE = 1000;
const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

const TARGET = { writesPerSecond: 1000, p50Ms: 5, p99Ms: 50, memoryRatio: 3 };

const now = (): number => performance.timeOrigin + performance.now();
const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

// ---------------------------------------------------------------------------------------------
// Seed data (deterministic)

type Obj = { [key: string]: unknown };

let seed = 7;
function rand(n: number): number {
  seed = (seed * 1103515245 + 12345) & 0x7fffffff;
  return seed % n;
}
const PUSH_CHARS = '-0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ_abcdefghijklmnopqrstuvwxyz';
function pushId(t: number): string {
  let id = '';
  for (let i = 0; i < 8; i++) id = PUSH_CHARS[Math.floor(t / 64 ** i) % 64]! + id;
  for (let i = 0; i < 12; i++) id += PUSH_CHARS[rand(64)]!;
  return id;
}
const WORDS = ['apple', 'crate', 'pallet', 'organic', 'fresh', 'frozen', 'bulk', 'premium', 'carton', 'sparkling', 'water', 'juice'];
const words = (n: number) => Array.from({ length: n }, () => WORDS[rand(WORDS.length)]!).join(' ');

const warehouseIds = Array.from({ length: WAREHOUSES }, (_, i) => `wh-${String(i + 1).padStart(2, '0')}`);
const skuIds = Array.from({ length: SKUS_PER_WAREHOUSE }, (_, i) => `sku-${String(i + 1).padStart(5, '0')}`);

function stockItem(sku: string, t: number): Obj {
  return {
    sku,
    name: words(3),
    qty: rand(5000),
    reserved: rand(200),
    bin: `A${rand(40)}-${rand(12)}-${rand(6)}`,
    reorderAt: 50 + rand(200),
    updatedAt: t - rand(30 * 86400000),
  };
}

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

function generate(targetBytes: number): { root: Obj; orderIds: string[]; stock: Map<string, Obj> } {
  const t0 = Date.now();
  const customers = Array.from({ length: 2000 }, (_, i) => pushId(1.6e12 + i));
  const products = Array.from({ length: 5000 }, (_, i) => pushId(1.5e12 + i));
  const root: Obj = { customers: {}, products: {}, stock: {}, orders: {} };
  for (const c of customers) (root['customers'] as Obj)[c] = { name: words(2), email: `${words(1)}@example.com`, phone: String(rand(1e9)) };
  for (const p of products) (root['products'] as Obj)[p] = { name: words(3), sku: `SKU-${rand(1e6)}`, priceCents: rand(10000) };
  const stock = new Map<string, Obj>();
  for (const w of warehouseIds) {
    const items: Obj = {};
    for (const s of skuIds) {
      const item = stockItem(s, t0);
      items[s] = item;
      stock.set(`${w}/${s}`, item);
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

type ServerProc = { child: ChildProcess; pid: number; url: string; port: number; stderr: string[] };

async function startServer(dataDir: string, rulesFile: string): Promise<ServerProc> {
  const nodeArgs = ['--import', 'tsx'];
  if (PROF_DIR !== null) nodeArgs.unshift('--cpu-prof', `--cpu-prof-dir=${PROF_DIR}`);
  const args = [...nodeArgs, 'server/cli.ts', '--port', '0', '--host', '127.0.0.1', '--data', dataDir, '--rules', rulesFile, '--ns', NS];
  const child = spawn(process.execPath, args, { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
  const stderr: string[] = [];
  child.stderr!.setEncoding('utf8');
  child.stderr!.on('data', (s: string) => {
    stderr.push(s);
    if (stderr.length > 200) stderr.shift();
  });
  child.stdout!.setEncoding('utf8');
  const url = await new Promise<string>((resolve, reject) => {
    let out = '';
    const timer = setTimeout(() => reject(new Error(`server not ready after 60 s; stderr:\n${stderr.join('')}`)), 60000);
    child.stdout!.on('data', (s: string) => {
      out += s;
      const m = /ready at (http:\/\/[^\s]+)/.exec(out);
      if (m !== null) {
        clearTimeout(timer);
        resolve(m[1]!);
      }
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`server exited with ${code} before ready; stderr:\n${stderr.join('')}`));
    });
  });
  if (child.pid === undefined) throw new Error('server child has no pid');
  return { child, pid: child.pid, url, port: Number(new URL(url).port), stderr };
}

async function stopServer(s: ServerProc): Promise<void> {
  if (s.child.exitCode !== null) return;
  const exited = new Promise<void>((r) => s.child.once('exit', () => r()));
  s.child.kill('SIGTERM');
  const timeout = sleep(15000).then(() => 'timeout');
  if ((await Promise.race([exited.then(() => 'ok'), timeout])) === 'timeout') {
    console.error('server did not stop within 15 s; killing it');
    s.child.kill('SIGKILL');
    await exited;
  }
}

/** VmRSS and VmHWM (peak RSS) of a process in bytes (Linux /proc; `ps` elsewhere, without peak). */
function memoryOf(pid: number): { rss: number; peak: number | null } {
  try {
    const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
    const kb = (field: string) => Number(new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(status)?.[1] ?? NaN) * 1024;
    return { rss: kb('VmRSS'), peak: kb('VmHWM') };
  } catch {
    const out = execFileSync('ps', ['-o', 'rss=', '-p', String(pid)], { encoding: 'utf8' });
    return { rss: Number(out.trim()) * 1024, peak: null };
  }
}

let clockTicks = 100;
try {
  clockTicks = Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim()) || 100;
} catch {
  // keep 100
}
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

async function rest(server: ServerProc, method: string, p: string, body?: string): Promise<{ status: number; text: string }> {
  const res = await fetch(`${server.url}${p}${p.includes('?') ? '&' : '?'}ns=${NS}`, {
    method,
    headers: { authorization: 'Bearer owner', 'content-type': 'application/json' },
    body,
  });
  return { status: res.status, text: await res.text() };
}

// ---------------------------------------------------------------------------------------------
// Statistics

function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return NaN;
  const i = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[i]!;
}
type Dist = { n: number; p50: number; p95: number; p99: number; max: number; mean: number };
function dist(values: number[]): Dist {
  const s = Float64Array.from(values).sort();
  const arr = Array.from(s);
  const mean = arr.length === 0 ? NaN : arr.reduce((a, b) => a + b, 0) / arr.length;
  return { n: arr.length, p50: percentile(arr, 50), p95: percentile(arr, 95), p99: percentile(arr, 99), max: arr[arr.length - 1] ?? NaN, mean };
}
const ms = (v: number) => (Number.isNaN(v) ? 'n/a' : `${v.toFixed(v < 10 ? 2 : 1)} ms`);
const mb = (b: number) => `${(b / 1e6).toFixed(1)} MB`;
const fmtDist = (d: Dist) => `p50 ${ms(d.p50)}, p95 ${ms(d.p95)}, p99 ${ms(d.p99)}, max ${ms(d.max)} (n=${d.n})`;
const verdict = (ok: boolean) => (ok ? 'PASS' : 'MISS');

// ---------------------------------------------------------------------------------------------
// The benchmark

type WriteRec = { id: number; writer: number; kind: 'stock' | 'order'; measured: boolean; sentAt: number; ackAt: number; firstSeen: number };

async function main(): Promise<void> {
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'doms-dbbench-'));
  const dataDir = path.join(tmp, 'data');
  const rulesFile = path.join(tmp, 'rules.json');
  // Open rules, plus .indexOn for the queries so the SDK logs no "unspecified index" warnings.
  const rules = { rules: { '.read': true, '.write': true, stock: { $w: { '.indexOn': ['updatedAt'] } }, orders: { '.indexOn': ['updatedAt'] } } };
  fs.writeFileSync(rulesFile, JSON.stringify(rules));

  console.log(`D-OMS database benchmark: ${CLIENTS} clients, ${RATE} writes/s for ${SECONDS} s (+${WARMUP} s warm-up), ~${DATA_MB} MB data`);
  const server = await startServer(dataDir, rulesFile);
  const apps: FirebaseApp[] = [];
  const unsubs: Unsubscribe[] = [];
  let failed = false;
  try {
    console.log(`server pid ${server.pid} at ${server.url}`);
    await sleep(1500);
    const memEmpty = memoryOf(server.pid);
    console.log(`empty server RSS: ${mb(memEmpty.rss)}`);

    // 2. Seed.
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
    console.log(`seeded ${mb(Buffer.byteLength(body))} in ${ms(seedMs)} (${gen.orderIds.length} orders, ${gen.stock.size} stock items); GET /.json ${mb(jsonBytes)} in ${ms(getMs)}`);
    await sleep(2000);
    const memSeeded = memoryOf(server.pid);
    console.log(`server RSS after seeding: ${mb(memSeeded.rss)}`);

    // 3. Clients and listeners.
    const writes: WriteRec[] = [];
    const deliveries: { stock: number[]; order: number[] } = { stock: [], order: [] };
    const clients: Database[] = [];
    const ready: Promise<void>[] = [];
    let strayEvents = 0;
    const observe = (observer: number) => (snap: DataSnapshot) => {
      const arrived = now();
      const v = snap.val() as { w?: unknown; by?: unknown } | null;
      if (v === null || typeof v.w !== 'number' || v.by === observer) return;
      const w = writes[v.w];
      if (w === undefined) return void strayEvents++;
      if (w.firstSeen === 0) w.firstSeen = arrived;
      if (w.measured) deliveries[w.kind].push(arrived - w.sentAt);
    };
    const connectStart = now();
    for (let c = 0; c < CLIENTS; c++) {
      const app = initializeApp({ projectId: 'demo-doms', databaseURL: `http://127.0.0.1:${server.port}?ns=${NS}` }, `bench-${c}-${Date.now()}`);
      apps.push(app);
      const db = getDatabase(app);
      connectDatabaseEmulator(db, '127.0.0.1', server.port, { mockUserToken: { sub: `bench-${c}`, user_id: `bench-${c}` } as never });
      clients.push(db);
      const firstValue = (r: Query) =>
        ready.push(
          new Promise<void>((resolve) => {
            let done = false;
            unsubs.push(
              onValue(r, () => {
                if (done) return;
                done = true;
                resolve();
              }),
            );
          }),
        );
      const own = ref(db, `stock/${warehouseIds[c % WAREHOUSES]!}`);
      unsubs.push(onChildChanged(own, observe(c)));
      firstValue(own);
      firstValue(ref(db, `stock/${warehouseIds[(c + 3) % WAREHOUSES]!}`));
      firstValue(query(ref(db, `stock/${warehouseIds[(c + 6) % WAREHOUSES]!}`), orderByChild('updatedAt'), limitToLast(50)));
      if (c % 4 === 0) firstValue(ref(db, 'stock'));
      if (c < ORDER_WATCHERS) firstValue(ref(db, 'orders'));
      if (c % 5 === 0) {
        const recent = query(ref(db, 'orders'), orderByChild('updatedAt'), limitToLast(50));
        unsubs.push(onChildAdded(recent, observe(c)), onChildChanged(recent, observe(c)));
        firstValue(recent);
      }
    }
    await Promise.race([Promise.all(ready), sleep(120000).then(() => Promise.reject(new Error('clients not synced after 120 s')))]);
    const connectMs = now() - connectStart;
    await sleep(1000);
    const memConnected = memoryOf(server.pid);
    console.log(`${CLIENTS} clients connected, ${ready.length} listens synced in ${ms(connectMs)}; server RSS ${mb(memConnected.rss)}`);

    // 4. Writes.
    const acks: number[] = [];
    const ackErrors: string[] = [];
    let acksInWindow = 0;
    let orderSeq = 0;
    const loop = monitorEventLoopDelay({ resolution: 1 });
    const start = now();
    const measureFrom = start + WARMUP * 1000;
    const end = measureFrom + SECONDS * 1000;
    let measuring = false;
    let serverCpu0 = cpuMsOf(server.pid);
    let clientCpu0 = process.cpuUsage();
    const send = (id: number, at: number) => {
      const writer = id % CLIENTS;
      const db = clients[writer]!;
      const isOrder = rand(1_000_000) < ORDER_SHARE * 1_000_000;
      const rec: WriteRec = { id, writer, kind: isOrder ? 'order' : 'stock', measured: at >= measureFrom, sentAt: 0, ackAt: 0, firstSeen: 0 };
      writes.push(rec);
      let p: Promise<void>;
      const sentAt = now();
      rec.sentAt = sentAt;
      const updatedAt = Math.round(sentAt);
      if (isOrder) {
        const oid = gen.orderIds[(orderSeq = (orderSeq + 7919) % gen.orderIds.length)]!;
        p = update(ref(db, `orders/${oid}`), { status: ['picking', 'shipped'][id % 2]!, updatedAt, w: id, by: writer, sentAt });
      } else {
        const key = `${warehouseIds[rand(WAREHOUSES)]!}/${skuIds[rand(SKUS_PER_WAREHOUSE)]!}`;
        const item = gen.stock.get(key)!;
        const qty = rand(5000);
        if (id % 2 === 0) p = update(ref(db, `stock/${key}`), { qty, updatedAt, w: id, by: writer, sentAt });
        else p = set(ref(db, `stock/${key}`), { ...item, qty, updatedAt, w: id, by: writer, sentAt });
      }
      p.then(
        () => {
          rec.ackAt = now();
          if (rec.ackAt >= measureFrom && rec.ackAt <= end) acksInWindow++;
          if (rec.measured) acks.push(rec.ackAt - rec.sentAt);
        },
        (e: unknown) => {
          rec.ackAt = -1;
          ackErrors.push(e instanceof Error ? e.message : String(e));
        },
      );
    };
    let sent = 0;
    let sentMeasured = 0;
    await new Promise<void>((resolve) => {
      const tick = () => {
        const tNow = now();
        if (!measuring && tNow >= measureFrom) {
          measuring = true;
          loop.enable();
          serverCpu0 = cpuMsOf(server.pid);
          clientCpu0 = process.cpuUsage();
        }
        const due = Math.floor((Math.min(tNow, end) - start) * (RATE / 1000));
        while (sent < due) {
          const at = start + (sent / RATE) * 1000;
          send(sent, at);
          if (at >= measureFrom) sentMeasured++;
          sent++;
        }
        if (tNow >= end) {
          clearInterval(timer);
          resolve();
        }
      };
      const timer = setInterval(tick, 1);
    });
    const serverCpuMs = cpuMsOf(server.pid) - serverCpu0;
    const clientCpu = process.cpuUsage(clientCpu0);
    loop.disable();
    const memRun = memoryOf(server.pid);

    // Drain: wait for every ack (up to 60 s) and let trailing events arrive.
    const drainStart = now();
    while (writes.some((w) => w.ackAt === 0) && now() - drainStart < 60000) await sleep(20);
    const drainMs = now() - drainStart;
    await sleep(1000);
    const memAfter = memoryOf(server.pid);
    await sleep(3000);
    const memSettled = memoryOf(server.pid);

    // 5. Report.
    const measured = writes.filter((w) => w.measured);
    const ackedMeasured = measured.filter((w) => w.ackAt > 0).length;
    const lastAck = Math.max(...writes.map((w) => w.ackAt));
    const unacked = writes.filter((w) => w.ackAt === 0).length;
    const firstSeen = dist(measured.filter((w) => w.firstSeen > 0).map((w) => w.firstSeen - w.sentAt));
    const allDel = dist([...deliveries.stock, ...deliveries.order]);
    const stockDel = dist(deliveries.stock);
    const orderDel = dist(deliveries.order);
    const ackDist = dist(acks);
    const ackRate = acksInWindow / SECONDS;
    const dataRss = memSettled.rss - memEmpty.rss;
    const ratioTotal = memSettled.rss / jsonBytes;
    const ratioData = dataRss / jsonBytes;
    const peakRatio = memAfter.peak === null ? NaN : (memAfter.peak - memEmpty.rss) / jsonBytes;
    const cpuInfo = os.cpus();
    const lagP99 = loop.percentile(99) / 1e6;

    console.log('');
    console.log('================ D-OMS database server benchmark ================');
    console.log(`machine      : ${cpuInfo[0]?.model ?? 'unknown'} x ${cpuInfo.length} cores, ${(os.totalmem() / 2 ** 30).toFixed(1)} GiB RAM, ${os.platform()} ${os.release()}`);
    console.log(`node         : ${process.version}; load average at end ${os.loadavg().map((l) => l.toFixed(2)).join(' ')}`);
    console.log(`setup        : ${CLIENTS} SDK clients, ${ready.length} value/query listens + ${CLIENTS} child_changed, data ${mb(jsonBytes)} JSON`);
    console.log(`load         : target ${RATE} writes/s for ${SECONDS} s after ${WARMUP} s warm-up; ${(ORDER_SHARE * 100).toFixed(0)}% order updates, rest stock set/update`);
    console.log(`sent         : ${sentMeasured} in window (${sent} total), acked in window ${acksInWindow}, measured writes acked ${ackedMeasured}/${measured.length}, unacked at end ${unacked}, errors ${ackErrors.length}${ackErrors[0] ? ` (${ackErrors[0]})` : ''}`);
    console.log(`drain        : last ack ${ms(Math.max(0, lastAck - end))} after sending stopped (waited ${ms(drainMs)})`);
    console.log(`throughput   : ${ackRate.toFixed(0)} acknowledged writes/s                     target >= ${TARGET.writesPerSecond}: ${verdict(ackRate >= TARGET.writesPerSecond)}`);
    console.log(`event latency: every delivery to another client: ${fmtDist(allDel)}`);
    console.log(`               p50 target <= ${TARGET.p50Ms} ms: ${verdict(allDel.p50 <= TARGET.p50Ms)}; p99 target <= ${TARGET.p99Ms} ms: ${verdict(allDel.p99 <= TARGET.p99Ms)}`);
    console.log(`  stock      : ${fmtDist(stockDel)}`);
    console.log(`  orders     : ${fmtDist(orderDel)}`);
    console.log(`  first other client to hear a write: ${fmtDist(firstSeen)}`);
    console.log(`ack latency  : ${fmtDist(ackDist)}`);
    console.log(`server CPU   : ${((serverCpuMs / (SECONDS * 1000)) * 100).toFixed(0)}% of one core during the window; client process CPU ${(((clientCpu.user + clientCpu.system) / 1000 / (SECONDS * 1000)) * 100).toFixed(0)}%, client event-loop delay p99 ${ms(lagP99)}`);
    console.log(`server RSS   : empty ${mb(memEmpty.rss)}, seeded ${mb(memSeeded.rss)}, clients connected ${mb(memConnected.rss)}, end of run ${mb(memRun.rss)}, settled ${mb(memSettled.rss)}, peak ${memAfter.peak === null ? 'n/a' : mb(memAfter.peak)}`);
    console.log(`memory ratio : settled RSS / JSON = ${ratioTotal.toFixed(2)}x (whole process)                target <= ${TARGET.memoryRatio}x: ${verdict(ratioTotal <= TARGET.memoryRatio)}`);
    console.log(`               (settled RSS - empty-server RSS) / JSON = ${ratioData.toFixed(2)}x (data)    target <= ${TARGET.memoryRatio}x: ${verdict(ratioData <= TARGET.memoryRatio)}`);
    console.log(`               (peak RSS - empty-server RSS) / JSON = ${Number.isNaN(peakRatio) ? 'n/a' : peakRatio.toFixed(2) + 'x'}`);
    console.log('               The spec target is checked against the data figure (RSS above an empty server); the whole-process');
    console.log('               figure includes the fixed ~runtime cost of Node, tsx and ws and is shown for honesty.');
    if (strayEvents > 0) console.log(`note         : ${strayEvents} events named unknown write ids`);
    if (PROF_DIR !== null) console.log(`profile      : server CPU profile written to ${PROF_DIR} when the server exits`);
    console.log('=================================================================');
  } catch (e) {
    failed = true;
    console.error(`benchmark failed: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}`);
    console.error(`server stderr (tail):\n${server.stderr.join('').slice(-3000)}`);
  } finally {
    for (const u of unsubs) u();
    await Promise.all(apps.map((a) => deleteApp(a).catch(() => undefined)));
    await stopServer(server);
    if (argv.keep) console.log(`kept ${tmp}`);
    else fs.rmSync(tmp, { recursive: true, force: true });
  }
  process.exit(failed ? 1 : 0);
}

main().catch((e: unknown) => {
  console.error(e);
  process.exit(1);
});
