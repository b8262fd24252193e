// `npm start`: the whole local stack in one command. The Firebase Auth emulator (firebase-tools,
// data kept in .data/auth), our Realtime Database server (.data/db) and the Vite dev server of
// both apps; seeds an empty database; Ctrl-C stops all three, each as a whole process group.
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { privateTemp, type PrivateTemp } from './privateTemp.ts';
import { startGroup, stopGroup, type GroupProcess } from './processGroup.ts';

const ROOT = resolve(import.meta.dirname, '../..');
const HOST = '127.0.0.1';
// The defaults match firebase.json and vite.config.ts. DOMS_PORT_* and DOMS_STACK_DIR move the
// whole stack (used by the browser test that runs `npm start` itself beside a developer's own).
const envPort = (name: string, fallback: number): number => {
  const v = process.env[name];
  if (v === undefined || v === '') return fallback;
  const n = Number(v);
  if (!Number.isInteger(n) || n < 1 || n > 65535) throw new Error(`${name}=${v} is not a port number`);
  return n;
};
const DEFAULT_PORTS = { auth: 9099, db: 9000, vite: 5173, emulatorHub: 4400, emulatorLogging: 4500 } as const;
const PORTS = {
  auth: envPort('DOMS_PORT_AUTH', DEFAULT_PORTS.auth),
  db: envPort('DOMS_PORT_DB', DEFAULT_PORTS.db),
  vite: envPort('DOMS_PORT_VITE', DEFAULT_PORTS.vite),
  emulatorHub: envPort('DOMS_PORT_HUB', DEFAULT_PORTS.emulatorHub),
  emulatorLogging: envPort('DOMS_PORT_LOGGING', DEFAULT_PORTS.emulatorLogging),
};
const NS = 'demo-doms-default-rtdb';
const STACK_DIR = resolve(ROOT, process.env['DOMS_STACK_DIR'] || '.data');
const AUTH_DATA = join(STACK_DIR, 'auth');
const DB_DATA = join(STACK_DIR, 'db');
const SEED_CLI = join(ROOT, 'server/seed/cli.ts');
const MIGRATE_CLI = join(ROOT, 'server/seed/migrateCli.ts');
const DEMO_ACCOUNTS = join(ROOT, 'server/seed/demoAccounts.ts');
const bin = (name: string) => join(ROOT, 'node_modules/.bin', name);

const say = (line: string) => process.stdout.write(`${line}\n`);

async function isPortFree(port: number): Promise<boolean> {
  return new Promise((res) => {
    const srv = createServer();
    srv.once('error', () => res(false));
    srv.listen(port, HOST, () => srv.close(() => res(true)));
  });
}

/** Polls `url` until it answers (any HTTP status) or `p` exits; false on exit or after `ms`. */
async function waitForHttp(url: string, p: GroupProcess, ms: number): Promise<boolean> {
  let hasExited = false;
  void p.exited.then(() => (hasExited = true));
  const deadline = Date.now() + ms;
  while (!hasExited && Date.now() < deadline) {
    try {
      await fetch(url, { signal: AbortSignal.timeout(1000) });
      return true;
    } catch {
      await new Promise((r) => setTimeout(r, 250));
    }
  }
  return false;
}

/** The demo logins as `server/seed/demoAccounts.ts` exports them, as printable lines; [] without it. */
async function demoLogins(): Promise<string[]> {
  if (!existsSync(DEMO_ACCOUNTS)) return [];
  const mod = (await import(pathToFileURL(DEMO_ACCOUNTS).href)) as Record<string, unknown>;
  // The seed owns the shape; print any exported list of { email, password, role?/name? }.
  const lists = Object.values(mod).filter((v): v is unknown[] => Array.isArray(v));
  const lines: string[] = [];
  for (const item of lists.flat()) {
    if (typeof item !== 'object' || item === null) continue;
    const { email, password, role, name, label, status } = item as Record<string, unknown>;
    if (typeof email !== 'string' || typeof password !== 'string') continue;
    const who = [label, role, name, status === 'active' ? undefined : status].filter((x) => typeof x === 'string').join(', ');
    lines.push(`  ${email.padEnd(32)} ${password.padEnd(16)} ${who}`);
  }
  return lines;
}

