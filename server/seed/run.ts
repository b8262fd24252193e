/**
 * `npm run seed`: flags, then generate → verify → write (a file, or the database after creating
 * the demo accounts in the Auth emulator). Generation is pure and seeded; only this module and
 * the writers touch the network, the file system or the real clock.
 */
import { existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { parseArgs } from 'node:util';
import { ensureAccounts } from './authAccounts.ts';
import { DEFAULT_BATCH_BYTES, MAX_BATCH_KEYS, type BatchLimits } from './batches.ts';
import { isNamespaceEmpty, writeDatabase, type DbTarget, type WriteHooks } from './dbWriter.ts';
import { DEMO_ACCOUNTS, placeholderUid } from './demoAccounts.ts';
import { DAY_MS } from './domain.ts';
import { generateBusiness, type SeedOptions } from './generate.ts';
import { writeJsonFile } from './output.ts';
import { progressFile, readProgress, resumeMismatch, type Progress, type RunFlags } from './progress.ts';
import { verifyBusiness, type Summary } from './verify.ts';

export const USAGE = `Usage: npm run seed -- [flags]
  --db-url URL       database server (default http://127.0.0.1:9000)
  --ns NAME          namespace (default demo-doms-default-rtdb)
  --auth-host H:P    Firebase Auth emulator (default 127.0.0.1:9099)
  --seed N           PRNG seed, 0…4294967295 (default 1): same flags → same data
  --days N           simulated days of orders, 1…3660 (default 30)
  --scale N          multiplies parties and orders per day, 1…100 (default 1)
  --today YYYY-MM-DD the day after the last simulated day (default: today, 00:00 UTC)
  --out FILE.json    write the JSON to a file instead (no database, no Auth; placeholder uids)
  --if-empty         do nothing when the namespace already holds data
  --batch-kb N       most JSON per write request, 64…16384 KB (default 1024)
  --resume           carry on an interrupted seed (same flags) instead of starting over
  --progress-dir DIR where the progress file of a database seed lives (default: the OS temp dir)`;

/** Bad flags: exit status 2 with the usage text. */
export class UsageError extends Error {}

/** Parsed flags. */
export type SeedFlags = SeedOptions & {
  dbUrl: string;
  ns: string;
  authHost: string;
  out: string | null;
  ifEmpty: boolean;
  batchKb: number;
  resume: boolean;
  progressDir: string;
};

function whole(name: string, raw: string, min: number, max: number): number {
  const n = Number(raw);
  if (!/^\d+$/.test(raw) || !Number.isSafeInteger(n) || n < min || n > max) throw new UsageError(`--${name} must be a whole number from ${min} to ${max}, got "${raw}"`);
  return n;
}

/** 00:00 UTC of a YYYY-MM-DD date. */
export function parseDay(raw: string): number {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(raw);
  const t = m === null ? NaN : Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]));
  if (Number.isNaN(t) || new Date(t).toISOString().slice(0, 10) !== raw) throw new UsageError(`--today must be a date as YYYY-MM-DD, got "${raw}"`);
  return t;
}

