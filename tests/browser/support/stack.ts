import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { deleteApp, initializeApp, type FirebaseApp } from 'firebase/app';
import { connectDatabaseEmulator, getDatabase, type Database } from 'firebase/database';
import { build, createServer, preview, type PreviewServer, type ViteDevServer } from 'vite';
import { DatabaseServer } from '../../../server/server.ts';
import { freePort } from '../../support/authEmulator.ts';
import { rulesPath } from '../../support/rulesFile.ts';

const NS = 'demo-doms-default-rtdb';

/** Points the apps (import.meta.env, from VITE_* in process.env) at the local Auth emulator and database server. */
function appEnv(authHost: string, dbPort: number): void {
  // envDir: false (below) keeps a developer's .env (a real project's config) out of the tests.
  for (const key of Object.keys(process.env)) if (key.startsWith('VITE_FIREBASE_')) delete process.env[key];
  process.env['VITE_DOMS_AUTH_HOST'] = authHost;
  process.env['VITE_DOMS_DB_HOST'] = '127.0.0.1';
  process.env['VITE_DOMS_DB_PORT'] = String(dbPort);
  process.env['VITE_DOMS_DB_NS'] = NS;
}

/**
 * Builds both apps for production into `outDir` (with a manifest), as `npm run build` does. Vite
 * decides "production" from NODE_ENV, which a dev server started earlier in the same process sets
 * to "development": that build would carry Preact's debug hooks. So NODE_ENV is production for
 * the build, and the output is checked for the hooks.
 */
export async function buildApps(outDir: string): Promise<void> {
  const before = process.env['NODE_ENV'];
  process.env['NODE_ENV'] = 'production';
  try {
    await build({ configFile: resolve('vite.config.ts'), envDir: false, mode: 'production', logLevel: 'warn', build: { outDir, emptyOutDir: true, manifest: true } });
  } finally {
    if (before === undefined) delete process.env['NODE_ENV'];
    else process.env['NODE_ENV'] = before;
  }
  const debug = readdirSync(join(outDir, 'assets')).filter((f) => f.endsWith('.js') && readFileSync(join(outDir, 'assets', f), 'utf8').includes('__PREACT_DEVTOOLS__'));
  if (debug.length > 0) throw new Error(`the production build carries Preact's debug hooks (${debug.join(', ')})`);
}

/** Vite's preview server for a build made by `buildApps`. */
export async function previewApps(outDir: string): Promise<PreviewServer> {
  return preview({ configFile: resolve('vite.config.ts'), envDir: false, logLevel: 'warn', build: { outDir }, preview: { port: await freePort(), strictPort: true } });
}

/**
 * Both apps as users get them: a production build (minified, without the dev server's Preact
 * debug hooks) in a temporary folder, served by Vite's preview server. For benchmarks, which
 * must time what ships; `close()` stops the server and removes the build.
 */
export async function startBuiltAppServer(authHost: string, dbPort: number): Promise<{ url: string; close: () => Promise<void> }> {
  appEnv(authHost, dbPort);
  const outDir = mkdtempSync(join(tmpdir(), 'doms-build-'));
  await buildApps(outDir);
  const server = await previewApps(outDir);
  const url = server.resolvedUrls?.local[0];
  if (url === undefined) throw new Error('the preview server has no local URL');
  return {
    url,
    close: async () => {
      await server.close();
      rmSync(outDir, { recursive: true, force: true });
    },
  };
}

/**
 * A Vite dev server for both apps, pointed at the Auth emulator `authHost` and the database
 * server on `dbPort` (namespace demo-doms-default-rtdb); its dependency cache is `cacheDir`.
 */
export async function startAppServer(authHost: string, dbPort: number): Promise<{ vite: ViteDevServer; cacheDir: string }> {
  appEnv(authHost, dbPort);
  // Each test file optimises dependencies into its own cache, so parallel files do not race.
  const cacheDir = resolve('node_modules/.vite', `browser-test-${process.pid}`);
  const vite = await createServer({
    configFile: resolve('vite.config.ts'),
    envDir: false,
    cacheDir,
    logLevel: 'warn',
    clearScreen: false,
    server: { port: await freePort(), strictPort: true, hmr: false, watch: null },
  });
  await vite.listen();
  return { vite, cacheDir };
}

/** An account in the Auth emulator. */
export type Account = { uid: string; email: string; password: string };

let accountCounter = 0;

/**
 * The apps' stack for one browser test file: the shared Auth emulator (Vitest global setup),
 * an in-process database server on a free port with the repo's rules, and a Vite dev server
 * whose env points both apps at them.
 */
export class AppStack {
  private ownerApp: FirebaseApp | null = null;
  private owner: Database | null = null;

  private constructor(
    readonly authHost: string,
    private readonly db: DatabaseServer,
    private readonly vite: ViteDevServer,
    private readonly dirs: string[],
  ) {}

