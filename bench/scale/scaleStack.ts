/**
 * What the year-scale benchmarks share (`npm run bench:scale`, `npm run bench:screens`): the
 * local database server as its own process over a seeded data folder, the demo accounts made
 * again in a fresh Auth emulator, and the "another device changed one of each" touch.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { ensureAccounts } from '../../server/seed/authAccounts.ts';
import { DEMO_ACCOUNTS, placeholderUid } from '../../server/seed/demoAccounts.ts';

export const NS = 'demo-doms-default-rtdb';

/** Starts `npm run db` on `port` over `dataDir`; resolves once it answers. */
export async function startDb(port: number, dataDir: string): Promise<ChildProcess> {
  // node itself, not the tsx wrapper: the pid must be the server's, for its memory.
  const child = spawn(process.execPath, ['--import', 'tsx', 'server/cli.ts', '--port', String(port), '--data', dataDir, '--ns', NS, '--send-budget-mb', '64'], {
    stdio: ['ignore', 'inherit', 'inherit'],
  });
  for (let i = 0; i < 600; i++) {
    try {
      await fetch(`http://127.0.0.1:${port}/.json?ns=${NS}&shallow=true&auth=owner`, { signal: AbortSignal.timeout(1000) }).then((r) => r.text());
      return child;
    } catch {
      await new Promise((r) => setTimeout(r, 100));
    }
  }
  throw new Error('the database server did not start');
}

/** Resident memory of a process, MB (Linux). */
export const rssMb = (pid: number): number => Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1] ?? 0) / 1024;

export const stopDb = (child: ChildProcess): Promise<void> =>
  new Promise((r) => {
    child.once('exit', () => r());
    child.kill('SIGTERM');
  });

/**
 * The Auth emulator starts empty each run: makes the demo accounts again and gives each new uid
 * the users record the seed wrote for that email.
 */
export async function restoreDemoUsers(authHost: string, port: number): Promise<void> {
  const uids = await ensureAccounts(authHost, DEMO_ACCOUNTS);
  const base = `http://127.0.0.1:${port}`;
  const users = (await (await fetch(`${base}/users.json?ns=${NS}&auth=owner`)).json()) as Record<string, { email: string }>;
  for (const a of DEMO_ACCOUNTS) {
    const record = Object.values(users).find((u) => u.email === a.email);
    const uid = uids.get(placeholderUid(a));
    if (record === undefined || uid === undefined) continue;
    const res = await fetch(`${base}/users/${uid}.json?ns=${NS}&auth=owner`, { method: 'PUT', body: JSON.stringify(record) });
    if (!res.ok) throw new Error(`users/${uid}: ${res.status}`);
  }
}

/**
 * Another device changes one pending order, one product and one party (their stamps move to
 * now), as happens many times on any working day. Done before the first session too: data
 * stamped by `npm run migrate` (all records of a collection in one write, so all with one
 * `updatedAt`) would have the saved copy's newest stamp shared by all of them, and a resume
 * reads the records at that stamp again.
 */
export async function touchOneOfEach(port: number): Promise<void> {
  const base = `http://127.0.0.1:${port}`;
  for (const collection of ['orders', 'catalog', 'parties']) {
    const newest = Object.keys(((await (await fetch(`${base}/${collection}.json?ns=${NS}&auth=owner&orderBy=%22updatedAt%22&limitToLast=1`)).json()) ?? {}) as Record<string, unknown>);
    for (const id of newest) await fetch(`${base}/${collection}/${id}.json?ns=${NS}&auth=owner`, { method: 'PATCH', body: JSON.stringify({ updatedAt: { '.sv': 'timestamp' } }) });
  }
}
