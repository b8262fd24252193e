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