/** Warns when a .env points the apps at a real Firebase project instead of this stack. */
function warnAboutRealProject(): void {
  for (const file of ['.env', '.env.local', '.env.development', '.env.development.local']) {
    const path = join(ROOT, file);
    if (existsSync(path) && /^\s*VITE_FIREBASE_API_KEY\s*=\s*\S/m.test(readFileSync(path, 'utf8'))) {
      say(`Note: ${file} sets VITE_FIREBASE_*: the apps will talk to that Firebase project, not to this local stack.`);
    }
  }
}

const services: GroupProcess[] = [];
let seeding: GroupProcess | null = null;
let stopping: Promise<void> | null = null;
let authTemp: PrivateTemp | null = null;

/** Stops a running seed, then the apps, the database (flushes), and Auth (exports its accounts). */
function stopAll(code: number): Promise<void> {
  stopping ??= (async () => {
    say('\nStopping the local stack…');
    if (seeding !== null) await stopGroup(seeding, 5_000);
    for (const s of [...services].reverse()) await stopGroup(s, s.name === 'auth' ? 20_000 : 8_000);
    authTemp?.remove();
    say('Stopped.');
    process.exit(code);
  })();
  return stopping;
}
process.on('SIGINT', () => void stopAll(0));
process.on('SIGTERM', () => void stopAll(0));
process.on('SIGHUP', () => void stopAll(0));

