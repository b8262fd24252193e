/**
 * Delivery planning: which areas are served on which weekday (`settings/deliveryPlan`), and
 * which undelivered sent cards a weekday's round should carry. A party's area comes from its
 * `area` field (the original took the last word of the party name, which broke on names like
 * "SHOP - NORTH GOA").
 */
import { list, object, text, type Schema } from './schema.ts';
import type { DeliveryStatus, Party, PartyId } from './types.ts';

/** Weekday keys in display order (Monday first, as the original's Mon–Sun buttons). */
export const WEEKDAYS = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const;
/** One weekday key. */
export type Weekday = (typeof WEEKDAYS)[number];
/** Readable weekday names. */
export const WEEKDAY_LABEL: Readonly<Record<Weekday, string>> = { mon: 'Monday', tue: 'Tuesday', wed: 'Wednesday', thu: 'Thursday', fri: 'Friday', sat: 'Saturday', sun: 'Sunday' };
/** `settings/deliveryPlan`: weekday → area names (a day without areas is absent). */
export type DeliveryPlan = Partial<Record<Weekday, string[]>>;

/** Most areas one weekday may list. */
export const MAX_AREAS_PER_DAY = 50;
const area = text({ min: 1, max: 60, trim: true, pattern: /^\S(?:[^]*\S)?$/, patternMessage: 'must not start or end with a space' });
const day = list(area, 0, MAX_AREAS_PER_DAY);

/** `settings/deliveryPlan` read back or entered by an admin. */
export const deliveryPlanSchema: Schema<DeliveryPlan> = object({}, { mon: day, tue: day, wed: day, thu: day, fri: day, sat: day, sun: day });

/** Compares area names the way people write them: case and surrounding spaces do not matter. */
export const areaKey = (name: string): string => name.trim().toLocaleLowerCase();

/** The weekday of `ms` in the device's time zone (Sunday is getDay() 0). */
export function weekdayOf(ms: number): Weekday {
  const d = new Date(ms).getDay();
  return WEEKDAYS[(d + 6) % 7] as Weekday;
}

/** The areas served on `day` (empty when none). */
export const areasOn = (plan: DeliveryPlan, day: Weekday): readonly string[] => plan[day] ?? [];

/** Parses one day's area list typed as text (comma- or newline-separated); duplicates dropped. */
export function parseAreaList(input: string): string[] {
  const seen = new Set<string>();
  return input
    .split(/[,\n]/)
    .map((a) => a.trim())
    .filter((a) => a !== '' && !seen.has(areaKey(a)) && (seen.add(areaKey(a)), true));
}

/** A plan with every day's list cleaned (trimmed, duplicates dropped, empty days removed). */
export function cleanPlan(plan: DeliveryPlan): DeliveryPlan {
  const out: DeliveryPlan = {};
  for (const d of WEEKDAYS) {
    const areas = parseAreaList((plan[d] ?? []).join('\n'));
    if (areas.length > 0) out[d] = areas;
  }
  return out;
}

/** What the planner needs of a sent card. */
export type Deliverable = { partyId: PartyId; deliveryStatus: DeliveryStatus | 'mixed' };

/**
 * The cards the round of `day` should carry: not (fully) delivered, and the party's area is one
 * of the day's areas. Cards whose party is unknown or has no area never match.
 */
export function cardsForDay<C extends Deliverable>(cards: readonly C[], parties: ReadonlyMap<string, Pick<Party, 'area'>>, plan: DeliveryPlan, day: Weekday): C[] {
  const wanted = new Set(areasOn(plan, day).map(areaKey));
  return cards.filter((c) => c.deliveryStatus !== 'delivered' && wanted.has(areaKey(parties.get(c.partyId)?.area ?? '')));
}

/** The weekdays whose plan lists `areaName` (for showing a party's delivery days). */
export function daysServing(plan: DeliveryPlan, areaName: string): Weekday[] {
  const k = areaKey(areaName);
  return WEEKDAYS.filter((d) => areasOn(plan, d).some((a) => areaKey(a) === k));
}

/** What the undelivered ticker and the dispatch reminder need of a sent card. */
export type Dispatchable = Deliverable & { key: string; number: string; partyName: string; billDates: readonly number[] };

/** One undelivered card as the ticker and the reminder list it. */
export type DispatchPending = { key: string; number: string; partyName: string; billedAt: number; days: number };

/** Whole local calendar days from `from` to `to` (0 on the same day; daylight-saving days count as one). */
export function calendarDaysBetween(from: number, to: number): number {
  const a = new Date(from);
  const b = new Date(to);
  return Math.round((Date.UTC(b.getFullYear(), b.getMonth(), b.getDate()) - Date.UTC(a.getFullYear(), a.getMonth(), a.getDate())) / 86_400_000);
}

/**
 * The cards not (fully) delivered, oldest bill first, each with the local calendar days since it
 * was billed at `now` (item 74's ticker; the original's container was missing, so it never showed).
 */
export function undeliveredCards(cards: readonly Dispatchable[], now: number): DispatchPending[] {
  return cards
    .filter((c) => c.deliveryStatus !== 'delivered' && c.billDates.length > 0)
    .map((c) => {
      const billedAt = Math.min(...c.billDates);
      return { key: c.key, number: c.number, partyName: c.partyName, billedAt, days: Math.max(0, calendarDaysBetween(billedAt, now)) };
    })
    .sort((a, b) => a.billedAt - b.billedAt || (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
}

/** The local hour after which the daily "Dispatch pending" reminder runs (8 AM, as the original). */
export const REMINDER_HOUR = 8;

/** Today's reminder time on the device: `REMINDER_HOUR`:00 local on the day of `t`. */
export function reminderSlot(t: number): number {
  const d = new Date(t);
  d.setHours(REMINDER_HOUR, 0, 0, 0);
  return d.getTime();
}

/**
 * True when the daily reminder should run at `t`: it is past 8 AM local time and the last run was
 * before today's 8 AM. A last run later than `t` comes from a clock that was wrong; it does not
 * block the reminder.
 */
export function isReminderRunDue(lastRun: number | null, t: number): boolean {
  const slot = reminderSlot(t);
  return t >= slot && (lastRun === null || lastRun < slot || lastRun > t);
}

/** The cards due a "Dispatch pending" reminder at `t`: undelivered and billed one or more calendar days before, oldest first. */
export function dueForReminder(cards: readonly Dispatchable[], t: number): DispatchPending[] {
  return undeliveredCards(cards, t).filter((c) => c.days >= 1);
}

/** "today", "1 day", "3 days": how long ago a card was billed. */
export const daysAgoText = (days: number): string => (days === 0 ? 'today' : `${days} day${days === 1 ? '' : 's'}`);
