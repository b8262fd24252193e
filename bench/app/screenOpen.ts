/**
 * `npm run bench:screens`: how fast the Sent, Stock and Pending screens (and Deleted, Expired)
 * open with a year of a busy distributor (issue 12 target: ≤ 300 ms each, on desktop and at 4×
 * CPU slowdown, with ≤ 3,000 DOM nodes). Uses the business `npm run bench:scale` seeded (its data
 * folder; run that first), served by `npm run db` as its own process; signs the demo admin in in
 * Chromium (a production build of the apps, served by Vite's preview server: the dev server adds Preact's debug hooks and unbundled modules) and opens each screen from Home. The time is read from performance
 * marks: the bench marks `bench-nav:<screen>` as it changes the URL, the app marks
 * `screen-ready:<screen>` once the screen's data is on screen and painted (src/ui/useScreenTiming.ts).
 * Each screen is opened three ways: first in the session (its data downloaded), again in the
 * same session (data held: the render alone), and in a new tab of the same profile (Pending,
 * Stock resumed from the device's saved copies). Prints figures only; it is not a test.
 *
 *   npm run bench:screens -- [--data .data/bench-scale] [--days 365] [--scale 10] [--runs 3] [--db-port N]
 *
 * With `--db-port`, a `npm run db` already serving that business on port N is used (and left running).
 */
import { existsSync } from 'node:fs';
import { cpus, loadavg, totalmem } from 'node:os';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import type { Page } from 'playwright-core';
import { DEMO_ACCOUNTS } from '../../server/seed/demoAccounts.ts';
import { freePort, startAuthEmulator } from '../../tests/support/authEmulator.ts';
import { launchChromium } from '../../tests/browser/support/chromium.ts';
import { coldOpenHome, openScreen, settle, WireMeter } from '../../tests/browser/support/screenBytes.ts';
import { startBuiltAppServer } from '../../tests/browser/support/stack.ts';
import { restoreDemoUsers, startDb, stopDb, touchOneOfEach } from '../scale/scaleStack.ts';

const { values } = parseArgs({
  options: {
    days: { type: 'string', default: '365' },
    scale: { type: 'string', default: '10' },
    data: { type: 'string', default: '.data/bench-scale' },
    runs: { type: 'string', default: '3' },
    // A server already running over the data folder (its load takes minutes on a busy machine).
    'db-port': { type: 'string' },
  },
  strict: true,
});
const dataDir = resolve(values.data, `${values.days}d-x${values.scale}`);
if (!existsSync(resolve(dataDir, 'seeded.json'))) throw new Error(`${dataDir} holds no seeded business: run npm run bench:scale -- --data ${values.data} first`);
const RUNS = Math.max(1, Number(values.runs) || 3);
const SCREENS = ['pending', 'sent', 'stock', 'deleted', 'expired'] as const;
type Screen = (typeof SCREENS)[number];
const PROFILES = [
  { name: 'desktop', rate: 1 },
  { name: '4× CPU slowdown', rate: 4 },
] as const;
type Way = 'first' | 'again' | 'new tab';
type Figure = { profile: string; screen: Screen; way: Way; ms: number; appMs: number; nodes: number; kb: number };

const admin = DEMO_ACCOUNTS.find((a) => a.role === 'admin' && a.status === 'active');
if (admin === undefined) throw new Error('no demo admin');

/** Opens `screen` from wherever the page is, through the URL as the navigation does; times it by the marks. */
async function timedOpen(page: Page, meter: WireMeter, screen: Screen): Promise<{ ms: number; appMs: number; nodes: number; kb: number }> {
  await settle(page, meter, Date.now(), 500);
  const before = meter.bytes;
  await page.evaluate((id) => {
    performance.clearMarks(`screen-ready:${id}`);
    performance.clearMeasures(`screen:${id}`);
    performance.mark(`bench-nav:${id}`);
    location.hash = `#/${id}`;
  }, screen);
  await page.waitForFunction((id) => performance.getEntriesByName(`screen-ready:${id}`).length > 0, screen, { timeout: 120_000, polling: 20 });
  // The DOM is counted once the list has drawn all it will (a long list draws its first cards in
  // the first frame and the rest a frame later; src/ui/useRenderLimit.ts): the most the screen holds.
  await page.evaluate(() => new Promise<void>((done) => requestAnimationFrame(() => requestAnimationFrame(() => requestAnimationFrame(() => setTimeout(done, 100))))));
  return page.evaluate(
    ({ id, before }) => {
      const nav = performance.getEntriesByName(`bench-nav:${id}`).at(-1) as PerformanceEntry;
      const ready = performance.getEntriesByName(`screen-ready:${id}`).at(-1) as PerformanceEntry;
      const app = performance.getEntriesByName(`screen:${id}`).at(-1);
      return { ms: ready.startTime - nav.startTime, appMs: app?.duration ?? Number.NaN, nodes: document.querySelectorAll('*').length, kb: before };
    },
    { id: screen, before },
  ).then((r) => ({ ...r, kb: (meter.bytes - before) / 1024 }));
}

