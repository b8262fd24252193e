/**
 * What Home's tiles should show, computed from the database as the owner reads it: Pending and
 * In billing are the counters `counts/orders` and `counts/billing` (absent = 0); Sent today,
 * Deleted this week and Expired this week are the records whose `billedAt`, `deletedAt` or
 * `expiredAt` falls in the window (today from 00:00 local time; the last 7 days).
 */
import { RECENT_CAP } from '../../../src/domain/recentActivity.ts';
import type { Collection } from '../pages/StaffHomePage.ts';

/** Each tile's label, as a person sees it. */
export const TILE_LABELS: Record<Collection, string> = { orders: 'Pending', billing: 'In billing', sent: 'Sent today', deleted: 'Deleted this week', expired: 'Expired this week' };

const WINDOW_FIELD = { sent: 'billedAt', deleted: 'deletedAt', expired: 'expiredAt' } as const;
const windowStart = (c: keyof typeof WINDOW_FIELD, now: number): number => (c === 'sent' ? new Date(now).setHours(0, 0, 0, 0) : now - 7 * 86_400_000);

/** The tiles by label, from `get(path)` (the owner's read of a path, null when absent), at `now`. */
export async function expectedTiles(get: (path: string) => Promise<unknown>, now = Date.now()): Promise<Record<string, number>> {
  const out: Record<string, number> = {};
  for (const c of ['orders', 'billing'] as const) {
    const stored = (await get(`counts/${c}/n`)) as number | null;
    out[TILE_LABELS[c]] = stored ?? 0;
  }
  for (const c of ['sent', 'deleted', 'expired'] as const) {
    const records = ((await get(c)) ?? {}) as Record<string, Record<string, unknown>>;
    // The tile reads at most RECENT_CAP records and shows "20+" past it (read as 20).
    out[TILE_LABELS[c]] = Math.min(RECENT_CAP, Object.values(records).filter((r) => Number(r[WINDOW_FIELD[c]]) >= windowStart(c, now)).length);
  }
  return out;
}
