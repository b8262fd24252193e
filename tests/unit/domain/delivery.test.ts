import { describe, expect, it } from 'vitest';
import { areaKey, cardsForDay, cleanPlan, daysServing, deliveryPlanSchema, parseAreaList, weekdayOf } from '../../../src/domain/delivery.ts';
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
