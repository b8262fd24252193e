import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { createServer } from 'node:net';
import { join, resolve } from 'node:path';
import { privateTemp } from '../../server/dev/privateTemp.ts';

/** A loopback port that was free a moment ago. */
export async function freePort(): Promise<number> {
  return new Promise((res, rej) => {
    const srv = createServer();
    srv.once('error', rej);
    srv.listen(0, '127.0.0.1', () => {
      const addr = srv.address();
      const port = typeof addr === 'object' && addr !== null ? addr.port : 0;
      srv.close(() => res(port));
    });
  });
}

/** A running Auth emulator: its host, its private temp folder (where its hub locator lives), and how to stop it. */
export type AuthEmulator = { host: string; tmpDir: string; stop: () => Promise<void> };

/**
 * Starts Firebase's own Auth emulator (firebase-tools) for project demo-doms on `port`, with a
 * temp folder of its own (server/dev/privateTemp.ts), so emulators of parallel runs and of a
 * developer's `npm start` never find each other's hub. `exportOnExit` is a folder its accounts
 * are exported to when it is stopped.
 */
export async function startAuthEmulator(port: number, opts: { exportOnExit?: string } = {}): Promise<AuthEmulator> {
  const dir = mkdtempSync(join(tmpdir(), 'doms-auth-'));
  const temp = privateTemp(process.env);
  const [hub, logging] = [await freePort(), await freePort()];
  writeFileSync(
    join(dir, 'firebase.json'),
    JSON.stringify({ emulators: { auth: { port, host: '127.0.0.1' }, ui: { enabled: false }, hub: { port: hub, host: '127.0.0.1' }, logging: { port: logging, host: '127.0.0.1' } } }),
  );
  const bin = resolve('node_modules/.bin/firebase');
  const args = ['emulators:start', '--only', 'auth', '--project', 'demo-doms'];
  if (opts.exportOnExit !== undefined) args.push('--export-on-exit', opts.exportOnExit);
  const child: ChildProcess = spawn(bin, args, { cwd: dir, env: temp.env, stdio: ['ignore', 'pipe', 'pipe'], detached: true });
  const removeDirs = () => {
    rmSync(dir, { recursive: true, force: true });
    temp.remove();
  };
  let output = '';
  child.stdout?.on('data', (d: Buffer) => (output += d.toString()));
  child.stderr?.on('data', (d: Buffer) => (output += d.toString()));
  const host = `127.0.0.1:${port}`;
  const deadline = Date.now() + 180_000; // minutes on a loaded 2-core machine
  for (;;) {
    if (child.exitCode !== null) {
      removeDirs();
      throw new Error(`Auth emulator exited early:\n${output}`);
    }
    try {
      const res = await fetch(`http://${host}/`);
      if (res.ok) break;
    } catch {
      // not up yet
    }
    if (Date.now() > deadline) {
      if (child.pid !== undefined) process.kill(-child.pid, 'SIGKILL');
      removeDirs();
      throw new Error(`Auth emulator did not start within 180 s:\n${output}`);
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  // An export on exit takes a few seconds more before the emulator quits.
  const graceMs = opts.exportOnExit === undefined ? 5000 : 20_000;
  const stop = async () => {
    if (child.pid !== undefined && child.exitCode === null) {
      process.kill(-child.pid, 'SIGTERM');
      await new Promise((r) => {
        const t = setTimeout(() => {
          if (child.pid !== undefined && child.exitCode === null) process.kill(-child.pid, 'SIGKILL');
          r(undefined);
        }, graceMs);
        child.once('exit', () => (clearTimeout(t), r(undefined)));
      });
    }
    removeDirs();
  };
  return { host, tmpDir: temp.dir, stop };
}
