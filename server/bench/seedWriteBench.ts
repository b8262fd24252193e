/**
 * How long the seed takes to write a big business into the local database server
 * (docs/benchmarks.md): starts `server/cli.ts` on a free loopback port with a temp data folder,
 * loads a tree written by `npm run seed -- --out FILE.json` (or generates one), writes it with the
 * seed's batched writer, checks the record counts, and stops the server.
 *
 *   npx tsx server/bench/seedWriteBench.ts --from /tmp/big.json [--batch-kb 1024] [--keys 2000]
 *   npx tsx server/bench/seedWriteBench.ts --days 30 --scale 1
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { MAX_BATCH_KEYS } from '../seed/batches.ts';
import { ownerRequest, writeDatabase, type DbTarget } from '../seed/dbWriter.ts';
import { generateBusiness } from '../seed/generate.ts';
import { progressFile } from '../seed/progress.ts';
import type { Tree } from '../seed/tree.ts';

const { values } = parseArgs({
  options: {
    from: { type: 'string' },
    days: { type: 'string', default: '30' },
    scale: { type: 'string', default: '1' },
    'batch-kb': { type: 'string', default: '1024' },
    keys: { type: 'string', default: String(MAX_BATCH_KEYS) },
    limit: { type: 'string' },
    url: { type: 'string' },
  },
});

const freePort = () =>
  new Promise<number>((resolve) => {
    const s = createServer().listen(0, '127.0.0.1', () => {
      const { port } = s.address() as { port: number };
      s.close(() => resolve(port));
    });
  });

const load = () => `load average ${loadavg().map((l) => l.toFixed(1)).join(' ')} on ${cpus().length} cores`;
console.log(`node ${process.version}, ${cpus()[0]?.model ?? '?'}, ${load()}`);
const t0 = performance.now();
const secs = (since: number) => `${((performance.now() - since) / 1000).toFixed(1)} s`;
const tree: Tree = values.from !== undefined ? (JSON.parse(readFileSync(values.from, 'utf8')) as Tree) : generateBusiness({ seed: 1, days: Number(values.days), scale: Number(values.scale), today: Date.UTC(2025, 10, 25) });
console.log(`${values.from !== undefined ? `loaded ${values.from}` : `generated ${values.days} days × ${values.scale}`} in ${secs(t0)}`);

if (values.limit !== undefined) {
  // Only the first N top-level collections (a shorter run while profiling the server).
  for (const k of Object.keys(tree).slice(Number(values.limit))) delete tree[k];
}
const port = await freePort();
const dir = mkdtempSync(join(tmpdir(), 'doms-seedbench-'));
// With --url the server is yours (for profiling it); otherwise one is started here.
const server = values.url !== undefined ? null : spawn(process.execPath, ['--import', 'tsx', 'server/cli.ts', '--port', String(port), '--host', '127.0.0.1', '--data', join(dir, 'db')], { stdio: ['ignore', 'pipe', 'inherit'] });
if (server !== null) await new Promise<void>((resolve) => server.stdout?.on('data', (d: Buffer) => d.toString().includes('ready') && resolve()));
const target: DbTarget = { url: values.url ?? `http://127.0.0.1:${port}`, ns: 'seed-bench' };
try {
  const t1 = performance.now();
  const limits = { bytes: Number(values['batch-kb']) * 1024, keys: Number(values.keys) };
  const report = await writeDatabase(
    tree,
    target,
    new Map(),
    { flags: { seed: 1, days: 0, scale: 0, today: 0, batchKb: Number(values['batch-kb']) }, limits, progressFile: progressFile(dir, target.url, target.ns), resumeFrom: null },
    (line) => console.log(line),
  );
  console.log(`wrote ${(report.bytes / 1e6).toFixed(1)} MB in ${report.requests} requests (${report.batches} batches) in ${secs(t1)}`);
  for (const [top, value] of Object.entries(tree)) {
    const stored = (await ownerRequest(target, 'GET', top, undefined, '&shallow=true')) as Record<string, unknown> | null;
    const want = Object.keys(value as object).length;
    const got = stored === null ? 0 : Object.keys(stored).length;
    if (got !== want) throw new Error(`/${top}: ${got} children stored, ${want} generated`);
  }
  console.log(`every collection holds as many children as generated; ${load()}`);
} finally {
  if (server !== null) {
    server.kill('SIGTERM');
    await new Promise((r) => server.once('exit', r));
  }
  rmSync(dir, { recursive: true, force: true });
}
