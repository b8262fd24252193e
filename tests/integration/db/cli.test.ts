import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { get, onValue, ref, set } from 'firebase/database';
import { until } from '../support/dbHarness.ts';
import { CLI, freePort, killAllCli, restCall, runCli, sdkClient, spawnNpmDb, startCli } from '../support/cliProcess.ts';

const OPEN = JSON.stringify({ rules: { '.read': true, '.write': true } });
const CLOSED = JSON.stringify({ rules: { '.read': false, '.write': false } });
const DEFAULT_NS = 'demo-doms-default-rtdb';

describe('CLI: npm run db / tsx server/cli.ts', () => {
  let tmp: string;
  let data: string;
  let rules: string;
  let imp: string;
  const closers: (() => Promise<void>)[] = [];

  beforeEach(() => {
    tmp = mkdtempSync(join(tmpdir(), 'doms-cli-'));
    data = join(tmp, 'data');
    rules = join(tmp, 'rules.json');
    imp = join(tmp, 'import.json');
    writeFileSync(rules, OPEN);
    writeFileSync(imp, JSON.stringify({ catalog: { p1: { name: 'Shirt', price: 12.5 } }, settings: { currency: 'EUR' } }));
  });
  afterEach(async () => {
    await Promise.all(closers.splice(0).map((c) => c()));
    await killAllCli();
    rmSync(tmp, { recursive: true, force: true });
  });

  const flags = (port: number, extra: string[] = []) => ['--port', String(port), '--host', '127.0.0.1', '--data', data, '--rules', rules, ...extra];

  it('prints exactly one line with its URL when ready, serves the imported data, exits 0 on SIGTERM', async () => {
    const port = await freePort();
    const server = await startCli(flags(port, ['--import', imp]));
    expect(server.url).toBe(`http://127.0.0.1:${port}`);
    // Imported into the default namespace: REST without ?ns= and an SDK client of that namespace see it.
    const rest = await restCall(server.url, 'GET', '/.json');
    expect(rest.json).toEqual({ catalog: { p1: { name: 'Shirt', price: 12.5 } }, settings: { currency: 'EUR' } });
    const client = sdkClient(port, DEFAULT_NS);
    closers.push(client.close);
    expect((await get(ref(client.db, 'catalog/p1/name'))).val()).toBe('Shirt');
    const t0 = Date.now();
    server.signal('SIGTERM');
    const exit = await server.waitExit(5000);
    expect(exit.code).toBe(0);
    expect(Date.now() - t0).toBeLessThan(5000);
    const lines = server.stdout.split('\n').filter((l) => l.length > 0);
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(new RegExp(`^Realtime Database server ready at http://127\\.0\\.0\\.1:${port}\\b`));
  });

  it("the tests' startCli moves to a new port when the one it was given is taken before the CLI binds it", async () => {
    const blocker = createServer();
    await new Promise<void>((done) => blocker.listen(0, '127.0.0.1', done));
    closers.push(() => new Promise<void>((done) => blocker.close(() => done())));
    const taken = (blocker.address() as AddressInfo).port;
    const server = await startCli(flags(taken));
    expect(server.port).not.toBe(taken);
    expect((await restCall(server.url, 'PUT', '/x.json', { body: '1' })).status).toBe(200);
    // Any other start failure is not retried: a bad flag fails as it is.
    await expect(startCli(flags(await freePort(), ['--no-such-flag']))).rejects.toThrow(/exited \(\{"code":2/);
  });

  it('skips --import on a later start when the database is not empty, keeping the data', async () => {
    const first = await startCli(flags(await freePort(), ['--import', imp]));
    expect((await restCall(first.url, 'PUT', '/added.json', { body: '{"by":"rest"}' })).status).toBe(200);
    first.signal('SIGTERM');
    expect((await first.waitExit()).code).toBe(0);

    const other = join(tmp, 'other.json');
    writeFileSync(other, JSON.stringify({ replaced: true }));
    const second = await startCli(flags(await freePort(), ['--import', other]));
    expect((await restCall(second.url, 'GET', '/.json')).json).toEqual({
      catalog: { p1: { name: 'Shirt', price: 12.5 } },
      settings: { currency: 'EUR' },
      added: { by: 'rest' },
    });
    expect(second.stderr).toMatch(/--import .*other\.json skipped/);
  }, 60_000);

  for (const sig of ['SIGTERM', 'SIGINT'] as const) {
    it(`on ${sig} it exits 0 promptly with a client connected, and what was written is there on the next start`, async () => {
      const port = await freePort();
      const server = await startCli(flags(port, ['--ns', 'sig-ns']));
      const client = sdkClient(port, 'sig-ns');
      closers.push(client.close);
      const seen: unknown[] = [];
      onValue(ref(client.db, 'w'), (s) => seen.push(s.val()));
      await Promise.all(Array.from({ length: 50 }, (_, i) => set(ref(client.db, `w/k${i}`), { i, sig })));
      await until(() => seen.length > 0 && Object.keys((seen.at(-1) ?? {}) as object).length === 50, 'own writes');
      const t0 = Date.now();
      // SIGINT as Ctrl-C does it (to the whole group), SIGTERM as `kill pid` does it.
      if (sig === 'SIGINT') server.signalGroup(sig);
      else server.signal(sig);
      const exit = await server.waitExit(5000);
      expect(exit).toEqual({ code: 0, signal: null });
      expect(Date.now() - t0).toBeLessThan(5000);
      expect(server.stderr).toContain(`${sig}: flushed and stopped`);
      await client.close();
      closers.pop();

      const again = await startCli(flags(await freePort(), ['--ns', 'sig-ns']));
      const got = (await restCall(again.url, 'GET', '/w.json')).json as Record<string, { i: number; sig: string }>;
      expect(Object.keys(got)).toHaveLength(50);
      for (let i = 0; i < 50; i++) expect(got[`k${i}`]).toEqual({ i, sig });
    }, 60_000);
  }

  it('a bad flag or bad port exits with code 2 and a usage message', async () => {
    const ports = ['abc', '70000', '-1', '1.5'];
    const [bad, missing, ...byPort] = await Promise.all([runCli(['--bogus']), runCli(['--port']), ...ports.map((p) => runCli(['--port', p, '--data', data]))]);
    expect(bad?.code).toBe(2);
    expect(bad?.stderr).toContain('bogus');
    expect(bad?.stderr).toContain('Usage: npm run db --');
    expect(bad?.stdout).toBe('');
    expect(missing?.code).toBe(2);
    expect(missing?.stderr).toContain('Usage:');
    byPort.forEach((res, i) => {
      expect(res.code, ports[i]).toBe(2);
      expect(res.stderr, ports[i]).toContain('--port');
      expect(res.stderr, ports[i]).toContain('Usage:');
    });
  }, 60_000);

  it('defaults: port 9000 on 127.0.0.1 (from --help and from cli.ts)', async () => {
    const help = await runCli(['--help']);
    expect(help.code).toBe(0);
    expect(help.stdout).toMatch(/^Usage: npm run db -- /);
    const defaults = Object.fromEntries([...help.stdout.matchAll(/\[--(\w+) ([^\]]+)\]/g)].map((m) => [m[1], m[2]]));
    expect(defaults['port']).toBe('9000');
    expect(defaults['host']).toBe('127.0.0.1');
    const source = readFileSync(CLI, 'utf8');
    expect(source).toMatch(/port:\s*\{\s*type:\s*'string',\s*default:\s*'9000'\s*\}/);
    expect(source).toMatch(/host:\s*\{\s*type:\s*'string',\s*default:\s*'127\.0\.0\.1'\s*\}/);
  });

  it('npm run db -- --port X ... starts the server', async () => {
    const port = await freePort();
    const server = spawnNpmDb(flags(port, ['--import', imp]));
    const url = await server.ready();
    expect(url).toBe(`http://127.0.0.1:${port}`);
    expect((await restCall(url, 'GET', '/settings/currency.json')).json).toBe('EUR');
    server.signalGroup('SIGTERM');
    await server.waitExit(10_000);
    await server.waitGroupGone(10_000);
    await expect(fetch(`${url}/.json`)).rejects.toThrow();
  }, 60_000);

  it('picks up a rules file created after the start (none at start: everything denied)', async () => {
    rmSync(rules);
    const server = await startCli(flags(await freePort()));
    expect(server.stderr).toContain('not found');
    expect((await restCall(server.url, 'GET', '/x.json', { token: null })).status).toBe(401);
    writeFileSync(rules, OPEN);
    const deadline = Date.now() + 5000;
    let status = 0;
    while (Date.now() < deadline) {
      status = (await restCall(server.url, 'PUT', '/x.json', { token: null, body: '5' })).status;
      if (status === 200) break;
      await new Promise((r) => setTimeout(r, 50));
    }
    expect(status).toBe(200);
    expect((await restCall(server.url, 'GET', '/x.json', { token: null })).json).toBe(5);
  }, 60_000);

  it('reloads the rules file while running: requests flip from denied to allowed and back', async () => {
    writeFileSync(rules, CLOSED);
    const port = await freePort();
    const server = await startCli(flags(port, ['--ns', 'rules-ns']));
    const client = sdkClient(port, 'rules-ns');
    closers.push(client.close);
    expect((await restCall(server.url, 'GET', '/x.json', { token: null })).status).toBe(401);
    await expect(set(ref(client.db, 'x'), 1)).rejects.toThrow(/PERMISSION_DENIED/);

    writeFileSync(rules, `// opened while running\n${OPEN}`);
    const t0 = Date.now();
    const deadline = t0 + 5000;
    let status = 0;
    while (Date.now() < deadline) {
      status = (await restCall(server.url, 'GET', '/x.json', { token: null })).status;
      if (status === 200) break;
      await new Promise((r) => setTimeout(r, 50));
    }
    expect(status).toBe(200);
    await set(ref(client.db, 'x'), 1);
    expect((await get(ref(client.db, 'x'))).val()).toBe(1);
    expect((await restCall(server.url, 'GET', '/.settings/rules.json')).json).toEqual(JSON.parse(OPEN));

    // A broken rules file is refused with a message and the previous rules stay.
    writeFileSync(rules, '{ "rules": { ".read": ');
    await until(() => server.stderr.includes('rejected, keeping the previous rules'), 'rejection message', 5000);
    expect((await restCall(server.url, 'GET', '/x.json', { token: null })).json).toBe(1);

    writeFileSync(rules, CLOSED);
    const back = Date.now() + 5000;
    status = 0;
    while (Date.now() < back) {
      status = (await restCall(server.url, 'GET', '/x.json', { token: null })).status;
      if (status === 401) break;
      await new Promise((r) => setTimeout(r, 50));
    }
    expect(status).toBe(401);
    await expect(set(ref(client.db, 'x'), 2)).rejects.toThrow(/PERMISSION_DENIED/);
  }, 60_000);
});
