import { randomBytes } from 'node:crypto';
import { appendFileSync, createWriteStream, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, truncateSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { get, push, ref, set, update } from 'firebase/database';
import { WebSocket } from 'ws';
import { freePort, killAllCli, restCall, sdkClient, spawnCli, startCli, type CliServer } from '../support/cliProcess.ts';

const NS = 'dur-ns';

describe('durability of the CLI server', () => {
  let tmp: string;
  let data: string;
  let rules: string;
  const closers: (() => Promise<void>)[] = [];

  beforeEach(() => {
    tmp = mkdtempSync(join(tmpdir(), 'doms-dur-'));
    data = join(tmp, 'data');
    rules = join(tmp, 'rules.json');
    writeFileSync(rules, JSON.stringify({ rules: { '.read': true, '.write': true, items: { '.indexOn': ['n'] } } }));
  });
  afterEach(async () => {
    await Promise.all(closers.splice(0).map((c) => c()));
    await killAllCli();
    rmSync(tmp, { recursive: true, force: true });
  });

  const start = async (ns = NS): Promise<CliServer> => startCli(['--port', String(await freePort()), '--host', '127.0.0.1', '--data', data, '--rules', rules, '--ns', ns]);
  const stop = async (server: CliServer): Promise<void> => {
    server.signal('SIGTERM');
    expect((await server.waitExit()).code).toBe(0);
  };
  const client = (server: CliServer) => {
    const c = sdkClient(server.port, NS);
    closers.push(c.close);
    return c.db;
  };
  const restGet = async (server: CliServer, path: string): Promise<unknown> => (await restCall(server.url, 'GET', path)).json;

  it('every acknowledged write survives kill -9 of the server process group', async () => {
    const server = await start();
    const db = client(server);
    const N = 500;
    // A batch of concurrent sets, each awaited.
    await Promise.all(Array.from({ length: N }, (_, i) => set(ref(db, `acked/k${i}`), { i, text: `value ${i}`, pad: 'x'.repeat(i % 97) })));
    // Updates, pushes and a REST write, all acknowledged.
    await update(ref(db), { 'multi/a': 1, 'multi/b': { c: 2 }, 'acked/k0/text': 'updated' });
    const pushed = push(ref(db, 'pushed'), { p: true });
    await pushed;
    expect((await restCall(server.url, 'PUT', '/rest.json', { body: '{"via":"rest"}' })).status).toBe(200);
    // More writes in flight while the process is killed: those acknowledged before the kill must survive.
    const acked = new Set<number>();
    const inflight = Array.from({ length: 300 }, (_, i) =>
      set(ref(db, `late/k${i}`), i).then(
        () => acked.add(i),
        () => undefined,
      ),
    );
    while (acked.size < 100) await new Promise((r) => setTimeout(r, 1));
    const ackedAtKill = new Set(acked);
    server.signalGroup('SIGKILL');
    const exit = await server.waitExit();
    expect(exit.signal).toBe('SIGKILL');
    void Promise.allSettled(inflight);
    await Promise.all(closers.splice(0).map((c) => c()));

    const again = await start();
    const all = (await restGet(again, '/.json')) as {
      acked: Record<string, { i: number; text: string; pad?: string }>;
      multi: unknown;
      pushed: Record<string, unknown>;
      rest: unknown;
      late?: Record<string, number>;
    };
    expect(Object.keys(all.acked)).toHaveLength(N);
    for (let i = 0; i < N; i++) {
      expect(all.acked[`k${i}`]).toEqual({ i, text: i === 0 ? 'updated' : `value ${i}`, pad: 'x'.repeat(i % 97) });
    }
    expect(all.multi).toEqual({ a: 1, b: { c: 2 } });
    expect(all.pushed).toEqual({ [pushed.key as string]: { p: true } });
    expect(all.rest).toEqual({ via: 'rest' });
    for (const i of ackedAtKill) expect(all.late?.[`k${i}`], `late/k${i}`).toBe(i);
    // And the restarted server is consistent with an SDK client.
    const db2 = client(again);
    expect((await get(ref(db2, 'acked/k499/i'))).val()).toBe(499);
  }, 90_000);

  it('a torn last log record, then garbage at the end, are dropped with a warning naming the log', async () => {
    const logPath = join(data, NS, 'log');
    const first = await start();
    const db = client(first);
    for (let i = 0; i < 20; i++) await set(ref(db, `t/k${i}`), { i, s: 'y'.repeat(i) });
    await Promise.all(closers.splice(0).map((c) => c()));
    await stop(first);

    const full = statSync(logPath).size;
    truncateSync(logPath, full - 3);

    const second = await start();
    expect(second.stderr).toContain('warning');
    expect(second.stderr).toContain(logPath);
    expect(second.stderr).toMatch(/truncated record/);
    const t = (await restGet(second, '/t.json')) as Record<string, unknown>;
    for (let i = 0; i < 19; i++) expect(t[`k${i}`], `k${i}`).toEqual({ i, s: 'y'.repeat(i) });
    // The torn record itself is gone, and the log was cut back to the last good record.
    expect(t['k19']).toBeUndefined();
    const goodEnd = statSync(logPath).size;
    expect(goodEnd).toBeLessThan(full - 3);
    expect((await restCall(second.url, 'PUT', '/t/k20.json', { body: '{"i":20}' })).status).toBe(200);
    await stop(second);

    const garbage = randomBytes(64);
    appendFileSync(logPath, garbage);
    const third = await start();
    expect(third.stderr).toContain('warning');
    expect(third.stderr).toContain(logPath);
    expect(third.stderr).toContain('dropping 64 bytes');
    const t3 = (await restGet(third, '/t.json')) as Record<string, unknown>;
    expect(Object.keys(t3).sort()).toEqual([...Array.from({ length: 19 }, (_, i) => `k${i}`), 'k20'].sort());
    expect(t3['k20']).toEqual({ i: 20 });
    await stop(third);

    // The log is clean again: the next start warns about nothing.
    const fourth = await start();
    expect(fourth.stderr).not.toContain('warning');
    expect(Object.keys((await restGet(fourth, '/t.json')) as object)).toHaveLength(20);
  }, 90_000);

  it('a corrupt record in the middle of the log keeps everything before it (CRC mismatch)', async () => {
    const logPath = join(data, NS, 'log');
    const first = await start();
    for (let i = 0; i < 5; i++) expect((await restCall(first.url, 'PUT', `/c/k${i}.json`, { body: String(i) })).status).toBe(200);
    await stop(first);
    const buf = readFileSync(logPath);
    // Flip one byte inside the JSON of the 4th record (`<len>:<crc>:<json>`): its CRC no longer matches.
    const lines = buf.toString('latin1').split('\n');
    expect(lines.length).toBeGreaterThanOrEqual(5);
    const lineStart = lines.slice(0, 3).reduce((n, l) => n + l.length + 1, 0);
    const fourth = lines[3] as string;
    const at = lineStart + fourth.indexOf(':', fourth.indexOf(':') + 1) + 5;
    expect(at).toBeLessThan(lineStart + fourth.length);
    buf[at] = (buf[at] as number) ^ 0x01;
    writeFileSync(logPath, buf);
    const second = await start();
    expect(second.stderr).toContain(logPath);
    expect(second.stderr).toContain('CRC mismatch');
    expect(await restGet(second, '/c.json')).toEqual({ k0: 0, k1: 1, k2: 2 });
  }, 60_000);

  it('a namespace whose snapshot.json is corrupt does not take the server down (REST or WebSocket)', async () => {
    mkdirSync(join(data, 'broken-ns'), { recursive: true });
    writeFileSync(join(data, 'broken-ns', 'snapshot.json'), '{"a": ');
    const server = await start();
    expect((await restCall(server.url, 'PUT', '/ok.json', { body: '1' })).status).toBe(200);
    const rest = await restCall(server.url, 'GET', '/a.json', { ns: 'broken-ns' });
    expect(rest.status).toBeGreaterThanOrEqual(400);
    // An SDK-style WebSocket connection to the broken namespace: refused or closed, but the server lives on.
    const ws = new WebSocket(`ws://127.0.0.1:${server.port}/.ws?v=5&ns=broken-ns`);
    ws.on('error', () => undefined);
    await new Promise((resolve) => {
      ws.once('close', resolve);
      ws.once('unexpected-response', resolve);
      setTimeout(resolve, 2000);
    });
    ws.terminate();
    await new Promise((r) => setTimeout(r, 300));
    expect(server.running).toBe(true);
    expect((await restCall(server.url, 'GET', '/ok.json')).json).toBe(1);
    const c = client(server);
    expect((await get(ref(c, 'ok'))).val()).toBe(1);
  }, 60_000);

  it('benchmark: a server started on a ~50 MB snapshot serves it correctly', async () => {
    const dir = join(data, 'big-ns');
    mkdirSync(dir, { recursive: true });
    const file = join(dir, 'snapshot.json');
    const COUNT = 50_000;
    const pad = 'p'.repeat(1000);
    const out = createWriteStream(file);
    out.write('{"items":{');
    for (let i = 0; i < COUNT; i++) {
      const key = `i${String(i).padStart(5, '0')}`;
      out.write(`${i > 0 ? ',' : ''}"${key}":${JSON.stringify({ n: i, name: `item ${i}`, tags: { even: i % 2 === 0 }, pad })}`);
    }
    out.write('},"meta":{"count":50000}}');
    await new Promise<void>((resolve, reject) => out.end((e?: Error | null) => (e ? reject(e) : resolve())));
    const bytes = statSync(file).size;
    expect(bytes).toBeGreaterThan(50 * 1024 * 1024);

    const t0 = performance.now();
    const server = spawnCli(['--port', String(await freePort()), '--host', '127.0.0.1', '--data', data, '--rules', rules, '--ns', 'big-ns']);
    await server.ready(120_000);
    const ready = performance.now() - t0;
    const first = await restCall(server.url, 'GET', '/items/i12345.json');
    const firstRead = performance.now() - t0;
    const report = `[bench] ${(bytes / 1024 / 1024).toFixed(1)} MB snapshot: ready after ${ready.toFixed(0)} ms (process start included), first read after ${firstRead.toFixed(0)} ms`;
    console.log(report);
    // vitest keeps console output of passing tests quiet (silent: 'passed-only'); show it anyway.
    process.stderr.write(`${report}\n`);

    expect(first.json).toEqual({ n: 12345, name: 'item 12345', tags: { even: false }, pad });
    expect(await restGet(server, '/meta.json')).toEqual({ count: COUNT });
    const shallow = (await restGet(server, '/items.json?shallow=true')) as Record<string, boolean>;
    expect(Object.keys(shallow)).toHaveLength(COUNT);
    const last = await restGet(server, `/items.json?orderBy=${encodeURIComponent('"$key"')}&limitToLast=2`);
    expect(Object.keys(last as object).sort()).toEqual(['i49998', 'i49999']);
    const byChild = await restGet(server, `/items.json?orderBy=${encodeURIComponent('"n"')}&equalTo=777`);
    expect(Object.keys(byChild as object)).toEqual(['i00777']);
    const c = sdkClient(server.port, 'big-ns');
    closers.push(c.close);
    expect((await get(ref(c.db, 'items/i00042/name'))).val()).toBe('item 42');
    // A write on top of the big snapshot goes to the log and survives a restart.
    await set(ref(c.db, 'items/i00042/name'), 'renamed');
    await Promise.all(closers.splice(0).map((x) => x()));
    await stop(server);
    const again = spawnCli(['--port', String(await freePort()), '--host', '127.0.0.1', '--data', data, '--rules', rules, '--ns', 'big-ns']);
    await again.ready(120_000);
    expect(await restGet(again, '/items/i00042/name.json')).toBe('renamed');
    expect(await restGet(again, '/items/i49999/n.json')).toBe(49_999);
  }, 240_000);
});
