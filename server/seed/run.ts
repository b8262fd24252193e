/**
 * `npm run seed`: flags, then generate → verify → write (a file, or the database after creating
 * the demo accounts in the Auth emulator). Generation is pure and seeded; only this module and
 * the writers touch the network, the file system or the real clock.
 */
import { parseArgs } from 'node:util';
import { ensureAccounts } from './authAccounts.ts';
import { DEMO_ACCOUNTS, placeholderUid } from './demoAccounts.ts';
import { DAY_MS } from './domain.ts';
import { generateBusiness, type SeedOptions } from './generate.ts';
import { isNamespaceEmpty, writeDatabase, writeJsonFile, type DbTarget } from './output.ts';
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
  --if-empty         do nothing when the namespace already holds data`;

/** Bad flags: exit status 2 with the usage text. */
export class UsageError extends Error {}

/** Parsed flags. */
export type SeedFlags = SeedOptions & { dbUrl: string; ns: string; authHost: string; out: string | null; ifEmpty: boolean };

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
  if (values.out !== undefined && values['if-empty']) throw new UsageError('--if-empty is about a database; it makes no sense with --out');
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

/** Runs the seed with parsed flags, logging progress through `log`. */
export async function runSeed(flags: SeedFlags, log: (line: string) => void): Promise<SeedReport> {
  const started = performance.now();
  const ms = () => `${Math.round(performance.now() - started)} ms`;
  const target: DbTarget = { url: flags.dbUrl, ns: flags.ns };
  let uids: Map<string, string> | null = null;
  if (flags.out === null) {
    // Reach the database first: a stopped server fails fast, before any account is made.
    const isEmpty = await isNamespaceEmpty(target);
    if (flags.ifEmpty && !isEmpty) {
      log(`Namespace ${flags.ns} already holds data: nothing to do (--if-empty).`);
      return { isSkipped: true };
    }
    uids = await ensureAccounts(flags.authHost, DEMO_ACCOUNTS);
  }
  const { tree, summary } = buildBusiness(flags);
  log(`Generated and verified seed ${flags.seed}, ${flags.days} days to ${new Date(flags.today).toISOString().slice(0, 10)}, scale ${flags.scale} (${ms()}):\n  ${describe(summary)}`);
  if (flags.out !== null) {
    const bytes = writeJsonFile(tree, flags.out);
    log(`Wrote ${flags.out} (${(bytes / 1e6).toFixed(1)} MB, placeholder uids) in ${ms()}.`);
    return { isSkipped: false, summary, bytes };
  }
  const map = uids ?? new Map<string, string>();
  const { bytes, requests } = await writeDatabase(tree, target, map);
  log(`Wrote ${(bytes / 1e6).toFixed(1)} MB to ${flags.dbUrl} namespace ${flags.ns} in ${requests} request(s), ${ms()}.`);
  log('Demo logins (local Auth emulator only):');
  for (const a of DEMO_ACCOUNTS) log(`  ${a.email.padEnd(24)} ${a.password.padEnd(16)} ${a.role}${a.status === 'active' ? '' : ` (${a.status})`}  uid ${map.get(placeholderUid(a)) ?? '?'}`);
  return { isSkipped: false, summary, bytes, uids: map };
}
