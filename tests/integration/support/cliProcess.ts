import { spawn, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import { fileURLToPath } from 'node:url';
import { join } from 'node:path';
import { deleteApp, initializeApp } from 'firebase/app';
import { connectDatabaseEmulator, getDatabase, type Database } from 'firebase/database';

/** The repository root (where package.json and node_modules are). */
export const REPO_ROOT = fileURLToPath(new URL('../../../', import.meta.url));
export const CLI = join(REPO_ROOT, 'server/cli.ts');

export type Exit = { code: number | null; signal: NodeJS.Signals | null };

/** A database server running as its own process group (`npm run db` or `tsx server/cli.ts`). */
export class CliServer {
  stdout = '';
  stderr = '';
  url = '';
  readonly exited: Promise<Exit>;
  private exit: Exit | null = null;

  constructor(readonly proc: ChildProcess) {
    proc.stdout?.on('data', (d: Buffer) => (this.stdout += d.toString()));
    proc.stderr?.on('data', (d: Buffer) => (this.stderr += d.toString()));
    this.exited = new Promise((resolve) => {
      proc.once('exit', (code, signal) => {
        this.exit = { code, signal };
        resolve(this.exit);
      });
    });
  }

  get pid(): number {
    if (this.proc.pid === undefined) throw new Error('process has no pid');
    return this.proc.pid;
  }

  get running(): boolean {
    return this.exit === null;
  }

  get port(): number {
    return Number(new URL(this.url).port);
  }

  /** Resolves with the URL once the ready line is printed; rejects if the process exits first. */
  async ready(ms = 30_000): Promise<string> {
    const start = Date.now();
    for (;;) {
      const m = /ready at (http:\/\/\S+)/.exec(this.stdout);
      if (m?.[1] !== undefined) {
        this.url = m[1];
        return this.url;
      }
      if (!this.running) throw new Error(`server exited (${JSON.stringify(this.exit)}) before it was ready:\n${this.stdout}\n${this.stderr}`);
      if (Date.now() - start > ms) throw new Error(`server not ready within ${ms} ms:\n${this.stdout}\n${this.stderr}`);
      await new Promise((r) => setTimeout(r, 20));
    }
  }

  /** Sends `signal` to the server process itself (like `kill -TERM pid`). */
  signal(signal: NodeJS.Signals): void {
    process.kill(this.pid, signal);
  }

  /** Sends `signal` to the whole process group (like Ctrl-C in a terminal, or `kill -9` of everything). */
  signalGroup(signal: NodeJS.Signals): void {
    process.kill(-this.pid, signal);
  }

  /** Waits for the exit, failing after `ms`. */
  async waitExit(ms = 10_000): Promise<Exit> {
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error(`process did not exit within ${ms} ms:\n${this.stdout}\n${this.stderr}`)), ms);
    });
    try {
      return await Promise.race([this.exited, timeout]);
    } finally {
      clearTimeout(timer);
    }
  }

  /**
   * Waits until no process of the group is left. `npm run db` exits as soon as its child does,
   * and the server behind it may still be closing its socket at that moment.
   */
  async waitGroupGone(ms = 10_000): Promise<void> {
    const start = Date.now();
    for (;;) {
      try {
        process.kill(-this.pid, 0);
      } catch {
        return; // ESRCH: nothing in the group
      }
      if (Date.now() - start > ms) throw new Error(`process group ${this.pid} still has processes after ${ms} ms`);
      await new Promise((r) => setTimeout(r, 20));
    }
  }

  /** Kills the whole group with SIGKILL if anything is left (cleanup). */
  async kill(): Promise<void> {
    if (this.running) {
      try {
        process.kill(-this.pid, 'SIGKILL');
      } catch {
        // already gone
      }
      await this.exited;
    }
  }
}

const started: CliServer[] = [];

