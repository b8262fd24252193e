/**
 * Writing the generated tree into a namespace of the local database server over REST, as the
 * owner: the namespace is cleared, then the tree goes in bounded root PATCHes (batches.ts), each
 * retried on transient failures, with a progress line every few seconds and a progress file
 * (progress.ts) that lets `--resume` carry on after an interruption.
 */
import { batchHash, removeProgress, saveProgress, type Progress, type RunFlags } from './progress.ts';
import { planBatches, type BatchLimits, type UidMap } from './batches.ts';
import type { Tree } from './tree.ts';

/** How one namespace of the local database server is reached. */
export type DbTarget = { url: string; ns: string };

/** Failure to reach or write the database, with a message for people. */
export class SeedWriteError extends Error {}

/**
 * How often a request is tried, how long between tries, how long one try may take (default:
 * fetch's own 300 s for the answer to start); `onRetry` hears of each failed try that is retried.
 */
export type RetryPolicy = { attempts: number; delayMs: (attempt: number) => number; timeoutMs?: number; onRetry?: (reason: string, delayMs: number) => void };

/**
 * For a first contact: fails in well under a second when nothing listens. Still retries, because
 * fetch reuses a kept-alive socket, and when generating took longer than the server's keep-alive
 * timeout the server may close that socket just as the next request starts (EPIPE / ECONNRESET).
 */
export const QUICK_RETRY: RetryPolicy = { attempts: 3, delayMs: (a) => 200 * a };
/** For a batch: rides out a busy or restarting server (0.5 + 1 + 2 + 4 + 8 s of waiting). */
export const BATCH_RETRY: RetryPolicy = { attempts: 6, delayMs: (a) => 500 * 2 ** (a - 1), timeoutMs: 120_000 };

function endpoint(target: DbTarget, path: string, query = ''): string {
  const base = target.url.replace(/\/+$/, '');
  return `${base}/${path}.json?ns=${encodeURIComponent(target.ns)}${query}`;
}

const causeOf = (e: unknown): string => {
  if (e instanceof Error && e.name === 'TimeoutError') return 'no answer in time';
  if (e instanceof Error && e.cause instanceof Error) return e.cause.message;
  return e instanceof Error ? e.message : String(e);
};

/**
 * One REST call as the owner; throws SeedWriteError with a readable message. Every request here
 * is idempotent (GET, and PUT/PATCH of a fixed body), so a failed connection, a timeout or a 5xx
 * answer is tried again as `retry` says; a 4xx answer is final.
 */
export async function ownerRequest(target: DbTarget, method: string, path: string, body?: string, query = '', retry: RetryPolicy = QUICK_RETRY): Promise<unknown> {
  for (let attempt = 1; ; attempt++) {
    let failure: string;
    let reason: string;
    try {
      const res = await fetch(endpoint(target, path, query), {
        method,
        headers: { authorization: 'Bearer owner', 'content-type': 'application/json' },
        ...(retry.timeoutMs === undefined ? {} : { signal: AbortSignal.timeout(retry.timeoutMs) }),
        ...(body === undefined ? {} : { body }),
      });
      const text = await res.text();
      if (res.ok) return text === '' ? null : (JSON.parse(text) as unknown);
      const refused = `the database server at ${target.url} refused ${method} /${path} (HTTP ${res.status}): ${text.slice(0, 300)}`;
      if (res.status < 500) throw new SeedWriteError(refused);
      failure = refused;
      reason = `HTTP ${res.status}`;
    } catch (e) {
      if (e instanceof SeedWriteError) throw e;
      reason = causeOf(e);
      failure = `cannot reach the database server at ${target.url} (${reason}). Start it with \`npm run db\` (or \`npm start\`), or write a file instead with --out FILE.json.`;
    }
    if (attempt >= retry.attempts) throw new SeedWriteError(failure);
    retry.onRetry?.(reason, retry.delayMs(attempt));
    await new Promise((r) => setTimeout(r, retry.delayMs(attempt)));
  }
}

/** True when the namespace holds no data at all. */
export async function isNamespaceEmpty(target: DbTarget): Promise<boolean> {
  return (await ownerRequest(target, 'GET', '', undefined, '&shallow=true')) === null;
}

/** What decides the batches and where their progress is kept. */
export type WriteRun = {
  flags: RunFlags;
  limits: BatchLimits;
  progressFile: string;
  /** The progress of the interrupted run to carry on (already checked against flags and uids), or null to start over. */
  resumeFrom: Progress | null;
};

/** Knobs for tests and benchmarks. */
export type WriteHooks = {
  /** Least time between two progress lines (default 5 s); the last line always appears. */
  progressEveryMs?: number;
  /** Called once batch `n` (1-based) is acknowledged and recorded, and awaited; a throw stops the run there. */
  afterBatch?: (n: number) => void | Promise<void>;
  retry?: RetryPolicy;
};

/** What a database write did: bytes and requests sent now, batches in all, batches skipped on resume. */
export type WriteReport = { bytes: number; totalBytes: number; requests: number; batches: number; skipped: number };

const mb = (n: number) => (n / 1e6).toFixed(1);

/**
 * Replaces the namespace's data with the tree in bounded batches (see batches.ts), or with
 * `run.resumeFrom` carries on where an interrupted run stopped: the acknowledged batches are
 * regenerated and must hash the same, and any of them the database no longer holds (a server that
 * lost data) is written again, as is everything after.
 */
