import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { deleteApp, initializeApp, type FirebaseApp } from 'firebase/app';
import { connectDatabaseEmulator, getDatabase, type Database } from 'firebase/database';
import { DatabaseServer, type ServerOptions } from '../../../server/server.ts';

export const OPEN_RULES = { rules: { '.read': true, '.write': true } };

let appCounter = 0;

/** A local database server on a free loopback port with a fresh data folder. */
export class TestDb {
  server: DatabaseServer;
  readonly dataDir: string;
  private apps: FirebaseApp[] = [];

  constructor(private readonly opts: Partial<ServerOptions> = {}) {
    this.dataDir = opts.dataDir ?? mkdtempSync(join(tmpdir(), 'doms-db-'));
    this.server = this.make(0);
  }

  private make(port: number): DatabaseServer {
    return new DatabaseServer({ host: '127.0.0.1', port, log: () => {}, ...this.opts, dataDir: this.dataDir });
  }

  async start(): Promise<this> {
    await this.server.start();
    return this;
  }

  get port(): number {
    return this.server.port;
  }

  /** Stops the server and starts a new one on the same port and data (a restart). */
  async restart(pauseMs = 0, whileDown?: () => void): Promise<void> {
    const port = this.port;
    await this.server.stop();
    whileDown?.();
    if (pauseMs > 0) await new Promise((r) => setTimeout(r, pauseMs));
    this.server = this.make(port);
    await this.server.start();
  }

  /**
   * A new SDK client (its own app and connection), optionally signed in with a mock token;
   * `port` connects it through something else in front of the server (a counting proxy).
   */
  client(opts: { ns?: string; uid?: string; claims?: Record<string, unknown>; token?: string; port?: number } = {}): Database {
    const ns = opts.ns ?? 'test-ns';
    const port = opts.port ?? this.port;
    const app = initializeApp({ projectId: 'demo-doms', databaseURL: `http://127.0.0.1:${port}?ns=${ns}` }, `client-${++appCounter}`);
    this.apps.push(app);
    const db = getDatabase(app);
    const mock = opts.token ?? (opts.uid !== undefined ? { sub: opts.uid, user_id: opts.uid, ...opts.claims } : undefined);
    connectDatabaseEmulator(db, '127.0.0.1', port, mock === undefined ? {} : { mockUserToken: mock as never });
    return db;
  }

  /** REST call as the owner unless another token is given. */
  async rest(method: string, path: string, body?: unknown, opts: { ns?: string; token?: string | null } = {}): Promise<{ status: number; json: unknown }> {
    const ns = opts.ns ?? 'test-ns';
    const sep = path.includes('?') ? '&' : '?';
    const headers: Record<string, string> = { 'content-type': 'application/json' };
    const token = opts.token === undefined ? 'owner' : opts.token;
    if (token !== null) headers['authorization'] = `Bearer ${token}`;
    const res = await fetch(`http://127.0.0.1:${this.port}${path}${sep}ns=${ns}`, {
      method,
      headers,
      body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
    });
    const text = await res.text();
    return { status: res.status, json: text === '' ? undefined : (JSON.parse(text) as unknown) };
  }

  async setRules(rules: unknown, ns = 'test-ns'): Promise<void> {
    const res = await this.rest('PUT', '/.settings/rules.json', rules, { ns });
    if (res.status !== 200) throw new Error(`setRules failed: ${JSON.stringify(res.json)}`);
  }

  async close(): Promise<void> {
    await Promise.all(this.apps.map((a) => deleteApp(a)));
    this.apps = [];
    await this.server.stop();
    if (this.opts.dataDir === undefined) rmSync(this.dataDir, { recursive: true, force: true });
  }
}

/** Resolves when `check` returns true, polling; rejects with `what` after `ms`. */
export async function until(check: () => boolean, what: string, ms = 5000): Promise<void> {
  const start = Date.now();
  while (!check()) {
    if (Date.now() - start > ms) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 10));
  }
}
