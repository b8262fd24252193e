/**
 * What Home's counts cost over the WebSocket on a big business (issue 11 target: Home opens with
 * at most 300 KB on a 90-day × 3 seeded business). Generates the demo business (by default 90
 * days at scale 3, its last simulated day being today, so "Sent today" holds a whole day of
 * bills: the worst case), loads it into the local database server with the real rules, then
 * opens one staff SDK client per way of counting and prints the bytes the server sent until
 * every tile had its first value:
 *
 * - `before`: the five whole collections (what Home listened to until issue 11);
 * - `now`: the listens of src/data/counts.ts: the counters `counts/orders` and `counts/billing`,
 *   and the indexed range queries of recentActivity.ts.
 *
 * Only the counts are measured: the rest of the shell (the user record, presence, the expiry
 * job's reads) is not. Prints figures only; it is not a test.
 *
 *   npx tsx bench/app/homeBytes.ts [--days 90] [--scale 3]
 */
import { onValue, orderByChild, query, ref, startAt, type Database, type Query } from 'firebase/database';
import { WebSocket } from 'ws';
import { RECENT_FIELD, recentSince, type RecentCollection } from '../../src/domain/recentActivity.ts';
import { DAY_MS } from '../../src/domain/patch.ts';
import { generateBusiness } from '../../server/seed/generate.ts';
import { writeDatabase } from '../../server/seed/output.ts';
import { TestDb } from '../../tests/integration/support/dbHarness.ts';
import { rulesPath } from '../../tests/support/rulesFile.ts';

const arg = (name: string, fallback: number): number => {
  const i = process.argv.indexOf(`--${name}`);
  const v = i < 0 ? Number.NaN : Number(process.argv[i + 1]);
  return Number.isFinite(v) && v > 0 ? v : fallback;
};
const DAYS = arg('days', 90);
const SCALE = arg('scale', 3);

// Server → client bytes, per server-side socket (the server runs in this process, on `ws`).
const sentBy = new Map<WebSocket, number>();
const send = WebSocket.prototype.send;
WebSocket.prototype.send = function (this: WebSocket & { _isServer?: boolean }, data: unknown, ...rest: unknown[]) {
  if (this._isServer === true) sentBy.set(this, (sentBy.get(this) ?? 0) + Buffer.byteLength(typeof data === 'string' ? data : (data as Buffer)));
  return (send as (...a: unknown[]) => void).call(this, data, ...rest);
} as typeof send;
const totalSent = (): number => [...sentBy.values()].reduce((a, b) => a + b, 0);

const started = Date.now();
const today = Math.ceil(Date.now() / DAY_MS) * DAY_MS; // next 00:00 UTC: the last simulated day is today
const tree = generateBusiness({ seed: 1, days: DAYS, scale: SCALE, today });
const size = (c: string): string => `${Object.keys((tree[c] as object | undefined) ?? {}).length} records, ${(JSON.stringify(tree[c] ?? {}).length / 1024).toFixed(0)} KB`;
console.log(`generated ${DAYS} days × ${SCALE} in ${((Date.now() - started) / 1000).toFixed(1)} s`);
for (const c of ['orders', 'billing', 'sent', 'deleted', 'expired']) console.log(`  ${c.padEnd(8)} ${size(c)}`);
console.log(`  counts   ${JSON.stringify(tree['counts'])}`);

const db = await new TestDb({ rulesFile: rulesPath() }).start();
try {
  await writeDatabase({ ...tree, users: { ...(tree['users'] as object), 'bench-staff': { name: 'Bench Staff', email: 'bench@example.in', role: 'staff', status: 'active' } } }, { url: `http://127.0.0.1:${db.port}`, ns: 'test-ns' }, new Map());

  /** Opens a staff client, listens to `targets`, and returns the bytes sent until each has answered once. */
  async function measure(label: string, targets: (client: Database) => Query[]): Promise<void> {
    const before = totalSent();
    const client = db.client({ uid: 'bench-staff', claims: { auth_time: Math.floor(Date.now() / 1000) } });
    const sizes: number[] = [];
    await Promise.all(
      targets(client).map(
        (q, i) =>
          new Promise<void>((resolve, reject) => {
            const stop = onValue(
              q,
              (snap) => {
                // A counter shows its n; a collection or query, its number of records.
                sizes[i] = snap.hasChild('n') && snap.hasChild('by') ? Number(snap.child('n').val()) : snap.size;
                stop();
                resolve();
              },
              reject,
            );
          }),
      ),
    );
    // Let the last frames of the answers land before reading the counter.
    await new Promise((r) => setTimeout(r, 200));
    console.log(`${label.padEnd(7)} ${((totalSent() - before) / 1024).toFixed(1).padStart(8)} KB over the WebSocket; tiles ${sizes.join(' / ')}`);
  }

  await measure('before', (c) => ['orders', 'billing', 'sent', 'deleted', 'expired'].map((p) => ref(c, p)));
  const clock = Date.now();
  const recent = (c: Database, col: RecentCollection): Query => query(ref(c, col), orderByChild(RECENT_FIELD[col]), startAt(recentSince(col, clock)));
  await measure('now', (c) => [ref(c, 'counts/orders'), ref(c, 'counts/billing'), recent(c, 'sent'), recent(c, 'deleted'), recent(c, 'expired')]);
} finally {
  await db.close();
}
