/**
 * Demo parties: shops shown as "NAME - AREA", with the name and the area stored separately
 * (data model), eight areas, and the optional phone, email, address and GSTIN on some.
 */
import type { Party, PartyId } from './domain.ts';
import { DEMO_RETAILER_PARTIES } from './demoAccounts.ts';
import type { Random } from './random.ts';

/** Eight towns the distributor's van covers. */
export const AREAS = ['Panjim', 'Margao', 'Mapusa', 'Vasco', 'Ponda', 'Bicholim', 'Quepem', 'Canacona'] as const;

const FIRST = ['Shree', 'Sai', 'New', 'Laxmi', 'Royal', 'Krishna', 'Ganesh', 'Mahalaxmi', 'Balaji', 'Star', 'Jai', 'Om', 'Classic', 'Lucky', 'Modern', 'Sagar', 'Anand', 'Vishal', 'Bombay', 'Fatima', 'St. Anthony', 'Prince', 'Ruby', 'Silver'];
const SECOND = ['Hosiery', 'Garments', 'Collection', 'Emporium', 'Fashions', 'Textiles', 'Stores', 'Creations', 'Boutique', 'Traders', 'Lingerie', 'Cloth Centre', 'Dresses', 'Mart'];
const STREETS = ['Market Road', 'Station Road', 'Church Square', 'Main Bazaar', 'Municipal Market', 'Bus Stand Road', 'Temple Road', 'Old Market'];
const PAN_LETTERS = 'ABCDEFGHJKLMNPQRSTUVWXYZ';

/** A generated party with its id and how often it orders. */
export type PartyEntry = { id: PartyId; party: Party; activity: number };

/** `count` parties (at least the two the demo retailers belong to), with ids from `newId`. */
export function generateParties(random: Random, count: number, newId: () => string): PartyEntry[] {
  const taken = new Set<string>(DEMO_RETAILER_PARTIES.map((p) => `${p.name} - ${p.area}`));
  const entries: PartyEntry[] = DEMO_RETAILER_PARTIES.map((p) => ({ id: p.id, party: { name: p.name, area: p.area, phone: phone(random) }, activity: 1 }));
  let attempts = 0;
  while (entries.length < count) {
    if (++attempts > count * 200) throw new Error(`cannot make ${count} distinct party names`);
    const area = random.pick(AREAS);
    // Many shops share a name across towns; a number tells apart the ones in one town.
    const base = `${random.pick(FIRST)} ${random.pick(SECOND)}`;
    const name = taken.has(`${base} - ${area}`) ? `${base} ${random.int(2, 9)}` : base;
    if (taken.has(`${name} - ${area}`)) continue;
    taken.add(`${name} - ${area}`);
    const party: Party = { name, area };
    if (random.chance(0.85)) party.phone = phone(random);
    if (random.chance(0.3)) party.email = `${name.toLowerCase().replace(/[^a-z0-9]+/g, '.').replace(/^\.|\.$/g, '')}@example.in`;
    if (random.chance(0.6)) party.address = `Shop ${random.int(1, 60)}, ${random.pick(STREETS)}, ${area}, Goa ${random.int(403001, 403730)}`;
    if (random.chance(0.5)) party.gstin = gstin(random);
    // A few big customers order often; most order now and then.
    entries.push({ id: newId() as PartyId, party, activity: random.chance(0.15) ? random.int(4, 8) : random.int(1, 3) });
  }
  return entries;
}

function phone(random: Random): string {
  return `+91 ${random.pick(['98', '97', '94', '88', '77'])}${random.int(100, 999)} ${random.int(10000, 99999)}`;
}

/** A GSTIN-shaped number for Goa (state code 30): PAN, entity digit, Z, check character. */
function gstin(random: Random): string {
  const letters = (n: number) => Array.from({ length: n }, () => random.pick([...PAN_LETTERS])).join('');
  return `30${letters(5)}${random.int(1000, 9999)}${letters(1)}${random.int(1, 9)}Z${random.pick([...'0123456789ABCDEFGHJKLMNPQRSTUVWXYZ'])}`;
}