async function main(): Promise<void> {
  const busy: string[] = [];
  for (const [name, port] of Object.entries(PORTS)) if (!(await isPortFree(port))) busy.push(`${port} (${name})`);
  if (busy.length > 0) {
    // Never attach to whatever holds them (another stack's emulator would take this stack's stop).
    say(`Cannot start: port ${busy.join(', ')} already in use on ${HOST}. Is another \`npm start\` running?`);
    say('Stop it, or run this one beside it on other ports: DOMS_STACK_DIR=… DOMS_PORT_AUTH=… DOMS_PORT_DB=… DOMS_PORT_VITE=… DOMS_PORT_HUB=… DOMS_PORT_LOGGING=… npm start');
    process.exit(1);
  }
  warnAboutRealProject();
  mkdirSync(AUTH_DATA, { recursive: true });

  // Vite hands VITE_* to the apps, so they find the moved ports too.
  const env = { ...process.env, NO_UPDATE_NOTIFIER: '1', VITE_DOMS_AUTH_HOST: `${HOST}:${PORTS.auth}`, VITE_DOMS_DB_HOST: HOST, VITE_DOMS_DB_PORT: String(PORTS.db), VITE_DOMS_DB_NS: NS };
  const hasAuthExport = existsSync(join(AUTH_DATA, 'firebase-export-metadata.json'));
  const authArgs = ['emulators:start', '--only', 'auth', '--project', 'demo-doms', '--export-on-exit', AUTH_DATA];
  const movedAuth = PORTS.auth !== DEFAULT_PORTS.auth || PORTS.emulatorHub !== DEFAULT_PORTS.emulatorHub || PORTS.emulatorLogging !== DEFAULT_PORTS.emulatorLogging;
  if (movedAuth) {
    // The emulator takes its ports from a firebase.json only: give it one with the moved ports.
    const config = join(STACK_DIR, 'firebase.emulators.json');
    const at = (port: number) => ({ host: HOST, port });
    writeFileSync(config, JSON.stringify({ emulators: { auth: at(PORTS.auth), hub: at(PORTS.emulatorHub), logging: at(PORTS.emulatorLogging), ui: { enabled: false }, singleProjectMode: true } }));
    authArgs.push('--config', config);
  }
  if (hasAuthExport) authArgs.push('--import', AUTH_DATA);
  // Its own temp folder, so its hub locator (hub-demo-doms.json) is not another stack's: see privateTemp.ts.
  authTemp = privateTemp(env, 'doms-start-auth-');
  const auth = startGroup('auth', bin('firebase'), authArgs, { cwd: ROOT, env: authTemp.env });
  services.push(auth);
  const db = startGroup('db', bin('tsx'), ['server/cli.ts', '--host', HOST, '--port', String(PORTS.db), '--data', DB_DATA, '--rules', 'database.rules.json', '--ns', NS], { cwd: ROOT, env });
  services.push(db);
  const vite = startGroup('vite', bin('vite'), ['--host', HOST, '--port', String(PORTS.vite), '--strictPort'], { cwd: ROOT, env });
  services.push(vite);

  for (const s of services) {
    void s.exited.then((code) => {
      if (stopping === null) {
        say(`[${s.name}] exited unexpectedly (status ${code ?? 'none'}); stopping the rest.`);
        void stopAll(1);
      }
    });
  }

  const ready = await Promise.all([
    waitForHttp(`http://${HOST}:${PORTS.auth}/`, auth, 120_000),
    waitForHttp(`http://${HOST}:${PORTS.db}/.json?shallow=true&auth=owner&ns=${NS}`, db, 60_000),
    waitForHttp(`http://${HOST}:${PORTS.vite}/`, vite, 60_000),
  ]);
  if (ready.includes(false)) {
    if (stopping === null) say('A service did not come up; stopping the rest.');
    await stopAll(1);
    return;
  }

  const root = (await (await fetch(`http://${HOST}:${PORTS.db}/.json?shallow=true&auth=owner&ns=${NS}`)).json()) as unknown;
  if (root === null) {
    if (existsSync(SEED_CLI)) {
      say('Empty database: seeding the demo business…');
      seeding = startGroup('seed', bin('tsx'), [SEED_CLI, '--auth-host', `${HOST}:${PORTS.auth}`, '--db-url', `http://${HOST}:${PORTS.db}`, '--ns', NS], { cwd: ROOT, env });
      const code = await seeding.exited;
      seeding = null;
      if (stopping !== null) return;
      say(code === 0 ? 'Seeded.' : `The seed failed (status ${code ?? 'none'}); the stack keeps running with what it wrote.`);
    } else {
      say('Empty database, and no seed exists yet (server/seed/cli.ts): the apps start with no data.');
    }
  } else {
    // Data written by an older version: bring order records to today's shape (does nothing when current).
    const migrating = startGroup('migrate', bin('tsx'), [MIGRATE_CLI, '--db-url', `http://${HOST}:${PORTS.db}`, '--ns', NS], { cwd: ROOT, env });
    const code = await migrating.exited;
    if (stopping !== null) return;
    if (code !== 0) say(`The order-data migration reported problems (status ${code ?? 'none'}); see above. The stack keeps running.`);
  }

  const logins = await demoLogins().catch((e: unknown) => [`  (could not read ${DEMO_ACCOUNTS}: ${e instanceof Error ? e.message : String(e)})`]);
  say('');
  say('D-OMS local stack is running:');
  say(`  Staff app        http://${HOST}:${PORTS.vite}/`);
  say(`  Retailer portal  http://${HOST}:${PORTS.vite}/retailer.html`);
  say(`  Database         http://${HOST}:${PORTS.db}/  (REST: add ?auth=owner to bypass rules)`);
  say(`  Auth emulator    http://${HOST}:${PORTS.auth}/`);
  if (logins.length > 0) {
    say('Demo logins (email, password, who):');
    for (const line of logins) say(line);
  }
  say('Press Ctrl-C to stop all three.');
}

main().catch((e: unknown) => {
  process.stderr.write(`npm start failed: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`);
  void stopAll(1);
});
