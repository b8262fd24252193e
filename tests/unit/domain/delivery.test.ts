import { describe, expect, it } from 'vitest';
import {
  areaKey,
  calendarDaysBetween,
  cardsForDay,
  cleanPlan,
  daysAgoText,
  daysServing,
  deliveryPlanSchema,
  dueForReminder,
  isReminderRunDue,
  parseAreaList,
  undeliveredCards,
  weekdayOf,
} from '../../../src/domain/delivery.ts';
import { parse } from '../../../src/domain/schema.ts';
import type { Party, PartyId } from '../../../src/domain/types.ts';

const parties = new Map<string, Party>([
  ['p-a', { name: 'ASHA TRADERS', area: 'MAPUSA' }],
  ['p-b', { name: 'RAVI STORES - NORTH', area: 'Ponda' }],
  ['p-c', { name: 'NO AREA CO', area: 'Vasco' }],
]);
const card = (key: string, partyId: string, deliveryStatus: 'delivered' | 'undelivered' | 'mixed') => ({ key, partyId: partyId as PartyId, deliveryStatus });

describe('delivery planner', () => {
  const plan = { mon: ['Mapusa', 'Ponda '], tue: ['Vasco'] };

  it("lists the day's undelivered (and partly delivered) cards by the party's area field, ignoring case and spaces", () => {
    const cards = [card('1', 'p-a', 'undelivered'), card('2', 'p-b', 'mixed'), card('3', 'p-a', 'delivered'), card('4', 'p-c', 'undelivered'), card('5', 'unknown', 'undelivered')];
    expect(cardsForDay(cards, parties, plan, 'mon').map((c) => c.key)).toEqual(['1', '2']);
    expect(cardsForDay(cards, parties, plan, 'tue').map((c) => c.key)).toEqual(['4']);
    expect(cardsForDay(cards, parties, plan, 'sun')).toEqual([]);
  });

  it('maps dates to weekdays in local time, Monday first', () => {
    expect(weekdayOf(new Date(2025, 2, 10, 12).getTime())).toBe('mon'); // 10 March 2025 was a Monday
    expect(weekdayOf(new Date(2025, 2, 16, 23, 59).getTime())).toBe('sun');
  });

  it('parses typed area lists and cleans plans', () => {
    expect(parseAreaList(' Panjim, porvorim\nPANJIM,, Mapusa ')).toEqual(['Panjim', 'porvorim', 'Mapusa']);
    expect(cleanPlan({ mon: [' A ', 'a', 'B'], tue: [], wed: ['  '] })).toEqual({ mon: ['A', 'B'] });
    expect(daysServing(plan, 'PONDA')).toEqual(['mon']);
    expect(areaKey('  Mapusa ')).toBe('mapusa');
  });

  it('validates the stored plan: known weekdays, area texts of 1–60 characters', () => {
    expect(parse(deliveryPlanSchema, { mon: ['Panjim'], sat: [] }).ok).toBe(true);
    const bad = parse(deliveryPlanSchema, { funday: ['X'], mon: ['', 'x'.repeat(61)] });
    expect(bad.ok).toBe(false);
    if (!bad.ok) expect(bad.errors.map((e) => e.field)).toEqual(['funday', 'mon[0]', 'mon[1]']);
  });
});

describe('undelivered ticker and dispatch reminders', () => {
  const at = (day: number, hour: number, minute = 0): number => new Date(2025, 2, day, hour, minute).getTime(); // March 2025, local time
  const sent = (key: string, billDates: number[], deliveryStatus: 'delivered' | 'undelivered' | 'mixed') => ({ key, number: key, partyName: `Party ${key}`, partyId: 'p-a' as PartyId, billDates, deliveryStatus });
  const cards = [
    sent('K1', [at(10, 18)], 'undelivered'),
    sent('K2', [at(12, 9), at(12, 11)], 'mixed'),
    sent('K3', [at(8, 10)], 'delivered'),
    sent('K4', [at(12, 7, 30)], 'undelivered'),
    sent('K5', [at(1, 12)], 'undelivered'),
  ];

  it('counts local calendar days, not 24-hour spans', () => {
    expect(calendarDaysBetween(at(10, 23, 59), at(11, 0, 1))).toBe(1);
    expect(calendarDaysBetween(at(10, 0, 1), at(10, 23, 59))).toBe(0);
    expect(calendarDaysBetween(at(1, 12), at(31, 12))).toBe(30); // across the March daylight-saving change where there is one
  });

  it('lists the cards not fully delivered, oldest bill first, with days since billed', () => {
    expect(undeliveredCards(cards, at(12, 10))).toEqual([
      { key: 'K5', number: 'K5', partyName: 'Party K5', billedAt: at(1, 12), days: 11 },
      { key: 'K1', number: 'K1', partyName: 'Party K1', billedAt: at(10, 18), days: 2 },
      { key: 'K4', number: 'K4', partyName: 'Party K4', billedAt: at(12, 7, 30), days: 0 },
      { key: 'K2', number: 'K2', partyName: 'Party K2', billedAt: at(12, 9), days: 0 },
    ]);
    expect(undeliveredCards([sent('K3', [at(8, 10)], 'delivered')], at(12, 10))).toEqual([]);
    expect(daysAgoText(0)).toBe('today');
    expect(daysAgoText(1)).toBe('1 day');
    expect(daysAgoText(45)).toBe('45 days');
  });

  it('reminds about undelivered cards billed one or more calendar days before, never delivered ones', () => {
    expect(dueForReminder(cards, at(12, 8, 5)).map((c) => c.key)).toEqual(['K5', 'K1']);
    expect(dueForReminder(cards, at(11, 8, 5)).map((c) => c.key)).toEqual(['K5', 'K1']); // billed the evening before
    expect(dueForReminder(cards, at(10, 20)).map((c) => c.key)).toEqual(['K5']); // K1 billed today
    expect(dueForReminder(cards, at(13, 8, 5)).map((c) => c.key)).toEqual(['K5', 'K1', 'K4', 'K2']); // a mixed card is still pending
  });

  it('runs the reminder once a day, after 8 AM local time', () => {
    expect(isReminderRunDue(null, at(12, 7, 59))).toBe(false);
    expect(isReminderRunDue(null, at(12, 8, 0))).toBe(true);
    expect(isReminderRunDue(at(11, 8, 1), at(12, 8, 1))).toBe(true); // yesterday's run
    expect(isReminderRunDue(at(12, 8, 1), at(12, 21))).toBe(false); // already ran today
    expect(isReminderRunDue(at(12, 7, 30), at(12, 9))).toBe(true); // a record from before 8 AM is not today's run
    expect(isReminderRunDue(at(11, 22), at(12, 7, 59))).toBe(false);
    expect(isReminderRunDue(at(20, 9), at(12, 9))).toBe(true); // a last run "in the future" came from a wrong clock
  });
});
