/**
 * Home's recent-activity windows. Sent, deleted and expired records pile up for as long as the
 * business runs, so Home shows only what happened lately ("Sent today", "Deleted this week",
 * "Expired this week"), each an indexed range query from the window's start: what the device
 * downloads is bounded by a day's or a week's activity, never by the whole history.
 */
import { DAY_MS } from './patch.ts';

/** The collections shown as recent activity, with the time field each is indexed and queried by. */
export const RECENT_FIELD = { sent: 'billedAt', deleted: 'deletedAt', expired: 'expiredAt' } as const;
export type RecentCollection = keyof typeof RECENT_FIELD;

/**
 * The most records a recent-activity tile downloads to count: past it the tile shows "20+". A
 * busy day holds some 80 bills of about 2 KB each, and Home must open within 300 KB (issue 11's
 * byte budget); the Sent, Deleted and Expired screens list the exact records.
 */
export const RECENT_CAP = 20;

/** What a recent-activity tile shows for `found` records read with the cap: the number, or "at least" the cap. */
export const recentTally = (found: number): number | { atLeast: number } => (found >= RECENT_CAP ? { atLeast: RECENT_CAP } : found);

/** How far back "this week" reaches: the last 7 days, rolling. */
export const WEEK_DAYS = 7;

/** 00:00 of the local calendar day of `clock` (epoch ms). */
export function startOfLocalDay(clock: number): number {
  const d = new Date(clock);
  d.setHours(0, 0, 0, 0);
  return d.getTime();
}

/** 00:00 of the local day after the one of `clock`: when "today" starts over. */
export function nextLocalDay(clock: number): number {
  const d = new Date(startOfLocalDay(clock));
  d.setDate(d.getDate() + 1);
  return d.getTime();
}

/** The start of each collection's window at `clock`: today for sent, the last 7 days for the others. */
export function recentSince(collection: RecentCollection, clock: number): number {
  return collection === 'sent' ? startOfLocalDay(clock) : clock - WEEK_DAYS * DAY_MS;
}