  static async start(authHost: string): Promise<AppStack> {
    const dataDir = mkdtempSync(join(tmpdir(), 'doms-browser-db-'));
    const db = new DatabaseServer({ host: '127.0.0.1', port: 0, dataDir, rulesFile: rulesPath(), defaultNamespace: NS, log: () => {} });
    await db.start();

    const { vite, cacheDir } = await startAppServer(authHost, db.port);
    const stack = new AppStack(authHost, db, vite, [dataDir, cacheDir]);
    return stack;
  }

  get baseUrl(): string {
    const url = this.vite.resolvedUrls?.local[0];
    if (url === undefined) throw new Error('Vite has no local URL');
    return url;
  }

  /** The database server's URL (for the seed and other owner tools). */
  get dbUrl(): string {
    return `http://127.0.0.1:${this.db.port}`;
  }

  /** The staff app (index.html). */
  get staffUrl(): string {
    return this.baseUrl;
  }

  /** The retailer portal. */
  get retailerUrl(): string {
    return new URL('retailer.html', this.baseUrl).href;
  }

  /** A database REST call as the owner; throws unless 200. */
  async rest(method: 'GET' | 'PUT' | 'PATCH' | 'DELETE', path: string, body?: unknown): Promise<unknown> {
    const sep = path.includes('?') ? '&' : '?';
    const res = await fetch(`http://127.0.0.1:${this.db.port}${path}${sep}ns=${NS}`, {
      method,
      headers: { authorization: 'Bearer owner', 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await res.text();
    if (res.status !== 200) throw new Error(`${method} ${path}: ${res.status} ${text}`);
    return text === '' ? null : (JSON.parse(text) as unknown);
  }

  /**
   * A firebase SDK Database signed in as the owner (rules bypassed) on this stack's server, so
   * tests can read back through the app's own read path (src/data/orderKernel.ts). Made on
   * first use; `stop()` closes it.
   */
  ownerDb(): Database {
    if (this.owner === null) {
      this.ownerApp = initializeApp({ projectId: 'demo-doms', databaseURL: `http://127.0.0.1:${this.db.port}?ns=${NS}` }, `owner-${this.db.port}`);
      this.owner = getDatabase(this.ownerApp);
      // The token `owner` is the emulator's administrator (server/auth.ts).
      connectDatabaseEmulator(this.owner, '127.0.0.1', this.db.port, { mockUserToken: 'owner' });
    }
    return this.owner;
  }

  /** A database REST call as the holder of `idToken`, with the body sent as given (raw JSON text); never throws on a refusal. */
  async restAs(idToken: string, method: 'GET' | 'PUT' | 'PATCH', path: string, rawBody?: string): Promise<{ status: number; text: string }> {
    const res = await fetch(`http://127.0.0.1:${this.db.port}${path}?ns=${NS}&auth=${encodeURIComponent(idToken)}`, { method, ...(rawBody === undefined ? {} : { body: rawBody }) });
    return { status: res.status, text: await res.text() };
  }

  /** A real ID token of an email/password account, from the Auth emulator (REST signInWithPassword). */
  async idToken(email: string, password: string): Promise<string> {
    const res = await fetch(`http://${this.authHost}/identitytoolkit.googleapis.com/v1/accounts:signInWithPassword?key=demo-key`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email, password, returnSecureToken: true }),
    });
    const json = (await res.json()) as { idToken?: string };
    if (!res.ok || json.idToken === undefined) throw new Error(`signInWithPassword failed: ${JSON.stringify(json)}`);
    return json.idToken;
  }

  /** Number of children at `path`, as the database holds it. */
  async childCount(path: string): Promise<number> {
    const keys = await this.rest('GET', `/${path}.json?shallow=true`);
    return keys === null ? 0 : Object.keys(keys as object).length;
  }

  /** A new email/password account in the Auth emulator (REST signUp). */
  async createAccount(label: string): Promise<Account> {
    const email = `${label}-${process.pid}-${++accountCounter}-${Date.now()}@example.test`;
    const password = `pw-${label}-secret`;
    const res = await fetch(`http://${this.authHost}/identitytoolkit.googleapis.com/v1/accounts:signUp?key=demo-key`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email, password, returnSecureToken: true }),
    });
    const json = (await res.json()) as { localId?: string; error?: unknown };
    if (!res.ok || json.localId === undefined) throw new Error(`signUp failed: ${JSON.stringify(json)}`);
    return { uid: json.localId, email, password };
  }

  async stop(): Promise<void> {
    if (this.ownerApp !== null) await deleteApp(this.ownerApp);
    await this.vite.close();
    await this.db.stop();
    for (const dir of this.dirs) rmSync(dir, { recursive: true, force: true });
  }
}