export async function writeDatabase(tree: Tree, target: DbTarget, uids: UidMap, run: WriteRun, log: (line: string) => void, hooks: WriteHooks = {}): Promise<WriteReport> {
  const started = performance.now();
  const retry = hooks.retry ?? BATCH_RETRY;
  // First pass: sizes, hashes and a path to look for, so progress can show a total and a resume
  // can check what it skips before it writes anything. Only this small summary stays in memory.
  const plan: Array<{ bytes: number; hash: string; lastPath: string }> = [];
  for (const b of planBatches(tree, uids, run.limits)) plan.push({ bytes: b.bytes, hash: batchHash(b.body), lastPath: b.lastPath });
  const totalBytes = plan.reduce((s, b) => s + b.bytes, 0);
  log(`Planned ${mb(totalBytes)} MB in ${plan.length} batch(es) of at most ${run.limits.bytes / 1024} KB and ${run.limits.keys} paths (${((performance.now() - started) / 1000).toFixed(1)} s).`);

  const progress: Progress = run.resumeFrom ?? {
    version: 1,
    dbUrl: target.url,
    ns: target.ns,
    flags: run.flags,
    limits: run.limits,
    uids: Object.fromEntries(uids),
    isCleared: false,
    batches: [],
    bytes: 0,
  };
  let start = 0;
  if (run.resumeFrom !== null && progress.isCleared) {
    start = await firstMissing(progress, plan, target, log);
  } else {
    progress.batches = [];
    progress.bytes = 0;
    progress.isCleared = false;
    // Recorded before clearing: a run killed in between resumes by clearing again.
    saveProgress(run.progressFile, progress);
    await ownerRequest(target, 'PUT', '', 'null', '&print=silent', retry);
    progress.isCleared = true;
    saveProgress(run.progressFile, progress);
  }
  progress.batches = progress.batches.slice(0, start);
  progress.bytes = plan.slice(0, start).reduce((s, b) => s + b.bytes, 0);

  let requests = run.resumeFrom === null || !run.resumeFrom.isCleared ? 1 : 0;
  let bytes = 0;
  let lastLine = performance.now();
  const everyMs = hooks.progressEveryMs ?? 5000;
  const line = () => {
    const pct = totalBytes === 0 ? 100 : Math.floor((100 * progress.bytes) / totalBytes);
    log(`  written ${mb(progress.bytes)} / ${mb(totalBytes)} MB (${pct}%), ${requests} requests, ${((performance.now() - started) / 1000).toFixed(1)} s`);
    lastLine = performance.now();
  };
  const send = async (n: number, body: string, size: number) => {
    const onRetry = (reason: string, delayMs: number) => log(`  batch ${n} failed (${reason}); trying again in ${(delayMs / 1000).toFixed(1)} s`);
    try {
      await ownerRequest(target, 'PATCH', '', body, '&print=silent', { ...retry, onRetry });
    } catch (e) {
      const why = e instanceof Error ? e.message : String(e);
      throw new SeedWriteError(
        `${why}\nBatch ${n} of ${plan.length} was not written; ${n - 1} batches (${mb(progress.bytes)} of ${mb(totalBytes)} MB) are in the database. Once the cause is fixed, run the same command with --resume to continue from there (progress is kept in ${run.progressFile}).`,
      );
    }
    requests++;
    bytes += size;
    const planned = plan[n - 1];
    if (planned === undefined) throw new Error(`batch ${n} was not in the plan: planBatches is not deterministic`);
    progress.batches.push(planned.hash);
    progress.bytes += size;
    saveProgress(run.progressFile, progress);
    await hooks.afterBatch?.(n);
    if (performance.now() - lastLine >= everyMs && n < plan.length) line();
  };
  let n = 0;
  for (const batch of planBatches(tree, uids, run.limits)) {
    n++;
    if (n > start) await send(n, batch.body, batch.bytes);
  }
  line();
  removeProgress(run.progressFile);
  return { bytes, totalBytes, requests, batches: plan.length, skipped: start };
}

/**
 * How many of the recorded batches can be skipped: the recorded hashes must match the batches
 * this run makes (else it refuses, having written nothing), and each batch's last path must still
 * be in the database; the first one missing is where writing starts again.
 */
async function firstMissing(progress: Progress, plan: ReadonlyArray<{ hash: string; lastPath: string }>, target: DbTarget, log: (line: string) => void): Promise<number> {
  const done = progress.batches.length;
  for (let i = 0; i < done; i++) {
    if (plan[i]?.hash !== progress.batches[i]) {
      throw new SeedWriteError(
        `cannot resume: batch ${i + 1} of this run differs from the one the interrupted run wrote (the seed code changed since). Run without --resume to write the namespace from the start.`,
      );
    }
  }
  for (let i = 0; i < done; i++) {
    const path = plan[i]?.lastPath ?? '';
    if ((await ownerRequest(target, 'GET', path, undefined, '&shallow=true')) === null) {
      log(`Batch ${i + 1} of the interrupted run is not in the database (did the server lose data?): writing again from there.`);
      return i;
    }
  }
  log(`Resuming after ${done} acknowledged batch(es) (${mb(progress.bytes)} MB).`);
  return done;
}
