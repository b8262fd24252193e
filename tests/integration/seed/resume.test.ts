import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { TestDb } from '../support/dbHarness.ts';
import { progressFile, readProgress } from '../../../server/seed/progress.ts';
import { parseSeedArgs, runSeed, type SeedFlags } from '../../../server/seed/run.ts';

const dir = mkdtempSync(join(tmpdir(), 'doms-seed-progress-'));
const PROGRESS_LINE = /^ {2}written \d+\.\d \/ \d+\.\d MB \(\d+%\), \d+ requests, \d+\.\d s$/;

describe('seed writes in bounded batches, shows progress, and resumes after an interruption', () => {
  let db: TestDb;
  let url: string;
  let reference: unknown;
  const referenceLog: string[] = [];

  /** Three days in 64 KB batches: a couple of dozen requests. */
  const flags = (ns: string, ...more: string[]): SeedFlags =>
    parseSeedArgs(['--db-url', url, '--ns', ns, '--auth-host', inject('authEmulatorHost'), '--days', '3', '--today', '2025-06-01', '--batch-kb', '64', '--progress-dir', dir, ...more], new Date()) as SeedFlags;
  const read = async (ns: string) => (await db.rest('GET', '/.json', undefined, { ns })).json;
  const interrupted = new Error('interrupted by the test');
  /** A run that stops (as a kill would) once `k` batches are acknowledged. */
  const interruptAfter = async (f: SeedFlags, k: number) => {
    const stop = (n: number) => {
      if (n === k) throw interrupted;
    };
    await expect(runSeed(f, () => {}, { afterBatch: stop })).rejects.toBe(interrupted);
    expect(readProgress(progressFile(dir, f.dbUrl, f.ns))?.batches).toHaveLength(k);
  };

  beforeAll(async () => {
    db = await new TestDb().start();
    url = `http://127.0.0.1:${db.port}`;
    await runSeed(flags('resume-ref'), (l) => referenceLog.push(l), { progressEveryMs: 0 });
    reference = await read('resume-ref');
  });
  afterAll(async () => {
    await db.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('shows progress lines (MB written of the total, requests, seconds), then the demo logins', () => {
    const text = referenceLog.join('\n');
    const planned = /Planned (\d+\.\d) MB in (\d+) batch\(es\) of at most 64 KB/.exec(text);
    expect(Number(planned?.[2])).toBeGreaterThan(5);
    const progress = referenceLog.filter((l) => PROGRESS_LINE.test(l));
    expect(progress.length).toBe(Number(planned?.[2]));
    expect(progress.at(-1)).toContain(`written ${planned?.[1]} / ${planned?.[1]} MB (100%)`);
    expect(text).toMatch(/Demo logins[^]*staff1@d-oms\.test/);
    expect(existsSync(progressFile(dir, url, 'resume-ref'))).toBe(false);
  });

  it('a run interrupted after 5 batches, resumed after a server restart, leaves exactly the data of an uninterrupted run', async () => {
    const f = flags('resume-a');
    await interruptAfter(f, 5);
    expect(await read('resume-a')).not.toEqual(reference);
    await db.restart();
    const lines: string[] = [];
    await runSeed({ ...f, resume: true }, (l) => lines.push(l));
    const text = lines.join('\n');
    expect(text).toMatch(/Resuming after 5 acknowledged batch/);
    expect(text).toMatch(/resumed: 5 of \d+ batches were already there/);
    expect(text).toMatch(/Demo logins/);
    expect(await read('resume-a')).toEqual(reference);
    expect(existsSync(progressFile(dir, url, 'resume-a'))).toBe(false);
    // A finished seed leaves nothing to resume.
    await expect(runSeed({ ...f, resume: true }, () => {})).rejects.toThrow(/nothing to resume: no progress file .* holds data/);
  });

  it('refuses --resume with other flags, before writing anything; with the same flags it finishes', async () => {
    const f = flags('resume-b');
    await interruptAfter(f, 2);
    const partial = await read('resume-b');
    await expect(runSeed({ ...flags('resume-b', '--days', '4'), resume: true }, () => {})).rejects.toThrow(/cannot resume .*it ran with --days 3, this run has --days 4/);
    await expect(runSeed({ ...flags('resume-b', '--batch-kb', '128', '--seed', '2'), resume: true }, () => {})).rejects.toThrow(/--seed 1 --batch-kb 64, this run has --seed 2 --batch-kb 128/);
    await expect(runSeed({ ...flags('resume-b', '--today', '2025-06-02'), resume: true }, () => {})).rejects.toThrow(/--today 2025-06-01.*defaults to the current date/);
    expect(await read('resume-b')).toEqual(partial);
    expect(readProgress(progressFile(dir, url, 'resume-b'))?.batches).toHaveLength(2);
    await runSeed({ ...f, resume: true }, () => {});
    expect(await read('resume-b')).toEqual(reference);
  });

  it('writes again from the first acknowledged batch the database no longer holds', async () => {
    const f = flags('resume-c');
    await interruptAfter(f, 4);
    await db.rest('PUT', '/.json', null, { ns: 'resume-c' }); // as if the server lost its data
    const lines: string[] = [];
    await runSeed({ ...f, resume: true }, (l) => lines.push(l));
    expect(lines.join('\n')).toMatch(/Batch 1 of the interrupted run is not in the database/);
    expect(await read('resume-c')).toEqual(reference);
  });

  it('retries a batch while the server restarts; when it stays away, fails saying how to resume', async () => {
    let restarting: Promise<void> = Promise.resolve();
    const down = (pauseMs: number) => new Promise<void>((isDown) => (restarting = db.restart(pauseMs, isDown)));
    const lines: string[] = [];
    const d = flags('resume-d');
    await runSeed(d, (l) => lines.push(l), { afterBatch: (n) => (n === 3 ? down(600) : undefined) });
    await restarting;
    expect(lines.join('\n')).toMatch(/batch 4 failed \(.*\); trying again in \d\.\d s/);
    expect(await read('resume-d')).toEqual(reference);

    const e = flags('resume-e');
    const quick = { attempts: 2, delayMs: () => 50, timeoutMs: 10_000 };
    await expect(runSeed(e, () => {}, { retry: quick, afterBatch: (n) => (n === 3 ? down(1500) : undefined) })).rejects.toThrow(
      /cannot reach the database server[^]*Batch 4 of \d+ was not written; 3 batches .* are in the database.*run the same command with --resume/,
    );
    await restarting;
    await runSeed({ ...e, resume: true }, () => {});
    expect(await read('resume-e')).toEqual(reference);
  });
});
