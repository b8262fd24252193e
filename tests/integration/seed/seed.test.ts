import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { freePort } from '../../support/authEmulator.ts';
import { TestDb } from '../support/dbHarness.ts';
import { DEMO_ACCOUNTS, placeholderUid } from '../../../server/seed/demoAccounts.ts';
import { generateBusiness } from '../../../server/seed/generate.ts';
import { writeDatabase } from '../../../server/seed/dbWriter.ts';
import { jsonPieces } from '../../../server/seed/output.ts';
import { progressFile } from '../../../server/seed/progress.ts';
import { parseSeedArgs, runSeed, type SeedFlags } from '../../../server/seed/run.ts';

const NS = 'seed-it';
const PROGRESS_DIR = mkdtempSync(join(tmpdir(), 'doms-seed-it-'));
// The rules file may still be a placeholder: this namespace gets the one rule the test needs,
// a signed-in user may read their own users/{uid} (what the app's role check reads).
const RULES = { rules: { users: { $uid: { '.read': 'auth != null && auth.uid === $uid' } } } };

async function signIn(email: string, password: string): Promise<{ localId: string; idToken: string }> {
  const res = await fetch(`http://${inject('authEmulatorHost')}/identitytoolkit.googleapis.com/v1/accounts:signInWithPassword?key=demo-key`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email, password, returnSecureToken: true }),
  });
  expect(res.status).toBe(200);
  return (await res.json()) as { localId: string; idToken: string };
}

describe('npm run seed into the local database and the Auth emulator', () => {
  let db: TestDb;
  let flags: SeedFlags;
  let uids: ReadonlyMap<string, string>;

  beforeAll(async () => {
    db = await new TestDb().start();
    await db.setRules(RULES, NS);
    flags = parseSeedArgs(['--db-url', `http://127.0.0.1:${db.port}`, '--ns', NS, '--auth-host', inject('authEmulatorHost'), '--days', '10', '--today', '2025-11-25', '--progress-dir', PROGRESS_DIR], new Date()) as SeedFlags;
    const report = await runSeed(flags, () => {});
    uids = report.uids ?? new Map();
  });
  afterAll(async () => {
    await db.close();
    rmSync(PROGRESS_DIR, { recursive: true, force: true });
  });

  it('lets a demo staff account sign in and read users/{uid} with its ID token: role staff', async () => {
    const staff = DEMO_ACCOUNTS.find((a) => a.email === 'staff1@d-oms.test');
    if (staff === undefined) throw new Error('no staff1 demo account');
    const { localId, idToken } = await signIn(staff.email, staff.password);
    expect(uids.get(placeholderUid(staff))).toBe(localId);
    const res = await fetch(`http://127.0.0.1:${db.port}/users/${localId}.json?ns=${NS}&auth=${idToken}`);
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ name: staff.name, email: staff.email, role: 'staff', status: 'active' });
    const other = await fetch(`http://127.0.0.1:${db.port}/users/${uids.get('demo-uid-admin') ?? 'x'}.json?ns=${NS}&auth=${idToken}`);
    expect(other.status).toBe(401);
  });

  it('wrote the business with real uids everywhere and no placeholder left', async () => {
    const { json } = await db.rest('GET', '/.json', undefined, { ns: NS });
    const data = json as Record<string, Record<string, unknown>>;
    expect(Object.keys(data.catalog ?? {}).length).toBeGreaterThanOrEqual(150);
    expect(Object.keys(data.orders ?? {}).length).toBeGreaterThan(0);
    expect(Object.keys(data.users ?? {}).sort()).toEqual([...uids.values()].sort());
    expect(JSON.stringify(data)).not.toContain('demo-uid-');
    const retailer = data.users?.[uids.get('demo-uid-retailer1') ?? ''] as { role: string; partyId: string };
    expect(retailer.role).toBe('retailer');
    expect(data.parties?.[retailer.partyId]).toBeDefined();
    // The retailer's count of awaiting orders is keyed by their real uid too.
    expect(data.retailerAwaiting?.[uids.get('demo-uid-retailer1') ?? '']).toMatchObject({ submitted: expect.any(Number) });
  });

  it('--if-empty leaves a namespace with data alone; a plain re-run signs the existing accounts in and rewrites', async () => {
    await db.rest('PUT', '/marker.json', 1, { ns: NS });
    const skipped = await runSeed({ ...flags, ifEmpty: true }, () => {});
    expect(skipped.isSkipped).toBe(true);
    expect((await db.rest('GET', '/marker.json', undefined, { ns: NS })).json).toBe(1);
    const again = await runSeed(flags, () => {});
    expect(again.uids).toEqual(uids);
    expect((await db.rest('GET', '/marker.json', undefined, { ns: NS })).json).toBeNull();
  });

  it('replaces the namespace in batches within the bound and stores the same data', async () => {
    const ns = 'seed-split';
    const tree = generateBusiness({ seed: 3, days: 3, scale: 1, today: Date.UTC(2025, 0, 1) });
    await db.rest('PUT', '/stale.json', true, { ns });
    const uid = new Map([['demo-uid-staff1', 'real-staff-uid']]);
    const target = { url: `http://127.0.0.1:${db.port}`, ns };
    const file = progressFile(PROGRESS_DIR, target.url, ns);
    const limits = { bytes: 100_000, keys: 300 };
    const w = await writeDatabase(tree, target, uid, { flags: { seed: 3, days: 3, scale: 1, today: 0, batchKb: 0 }, limits, progressFile: file, resumeFrom: null }, () => {});
    expect(w.batches).toBeGreaterThanOrEqual(Math.ceil(w.totalBytes / limits.bytes));
    expect(w.requests).toBe(w.batches + 1); // the clear, then the batches
    expect(existsSync(file)).toBe(false);
    const { json } = await db.rest('GET', '/.json', undefined, { ns });
    const want = JSON.parse([...jsonPieces(tree, uid)].join('')) as Record<string, unknown>;
    expect(json).toEqual(want);
    expect(Object.keys(want['users'] as object)).toContain('real-staff-uid');
  });

  it('stops with a clear message, before writing anything, when the Auth emulator is down', async () => {
    const ns = 'seed-no-auth';
    const down = { ...flags, ns, authHost: `127.0.0.1:${await freePort()}` };
    await expect(runSeed(down, () => {})).rejects.toThrow(/cannot reach the Firebase Auth emulator at 127\.0\.0\.1:\d+/);
    expect((await db.rest('GET', '/.json', undefined, { ns })).json).toBeNull();
  });

  it('exits non-zero from the command line: 1 when the database is down, 2 for bad flags', async () => {
    const port = await freePort();
    const run = (...args: string[]) => spawnSync('node_modules/.bin/tsx', ['server/seed/cli.ts', ...args], { encoding: 'utf8', timeout: 60_000 });
    const down = run('--db-url', `http://127.0.0.1:${port}`, '--days', '1');
    expect(down.status).toBe(1);
    expect(down.stderr).toMatch(/seed failed: cannot reach the database server/);
    const bad = run('--days', 'many');
    expect(bad.status).toBe(2);
    expect(bad.stderr).toMatch(/--days must be a whole number[^]*Usage: npm run seed/);
  });
});