/** Spawns `node --import tsx server/cli.ts ...args` in its own process group. */
export function spawnCli(args: string[]): CliServer {
  // Node itself with tsx as a loader (not the tsx wrapper): a signal to the group reaches the
  // server directly. The wrapper relays signals over IPC and, on a loaded machine, could miss its
  // 30 ms window and exit 130 although the server stopped cleanly.
  const proc = spawn(process.execPath, ['--import', 'tsx', CLI, ...args], { cwd: REPO_ROOT, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
  const server = new CliServer(proc);
  started.push(server);
  return server;
}

/** Spawns `npm run db -- ...args` in its own process group. */
export function spawnNpmDb(args: string[]): CliServer {
  const proc = spawn('npm', ['run', '--silent', 'db', '--', ...args], { cwd: REPO_ROOT, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
  const server = new CliServer(proc);
  started.push(server);
  return server;
}

/**
 * Spawns the CLI and waits until it is ready. A port from `freePort()` can be taken by another
 * process (a parallel test's server, an outgoing connection's local port) before the CLI binds
 * it: then the CLI exits with EADDRINUSE, and it is started again on a new free port (at most
 * three tries; any other failure is thrown as it is).
 */
export async function startCli(args: string[]): Promise<CliServer> {
  for (let tries = 1; ; tries++) {
    const server = spawnCli(args);
    try {
      await server.ready();
      return server;
    } catch (e) {
      const at = args.indexOf('--port');
      if (tries >= 3 || at < 0 || !server.stderr.includes('EADDRINUSE')) throw e;
      args = [...args.slice(0, at + 1), String(await freePort()), ...args.slice(at + 2)];
    }
  }
}

/** Runs the CLI to completion (for --help and bad flags). */
export async function runCli(args: string[], ms = 30_000): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const server = spawnCli(args);
  const exit = await server.waitExit(ms);
  return { code: exit.code, stdout: server.stdout, stderr: server.stderr };
}

/** SIGKILLs every process group started here that is still running. */
export async function killAllCli(): Promise<void> {
  await Promise.all(started.splice(0).map((s) => s.kill()));
}

/** A TCP port on loopback that was free a moment ago. */
export async function freePort(): Promise<number> {
  const srv = createServer();
  await new Promise<void>((resolve, reject) => {
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => resolve());
  });
  const addr = srv.address();
  await new Promise((r) => srv.close(r));
  if (addr === null || typeof addr === 'string') throw new Error('no port');
  return addr.port;
}

/** An unsigned JWT with the given uid, as the Auth emulator and mockUserToken produce. */
export function mockToken(uid: string, claims: Record<string, unknown> = {}): string {
  const b64 = (v: unknown) => Buffer.from(JSON.stringify(v)).toString('base64url');
  return `${b64({ alg: 'none', typ: 'JWT' })}.${b64({ sub: uid, user_id: uid, iat: 0, exp: 3600, ...claims })}.`;
}

let appCounter = 0;

/** An SDK client of a server started as a process, with a closer. */
export function sdkClient(port: number, ns: string, token?: string): { db: Database; close: () => Promise<void> } {
  const app = initializeApp({ projectId: 'demo-doms', databaseURL: `http://127.0.0.1:${port}?ns=${ns}` }, `proc-client-${process.pid}-${++appCounter}`);
  const db = getDatabase(app);
  connectDatabaseEmulator(db, '127.0.0.1', port, token === undefined ? {} : { mockUserToken: token as never });
  return { db, close: () => deleteApp(app) };
}

/** REST call with fetch; `token` null sends none. */
export async function restCall(
  base: string,
  method: string,
  path: string,
  opts: { body?: string | undefined; token?: string | null; ns?: string } = {},
): Promise<{ status: number; text: string; json: unknown }> {
  const url = new URL(path, base);
  if (opts.ns !== undefined) url.searchParams.set('ns', opts.ns);
  const headers: Record<string, string> = {};
  const token = opts.token === undefined ? 'owner' : opts.token;
  if (token !== null) headers['authorization'] = `Bearer ${token}`;
  const res = await fetch(url, { method, headers, body: opts.body });
  const text = await res.text();
  let json: unknown;
  try {
    json = text === '' ? undefined : (JSON.parse(text) as unknown);
  } catch {
    // not JSON: callers look at text
  }
  return { status: res.status, text, json };
}
