/**
 * Startup benchmark of the durable store: generates a ~50 MB namespace (orders with lines as
 * objects, customers, products) as snapshot.json plus a log of 10k records in a temp dir, then
 * times, each in a fresh process, Store.open of the older single-JSON snapshot and Store.openAsync
 * of the same data compacted into the framed snapshot, and prints the time, the process RSS and,
 * for openAsync, the longest the event loop went without a turn while it loaded.
 *
 *   npx tsx server/bench/startupBench.ts [targetMB=50] [logRecords=10000]
 * (KEEP=1 keeps the generated directory.)
 */
import { benchRandom } from './benchRandom.ts';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Json, JsonObject } from '../types.ts';
import { encodeRecords, type LogRecord } from '../persist/framing.ts';
import { Store } from '../persist/store.ts';

const { rand, pushId, words } = benchRandom(42);

function order(t: number, customers: string[], products: string[]): JsonObject {
  const lines: JsonObject = {};
  const count = 1 + rand(8);
  for (let l = 0; l < count; l++) {
    lines[pushId(t + l)] = {
      productId: products[rand(products.length)]!,
      name: words(3),
      qty: 1 + rand(50),
      unit: ['case', 'each', 'kg'][rand(3)]!,
      unitPriceCents: 100 + rand(10000),
      note: rand(4) === 0 ? words(6) : 'none',
    };
  }
  return {
    customerId: customers[rand(customers.length)]!,
    status: ['draft', 'submitted', 'picking', 'shipped', 'delivered'][rand(5)]!,
    createdAt: t,
    updatedAt: t + rand(100000),
    deliveryAddress: { street: `${rand(999)} ${words(2)} street`, city: words(1), postcode: String(10000 + rand(89999)) },
    notes: words(5 + rand(10)),
    lines,
  };
}

function generate(dir: string, targetBytes: number, logRecords: number): { bytes: number; logBytes: number } {
  const customers = Array.from({ length: 2000 }, (_, i) => pushId(1.6e12 + i));
  const products = Array.from({ length: 5000 }, (_, i) => pushId(1.5e12 + i));
  const root: JsonObject = { customers: {}, products: {}, orders: {} };
  for (const c of customers) (root['customers'] as JsonObject)[c] = { name: words(2), email: `${words(1)}@example.com`, phone: String(rand(1e9)) };
  for (const p of products) (root['products'] as JsonObject)[p] = { name: words(3), sku: `SKU-${rand(1e6)}`, priceCents: rand(10000), stock: rand(1000) };
  const orders = root['orders'] as JsonObject;
  const orderIds: string[] = [];
  let approx = 2000 * 120 + 5000 * 120;
  let t = 1.7e12;
  while (approx < targetBytes) {
    const id = pushId(t);
    const o = order(t, customers, products);
    orders[id] = o;
    orderIds.push(id);
    approx += JSON.stringify(o).length + id.length + 4;
    t += 1000 + rand(100000);
  }
  const text = JSON.stringify(root);
  fs.writeFileSync(path.join(dir, 'snapshot.json'), text);

  const records: LogRecord[] = [];
  for (let i = 0; i < logRecords; i++) {
    const kind = rand(10);
    const target = orderIds[rand(orderIds.length)]!;
    if (kind < 3) {
      const id = pushId(t);
      t += 5000;
      orderIds.push(id);
      records.push({ op: 'set', path: ['orders', id], value: order(t, customers, products) as Json });
    } else if (kind < 8) {
      records.push({ op: 'update', path: ['orders', target], value: { status: 'shipped', updatedAt: t, 'deliveryAddress/city': words(1) } });
    } else if (kind < 9) {
      records.push({ op: 'set', path: ['orders', target], value: null });
    } else {
      records.push({ op: 'set', path: ['products', products[rand(products.length)]!, 'stock'], value: rand(1000) });
    }
  }
  const log = encodeRecords(records);
  fs.writeFileSync(path.join(dir, 'log'), log);
  return { bytes: Buffer.byteLength(text), logBytes: log.length };
}