/** Parses command-line flags; `now` supplies the default `--today`. Returns null for --help. */
export function parseSeedArgs(argv: readonly string[], now: Date): SeedFlags | null {
  let values;
  try {
    values = parseArgs({
      args: [...argv],
      options: {
        'db-url': { type: 'string', default: 'http://127.0.0.1:9000' },
        ns: { type: 'string', default: 'demo-doms-default-rtdb' },
        'auth-host': { type: 'string', default: '127.0.0.1:9099' },
        seed: { type: 'string', default: '1' },
        days: { type: 'string', default: '30' },
        scale: { type: 'string', default: '1' },
        today: { type: 'string' },
        out: { type: 'string' },
        'if-empty': { type: 'boolean', default: false },
        'batch-kb': { type: 'string' },
        resume: { type: 'boolean', default: false },
        'progress-dir': { type: 'string' },
        help: { type: 'boolean', default: false },
      },
      strict: true,
      allowPositionals: false,
    }).values;
  } catch (e) {
    throw new UsageError(e instanceof Error ? e.message : String(e));
  }
  if (values.help) return null;
  if (!/^[a-zA-Z0-9_-]{1,128}$/.test(values.ns)) throw new UsageError(`--ns must be letters, digits, _ or -, got "${values.ns}"`);
  if (!/^https?:\/\/[^/]+\/?$/.test(values['db-url'])) throw new UsageError(`--db-url must look like http://127.0.0.1:9000, got "${values['db-url']}"`);
  if (!/^[^/:]+:\d+$/.test(values['auth-host'])) throw new UsageError(`--auth-host must be HOST:PORT, got "${values['auth-host']}"`);
  if (values.out !== undefined) {
    const dbOnly = [values['if-empty'] && '--if-empty', values.resume && '--resume', values['batch-kb'] !== undefined && '--batch-kb', values['progress-dir'] !== undefined && '--progress-dir'].filter((f) => f !== false);
    if (dbOnly.length > 0) throw new UsageError(`${dbOnly.join(', ')}: about writing a database; makes no sense with --out`);
  }
  if (values.resume && values['if-empty']) throw new UsageError('--resume and --if-empty contradict each other: an interrupted seed leaves the namespace non-empty');
  return {
    seed: whole('seed', values.seed, 0, 0xffffffff),
    days: whole('days', values.days, 1, 3660),
    scale: whole('scale', values.scale, 1, 100),
    today: values.today === undefined ? Math.floor(now.getTime() / DAY_MS) * DAY_MS : parseDay(values.today),
    dbUrl: values['db-url'],
    ns: values.ns,
    authHost: values['auth-host'],
    out: values.out ?? null,
    ifEmpty: values['if-empty'],
    batchKb: values['batch-kb'] === undefined ? DEFAULT_BATCH_BYTES / 1024 : whole('batch-kb', values['batch-kb'], 64, 16384),
    resume: values.resume,
    progressDir: values['progress-dir'] ?? tmpdir(),
  };
}

/** What a run did. */
export type SeedReport = { isSkipped: boolean; summary?: Summary; bytes?: number; uids?: ReadonlyMap<string, string> };

/** Generates and checks the business; every state must appear unless the run is too short for it. */
export function buildBusiness(opts: SeedOptions): { tree: ReturnType<typeof generateBusiness>; summary: Summary } {
  const tree = generateBusiness(opts);
  return { tree, summary: verifyBusiness(tree, { requireEveryState: opts.days >= 7 }) };
}

function describe(summary: Summary): string {
  const c = summary.counts;
  return [
    `catalog ${c['catalog']}, parties ${c['parties']}, users ${c['users']}, stock ${c['stock']} SKUs, ledger ${c['stockLedger']}`,
    `orders: pending ${c['orders']}, billing ${c['billing']} (${summary.orders.partlyBilled} partly billed), sent ${c['sent']}, deleted ${c['deleted']}, expired ${c['expired']}; retailer requests ${c['retailerOrders']}; audit ${c['audit']}`,
  ].join('\n  ');
}

/** A resume that cannot be done (other flags, other uids, nothing recorded), with what to do instead. */
export class ResumeError extends Error {}

/** The progress of the run to resume, checked against these flags; null to start from the beginning. */
function resumable(flags: SeedFlags, file: string, limits: BatchLimits, isEmpty: boolean, log: (line: string) => void): Progress | null {
  const saved = readProgress(file);
  if (saved === null) {
    if (!isEmpty) throw new ResumeError(`nothing to resume: no progress file ${file} (a finished seed removes it), and namespace ${flags.ns} holds data. Run without --resume to write it from the start.`);
    log(`No interrupted seed of namespace ${flags.ns} is recorded (${file}) and it is empty: seeding from the start.`);
    return null;
  }
  const why = resumeMismatch(saved, { dbUrl: flags.dbUrl, ns: flags.ns, flags: runFlags(flags), limits });
  if (why !== null) throw new ResumeError(`cannot resume the interrupted seed recorded in ${file}: ${why}. Or run without --resume to start over.`);
  return saved;
}

