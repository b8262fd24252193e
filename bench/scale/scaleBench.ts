/**
 * `npm run bench:scale`: a year of a busy distributor (issue 11). Seeds the business with
 * `npm run seed`'s own code into a local database server running as its own process (once: the
 * data folder is kept for the next run), restarts the server and times how long it takes to load
 * the namespace and how much memory it holds, then signs an admin in in Chromium and prints, per
 * staff screen, the bytes received over the WebSocket and the time until it showed its data,
 * then the bytes of a reopen (same browser profile, signed in: Home, then Pending resumed from its
 * saved copy, then Billing) and the page's JS heap.
 * Prints figures only; it is not a test.
 *
 *   npm run bench:scale -- [--days 365] [--scale 10] [--data .data/bench-scale] [--reseed]
 */
import { existsSync, mkdirSync, rmSync } from 'node:fs';
import { cpus, loadavg, totalmem } from 'node:os';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { DEMO_ACCOUNTS } from '../../server/seed/demoAccounts.ts';
import { parseSeedArgs, runSeed } from '../../server/seed/run.ts';
import { freePort, startAuthEmulator } from '../../tests/support/authEmulator.ts';
import { launchChromium } from '../../tests/browser/support/chromium.ts';
import { formatCosts, measureStaffScreens, openScreen, settle, WireMeter } from '../../tests/browser/support/screenBytes.ts';
import { startAppServer } from '../../tests/browser/support/stack.ts';
import { restoreDemoUsers, rssMb, startDb as startDbAt, stopDb, touchOneOfEach as touchAt } from './scaleStack.ts';

const { values } = parseArgs({
  options: {
    days: { type: 'string', default: '365' },
    scale: { type: 'string', default: '10' },
    data: { type: 'string', default: '.data/bench-scale' },
    reseed: { type: 'boolean', default: false },
  },
  strict: true,
});
const days = values.days;
const scale = values.scale;
const dataDir = resolve(values.data, `${days}d-x${scale}`);
const marker = resolve(dataDir, 'seeded.json');
const startDb = (port: number) => startDbAt(port, dataDir);

const admin = DEMO_ACCOUNTS.find((a) => a.role === 'admin' && a.status === 'active');
if (admin === undefined) throw new Error('no demo admin');

console.log(`machine: ${cpus().length} × ${cpus()[0]?.model ?? '?'}, ${(totalmem() / 2 ** 30).toFixed(0)} GiB, node ${process.version}, load ${loadavg()[0]?.toFixed(2)}`);
const auth = await startAuthEmulator(await freePort());
const port = await freePort();
let db = await startDb(port);
try {
  if (values.reseed || !existsSync(marker)) {
    await stopDb(db);
    rmSync(dataDir, { recursive: true, force: true });
    mkdirSync(dataDir, { recursive: true });
    db = await startDb(port);
    const flags = parseSeedArgs(['--days', days, '--scale', scale, '--db-url', `http://127.0.0.1:${port}`, '--auth-host', auth.host], new Date());
    if (flags === null) throw new Error('seed flags');
    const t = performance.now();
    await runSeed(flags, (line) => console.log(line));
    console.log(`seeded in ${((performance.now() - t) / 1000).toFixed(1)} s`);
    (await import('node:fs')).writeFileSync(marker, JSON.stringify({ days, scale, at: new Date().toISOString() }));
  } else {
    console.log(`using the business seeded in ${dataDir} (--reseed to start over)`);
    await restoreDemoUsers(auth.host, port);
  }

  // The server's start on the full database: restart, then time the namespace's first load.
  await stopDb(db);
  const startedAt = performance.now();
  db = await startDb(port);
  const loadMs = performance.now() - startedAt;
  const pid = db.pid as number;
  console.log(`server: started and loaded the namespace in ${(loadMs / 1000).toFixed(1)} s, RSS ${rssMb(pid).toFixed(0)} MB`);

  const touchOneOfEach = () => touchAt(port);
  await touchOneOfEach();
  const { vite, cacheDir } = await startAppServer(auth.host, port);
  const browser = await launchChromium();
  try {
    const url = vite.resolvedUrls?.local[0] as string;
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    const page = await context.newPage();
    const costs = await measureStaffScreens(page, url, admin);
    const heap = (await page.evaluate(() => (performance as unknown as { memory?: { usedJSHeapSize: number } }).memory?.usedJSHeapSize ?? 0)) / 2 ** 20;
    await page.close();
    await touchOneOfEach(); // changed elsewhere between the sessions
    // Reopen: the same profile (IndexedDB, the signed-in user), a new tab.
    const again = await context.newPage();
    const meter2 = new WireMeter(again);
    const startedReopen = Date.now();
    await again.goto(url);
    await again.getByTestId('greeting').waitFor({ timeout: 60_000 });
    const reopenMs = await settle(again, meter2, startedReopen);
    const reopenHomeBytes = meter2.bytes;
    // Pending (its orders, the catalogue and parties) resumes from the saved copies the first
    // visit left (only what changed since comes); Billing reads its window again.
    const reopened = [await openScreen(again, meter2, 'pending'), await openScreen(again, meter2, 'billing')];
    console.log(`\nscreens (${days} days × ${scale}; bytes received over the WebSocket, time until the data shows):\n${formatCosts(costs)}`);
    console.log(`reopen Home: ${(reopenHomeBytes / 1024).toFixed(1)} KB, ${reopenMs} ms`);
    console.log(`then (same tab):\n${formatCosts(reopened)}`);
    console.log(`JS heap after every screen: ${heap.toFixed(1)} MB`);
    console.log(`server RSS after the run: ${rssMb(pid).toFixed(0)} MB`);
    await context.close();
  } finally {
    await browser.close();
    await vite.close();
    rmSync(cacheDir, { recursive: true, force: true });
  }
} finally {
  await stopDb(db);
  await auth.stop();
}