/** Prints one figure as it is measured (a later timeout loses nothing), and returns it. */
function note(f: Figure): Figure {
  console.log(`  ${f.profile}, ${f.screen}, ${f.way}: ${f.ms.toFixed(0)} ms (app ${f.appMs.toFixed(0)}), ${f.nodes} nodes, ${f.kb.toFixed(1)} KB`);
  return f;
}

const median = (xs: number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor((s.length - 1) / 2)] ?? Number.NaN;
};

console.log(`machine: ${cpus().length} × ${cpus()[0]?.model ?? '?'}, ${(totalmem() / 2 ** 30).toFixed(0)} GiB, node ${process.version}, load ${loadavg()[0]?.toFixed(2)}`);
/** The Auth emulator, tried up to three times (each try may take its 90 s on a busy machine). */
async function authEmulator(): Promise<Awaited<ReturnType<typeof startAuthEmulator>>> {
  for (let i = 1; ; i++) {
    try {
      return await startAuthEmulator(await freePort());
    } catch (e) {
      if (i === 3) throw e;
      console.log(`the Auth emulator did not start (try ${i}); trying again`);
    }
  }
}
const auth = await authEmulator();
const port = values['db-port'] === undefined ? await freePort() : Number(values['db-port']);
const t0 = performance.now();
const db = values['db-port'] === undefined ? await startDb(port, dataDir) : null;
console.log(db === null ? `using the server on port ${port}` : `server ready in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
const figures: Figure[] = [];
try {
  await restoreDemoUsers(auth.host, port);
  await touchOneOfEach(port);
  const app = await startBuiltAppServer(auth.host, port);
  const browser = await launchChromium();
  try {
    const url = app.url;
    for (const profile of PROFILES) {
      for (let run = 1; run <= RUNS; run++) {
        const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
        // Today's dispatch reminder already ran on this profile (the notification is not measured).
        await context.addInitScript(() => localStorage.setItem('doms.dispatchReminders.lastRun', String(Date.now())));
        const page = await context.newPage();
        const cdp = await context.newCDPSession(page);
        await cdp.send('Emulation.setCPUThrottlingRate', { rate: profile.rate });
        const meter = new WireMeter(page);
        await coldOpenHome(page, url, meter, admin);
        for (const way of ['first', 'again'] as const) {
          for (const screen of SCREENS) {
            figures.push(note({ profile: profile.name, screen, way, ...(await timedOpen(page, meter, screen)) }));
            await openScreen(page, meter, 'home');
          }
        }
        await page.close();
        await touchOneOfEach(port); // changed elsewhere between the sessions
        const tab = await context.newPage();
        const tabCdp = await context.newCDPSession(tab);
        await tabCdp.send('Emulation.setCPUThrottlingRate', { rate: profile.rate });
        const tabMeter = new WireMeter(tab);
        await tab.goto(url);
        await tab.getByTestId('greeting').waitFor({ timeout: 60_000 });
        await settle(tab, tabMeter, Date.now());
        for (const screen of SCREENS) {
          figures.push(note({ profile: profile.name, screen, way: 'new tab', ...(await timedOpen(tab, tabMeter, screen)) }));
          await openScreen(tab, tabMeter, 'home');
        }
        await context.close();
        console.log(`${profile.name}: run ${run} of ${RUNS} done (load ${loadavg()[0]?.toFixed(2)})`);
      }
    }
  } finally {
    await browser.close();
    await app.close();
  }
} finally {
  if (db !== null) await stopDb(db);
  await auth.stop();
}

console.log(`\n${values.days} days × ${values.scale}, ${RUNS} run(s); median [min–max] ms from the URL change to the data painted (app's own mount→painted in brackets), DOM nodes, KB received`);
console.log(`${'profile'.padEnd(16)} ${'screen'.padEnd(8)} ${'way'.padEnd(8)} ${'ms'.padStart(18)} ${'app ms'.padStart(8)} ${'nodes'.padStart(6)} ${'KB'.padStart(8)}`);
for (const profile of PROFILES)
  for (const screen of SCREENS)
    for (const way of ['first', 'again', 'new tab'] as const) {
      const fs = figures.filter((f) => f.profile === profile.name && f.screen === screen && f.way === way);
      if (fs.length === 0) continue;
      const ms = fs.map((f) => f.ms);
      const range = `${median(ms).toFixed(0)} [${Math.min(...ms).toFixed(0)}–${Math.max(...ms).toFixed(0)}]`;
      console.log(
        `${profile.name.padEnd(16)} ${screen.padEnd(8)} ${way.padEnd(8)} ${range.padStart(18)} ${median(fs.map((f) => f.appMs)).toFixed(0).padStart(8)} ${String(Math.max(...fs.map((f) => f.nodes))).padStart(6)} ${median(fs.map((f) => f.kb)).toFixed(1).padStart(8)}`,
      );
    }
