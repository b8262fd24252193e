/**
 * Two stacks on one machine: each Auth emulator (project demo-doms) has a temp folder of its own,
 * so its hub locator is its own and stopping one (which exports its accounts) never reaches the
 * other. Before, both shared os.tmpdir()/hub-demo-doms.json: the second stack's export on exit
 * went to the first stack's hub and wrote the first stack's accounts into the second's folder.
 * Also: a second `npm start` on taken ports says so and stops instead of attaching.
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { hubLocatorPath } from '../../../server/dev/privateTemp.ts';
import { freePort, startAuthEmulator, type AuthEmulator } from '../../support/authEmulator.ts';

const exportsDir = mkdtempSync(join(tmpdir(), 'doms-isolation-'));
const running: AuthEmulator[] = [];

afterAll(async () => {
  for (const e of running) await e.stop();
  rmSync(exportsDir, { recursive: true, force: true });
}, 60_000);

async function signUp(host: string, email: string): Promise<void> {
  const res = await fetch(`http://${host}/identitytoolkit.googleapis.com/v1/accounts:signUp?key=demo-key`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email, password: 'pw-isolation-1', returnSecureToken: true }),
  });
  expect(res.status, await res.clone().text()).toBe(200);
}

async function canSignIn(host: string, email: string): Promise<boolean> {
  const res = await fetch(`http://${host}/identitytoolkit.googleapis.com/v1/accounts:signInWithPassword?key=demo-key`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email, password: 'pw-isolation-1', returnSecureToken: true }),
  });
  return res.ok;
}

/** The emails in an emulator export folder ([] when nothing was exported there). */
function exportedEmails(dir: string): string[] {
  const file = join(dir, 'auth_export', 'accounts.json');
  if (!existsSync(file)) return [];
  const { users } = JSON.parse(readFileSync(file, 'utf8')) as { users?: { email?: string }[] };
  return (users ?? []).map((u) => u.email ?? '').sort();
}

function locatorPid(dir: string): number | null {
  const file = hubLocatorPath(dir, 'demo-doms');
  return existsSync(file) ? (JSON.parse(readFileSync(file, 'utf8')) as { pid: number }).pid : null;
}

describe('two Auth emulators of project demo-doms on one machine', () => {
  it('keep separate hub locators, and stopping one exports only its own accounts', async () => {
    const [dirA, dirB] = [join(exportsDir, 'a'), join(exportsDir, 'b')];
    // A is up before B starts: with a shared locator B would find A's live hub and not write its own.
    const a = await startAuthEmulator(await freePort(), { exportOnExit: dirA });
    running.push(a);
    const b = await startAuthEmulator(await freePort(), { exportOnExit: dirB });
    running.push(b);

    expect(a.tmpDir).not.toBe(b.tmpDir);
    await expect.poll(() => locatorPid(a.tmpDir), { timeout: 10_000 }).not.toBeNull();
    await expect.poll(() => locatorPid(b.tmpDir), { timeout: 10_000 }).not.toBeNull();
    expect(locatorPid(a.tmpDir)).not.toBe(locatorPid(b.tmpDir));

    const [emailA, emailB] = [`only-a-${process.pid}@example.test`, `only-b-${process.pid}@example.test`];
    await signUp(a.host, emailA);
    await signUp(b.host, emailB);

    // Stop B (SIGTERM: it exports on exit). Its export holds B's account and never A's.
    await b.stop();
    running.splice(running.indexOf(b), 1);
    expect(exportedEmails(dirB)).toEqual([emailB]);
    // A is untouched: still running, its locator in place, nothing exported into its folder yet.
    expect(await canSignIn(a.host, emailA)).toBe(true);
    expect(locatorPid(a.tmpDir)).not.toBeNull();
    expect(exportedEmails(dirA)).toEqual([]);

    await a.stop();
    running.splice(running.indexOf(a), 1);
    expect(exportedEmails(dirA)).toEqual([emailA]);
    // Each temp folder goes with its emulator.
    expect(existsSync(a.tmpDir)).toBe(false);
    expect(existsSync(b.tmpDir)).toBe(false);
  }, 180_000);
});

describe('a second `npm start` while ports are taken', () => {
  let holder: Server | undefined;
  afterAll(() => holder?.close());

  it('says which port is taken and exits, starting nothing', async () => {
    const ports = { auth: await freePort(), db: await freePort(), vite: await freePort(), hub: await freePort(), logging: await freePort() };
    // Another stack's emulator holds the auth port.
    holder = createServer();
    await new Promise<void>((r) => holder?.listen(ports.auth, '127.0.0.1', r));
    const stackDir = join(exportsDir, 'second-start');
    const child = spawn(resolve('node_modules/.bin/tsx'), ['server/dev/start.ts'], {
      cwd: resolve('.'),
      stdio: ['ignore', 'pipe', 'pipe'],
      env: {
        ...process.env,
        DOMS_STACK_DIR: stackDir,
        DOMS_PORT_AUTH: String(ports.auth),
        DOMS_PORT_DB: String(ports.db),
        DOMS_PORT_VITE: String(ports.vite),
        DOMS_PORT_HUB: String(ports.hub),
        DOMS_PORT_LOGGING: String(ports.logging),
      },
    });
    let output = '';
    child.stdout.on('data', (d: Buffer) => (output += d.toString()));
    child.stderr.on('data', (d: Buffer) => (output += d.toString()));
    const code = await new Promise<number | null>((r) => child.once('exit', r));
    expect(code, output).toBe(1);
    expect(output).toContain(`Cannot start: port ${ports.auth} (auth) already in use on 127.0.0.1`);
    expect(output).not.toContain('[auth]');
    expect(existsSync(stackDir)).toBe(false);
  }, 60_000);
});