async function measure(dir: string, how: string): Promise<void> {
  // The longest gap between two turns of the event loop while loading: what other clients wait at worst.
  let last = performance.now();
  let longest = 0;
  let isLoading = true;
  const spin = (): void => {
    const now = performance.now();
    longest = Math.max(longest, now - last);
    last = now;
    if (isLoading) setImmediate(spin);
  };
  setImmediate(spin);
  const t0 = performance.now();
  const c0 = process.cpuUsage();
  const warn = (m: string): void => console.error('warn:', m);
  const { store, data } = how === 'async' ? await Store.openAsync(dir, { warn }) : Store.open(dir, { warn });
  const ms = performance.now() - t0;
  const cpu = process.cpuUsage(c0);
  longest = Math.max(longest, performance.now() - last);
  isLoading = false;
  store.close();
  const orders = data !== null && typeof data === 'object' ? data['orders'] : null;
  const n = orders !== null && typeof orders === 'object' && orders !== undefined ? Object.keys(orders).length : 0;
  const mb = (fs.statSync(path.join(dir, 'snapshot.json')).size + fs.statSync(path.join(dir, 'log')).size) / 1e6;
  console.log(`${how === 'async' ? 'openAsync, framed snapshot' : 'open, single-JSON snapshot'}: ${ms.toFixed(0)} ms for ${mb.toFixed(1)} MB (snapshot + log; ${n} orders after replay); longest event-loop stall ${longest.toFixed(0)} ms`);
  // Wall time suffers on a loaded machine; CPU time (user + system) shows the work itself.
  console.log(`cpu: ${((cpu.user + cpu.system) / 1000).toFixed(0)} ms (user ${(cpu.user / 1000).toFixed(0)}, system ${(cpu.system / 1000).toFixed(0)})`);
  console.log(`rss: ${(process.memoryUsage().rss / 1e6).toFixed(0)} MB, heapUsed: ${(process.memoryUsage().heapUsed / 1e6).toFixed(0)} MB`);
}

const self = fileURLToPath(import.meta.url);
if (process.argv[2] === 'measure') {
  await measure(process.argv[3]!, process.argv[4] ?? 'sync');
} else {
  const targetMB = Number(process.argv[2] ?? 50);
  const logRecords = Number(process.argv[3] ?? 10000);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'startup-bench-'));
  try {
    const g = generate(dir, targetMB * 1e6, logRecords);
    console.log(`generated snapshot ${(g.bytes / 1e6).toFixed(1)} MB + log ${(g.logBytes / 1e6).toFixed(1)} MB (${logRecords} records) in ${dir}`);
    // The same data compacted into the framed snapshot (and an empty log), as the server writes it now.
    const framed = fs.mkdtempSync(path.join(os.tmpdir(), 'startup-bench-framed-'));
    fs.rmSync(framed, { recursive: true });
    fs.cpSync(dir, framed, { recursive: true });
    const opened = Store.open(framed);
    opened.store.compact(opened.data);
    opened.store.close();
    console.log(`framed snapshot ${(fs.statSync(path.join(framed, 'snapshot.json')).size / 1e6).toFixed(1)} MB in ${framed}`);
    // Measure in a fresh process so that the generator's garbage does not distort time or RSS.
    for (let run = 1; run <= 3; run++) {
      for (const [d, how] of [[dir, 'sync'], [framed, 'async']] as const) {
        const r = spawnSync(process.execPath, [...process.execArgv, self, 'measure', d, how], { stdio: 'inherit' });
        if (r.status !== 0) process.exitCode = 1;
      }
    }
    if (!process.env.KEEP) fs.rmSync(framed, { recursive: true, force: true });
  } finally {
    if (!process.env.KEEP) fs.rmSync(dir, { recursive: true, force: true });
  }
}