const runFlags = (f: SeedFlags): RunFlags => ({ seed: f.seed, days: f.days, scale: f.scale, today: f.today, batchKb: f.batchKb });

const sameUids = (saved: Record<string, string>, uids: ReadonlyMap<string, string>) => Object.keys(saved).length === uids.size && [...uids].every(([k, v]) => saved[k] === v);

/** Runs the seed with parsed flags, logging progress through `log`; `hooks` are for tests. */
export async function runSeed(flags: SeedFlags, log: (line: string) => void, hooks: WriteHooks = {}): Promise<SeedReport> {
  const started = performance.now();
  const ms = () => `${Math.round(performance.now() - started)} ms`;
  const target: DbTarget = { url: flags.dbUrl, ns: flags.ns };
  const limits: BatchLimits = { bytes: flags.batchKb * 1024, keys: MAX_BATCH_KEYS };
  const file = progressFile(flags.progressDir, flags.dbUrl, flags.ns);
  let uids: Map<string, string> | null = null;
  let resumeFrom: Progress | null = null;
  if (flags.out === null) {
    // Reach the database first: a stopped server fails fast, before any account is made.
    const isEmpty = await isNamespaceEmpty(target);
    if (flags.ifEmpty && !isEmpty) {
      log(`Namespace ${flags.ns} already holds data: nothing to do (--if-empty).`);
      return { isSkipped: true };
    }
    // Checked before the accounts and the (minutes-long, for a year) generation.
    if (flags.resume) resumeFrom = resumable(flags, file, limits, isEmpty, log);
    else if (existsSync(file)) log(`Starting over: the progress of an interrupted seed (${file}) is discarded.`);
    uids = await ensureAccounts(flags.authHost, DEMO_ACCOUNTS);
    if (resumeFrom !== null && !sameUids(resumeFrom.uids, uids)) {
      throw new ResumeError(`cannot resume: the Auth emulator at ${flags.authHost} gave other uids than the interrupted run wrote (was its data cleared?). Run without --resume to write the namespace from the start.`);
    }
  }
  const { tree, summary } = buildBusiness(flags);
  log(`Generated and verified seed ${flags.seed}, ${flags.days} days to ${new Date(flags.today).toISOString().slice(0, 10)}, scale ${flags.scale} (${ms()}):\n  ${describe(summary)}`);
  if (flags.out !== null) {
    const bytes = writeJsonFile(tree, flags.out);
    log(`Wrote ${flags.out} (${(bytes / 1e6).toFixed(1)} MB, placeholder uids) in ${ms()}.`);
    return { isSkipped: false, summary, bytes };
  }
  const map = uids ?? new Map<string, string>();
  const w = await writeDatabase(tree, target, map, { flags: runFlags(flags), limits, progressFile: file, resumeFrom }, log, hooks);
  const resumed = w.skipped > 0 ? ` (resumed: ${w.skipped} of ${w.batches} batches were already there)` : '';
  log(`Wrote ${(w.bytes / 1e6).toFixed(1)} MB to ${flags.dbUrl} namespace ${flags.ns} in ${w.requests} request(s)${resumed}, ${ms()}.`);
  log('Demo logins (local Auth emulator only):');
  for (const a of DEMO_ACCOUNTS) log(`  ${a.email.padEnd(24)} ${a.password.padEnd(16)} ${a.role}${a.status === 'active' ? '' : ` (${a.status})`}  uid ${map.get(placeholderUid(a)) ?? '?'}`);
  return { isSkipped: false, summary, bytes: w.bytes, uids: map };
}
