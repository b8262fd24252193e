import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { parseSeedArgs, runSeed, UsageError, type SeedFlags } from '../../../server/seed/run.ts';

const NOW = new Date('2025-11-25T15:42:10Z');
const dir = mkdtempSync(join(tmpdir(), 'doms-seed-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('seed flags', () => {
  it('has the documented defaults; --today defaults to today at 00:00 UTC', () => {
    expect(parseSeedArgs([], NOW)).toEqual({
      dbUrl: 'http://127.0.0.1:9000',
      ns: 'demo-doms-default-rtdb',
      authHost: '127.0.0.1:9099',
      seed: 1,
      days: 30,
      scale: 1,
      today: Date.UTC(2025, 10, 25),
      out: null,
      ifEmpty: false,
      batchKb: 1024,
      resume: false,
      progressDir: tmpdir(),
    });
    const f = parseSeedArgs(['--seed', '7', '--days', '365', '--scale', '10', '--today', '2024-02-29', '--out', 'x.json'], NOW);
    expect(f).toMatchObject({ seed: 7, days: 365, scale: 10, today: Date.UTC(2024, 1, 29), out: 'x.json' });
    expect(parseSeedArgs(['--if-empty'], NOW)?.ifEmpty).toBe(true);
    expect(parseSeedArgs(['--resume', '--batch-kb', '64', '--progress-dir', '/var/tmp'], NOW)).toMatchObject({ resume: true, batchKb: 64, progressDir: '/var/tmp' });
    expect(parseSeedArgs(['--batch-kb', '16384'], NOW)?.batchKb).toBe(16384);
    expect(parseSeedArgs(['--help'], NOW)).toBeNull();
  });

  it.each([
    [['--days', '0'], /--days must be a whole number from 1/],
    [['--scale', '1.5'], /--scale/],
    [['--seed', '-1'], /--seed/],
    [['--today', '2025-02-30'], /--today must be a date/],
    [['--today', 'yesterday'], /--today/],
    [['--ns', 'a.b'], /--ns/],
    [['--auth-host', 'http://x:1'], /--auth-host/],
    [['--out', 'f.json', '--if-empty'], /--if-empty/],
    [['--batch-kb', '63'], /--batch-kb must be a whole number from 64 to 16384, got "63"/],
    [['--batch-kb', '16385'], /--batch-kb must be a whole number from 64 to 16384/],
    [['--batch-kb', '1mb'], /--batch-kb/],
    [['--out', 'f.json', '--resume', '--batch-kb', '64'], /--resume, --batch-kb: about writing a database/],
    [['--resume', '--if-empty'], /--resume and --if-empty contradict/],
    [['--colour', 'x'], /Unknown option/],
  ])('refuses %j', (argv, message) => {
    expect(() => parseSeedArgs(argv, NOW)).toThrow(UsageError);
    expect(() => parseSeedArgs(argv, NOW)).toThrow(message);
  });
});

describe('seed --out', () => {
  const flags = (out: string, seed = 1): SeedFlags => ({ ...(parseSeedArgs(['--days', '8', '--today', '2025-06-01', '--out', out], NOW) as SeedFlags), seed });

  it('writes the same bytes twice for the same flags, with placeholder uids and no database', async () => {
    const lines: string[] = [];
    const a = await runSeed(flags(join(dir, 'a.json')), (l) => lines.push(l));
    await runSeed(flags(join(dir, 'b.json')), () => {});
    await runSeed(flags(join(dir, 'c.json'), 2), () => {});
    const [ja, jb, jc] = ['a', 'b', 'c'].map((n) => readFileSync(join(dir, `${n}.json`), 'utf8'));
    expect(ja).toBe(jb);
    expect(ja).not.toBe(jc);
    expect(a.bytes).toBe(Buffer.byteLength(ja ?? ''));
    const data = JSON.parse(ja ?? '') as { users: Record<string, { role: string }>; catalog: object };
    expect(Object.keys(data.users)).toContain('demo-uid-staff1');
    expect(Object.keys(data.catalog).length).toBeGreaterThanOrEqual(150);
    expect(lines.join('\n')).toMatch(/Wrote .*a\.json/);
  });

  it('fails with a clear message when the database server is down', async () => {
    const f = { ...flags(''), out: null, dbUrl: 'http://127.0.0.1:9' };
    await expect(runSeed(f, () => {})).rejects.toThrow(/cannot reach the database server at http:\/\/127\.0\.0\.1:9 .*npm run db/);
  });
});
