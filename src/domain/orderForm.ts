/**
 * The new-order form's searches and the "NAME - AREA" party shortcut. Pure: the screen passes
 * the live parties and catalogue in.
 */
import type { FieldError } from './errors.ts';
import { parse } from './schema.ts';
import { productLabel } from './productLabel.ts';
import type { Party, Product } from './types.ts';
import { partySchema } from './validate.ts';

/** A search hit: the record's key and what the list shows. */
export type Match<T> = { id: string; value: T; label: string };

const fold = (s: string): string => s.toLocaleLowerCase('en-IN');

/** "ASHA TRADERS - MAPUSA". */
export const partyLabel = (p: Pick<Party, 'name' | 'area'>): string => `${p.name} - ${p.area}`;

/** Parties whose name or area contains `query` (case-insensitive), by name; all of them for an empty query. */
export function searchParties(parties: ReadonlyMap<string, Party>, query: string, limit = 50): Match<Party>[] {
  const q = fold(query.trim());
  const out: Match<Party>[] = [];
  for (const [id, p] of parties) {
    // The whole label matches too, so picking "NAME - AREA" and typing on keeps the hit.
    if (q === '' || fold(p.name).includes(q) || fold(p.area).includes(q) || fold(partyLabel(p)).includes(q)) out.push({ id, value: p, label: partyLabel(p) });
  }
  return out.sort((a, b) => a.label.localeCompare(b.label, 'en-IN')).slice(0, limit);
}

/**
 * Active products whose name, code or label ("Name · CODE") contains `query` (case-insensitive);
 * an exact code match comes first. The database id is neither searched nor shown.
 */
export function searchProducts(catalog: ReadonlyMap<string, Product>, query: string, limit = 50): Match<Product>[] {
  const q = fold(query.trim());
  const out: Match<Product>[] = [];
  for (const [id, p] of catalog) {
    if (!p.active) continue;
    const label = productLabel(p);
    if (q === '' || fold(p.name).includes(q) || fold(p.code ?? '').includes(q) || fold(label).includes(q)) out.push({ id, value: p, label });
  }
  const exact = (m: Match<Product>): number => (q !== '' && fold(m.value.code ?? '') === q ? 0 : 1);
  return out.sort((a, b) => exact(a) - exact(b) || a.label.localeCompare(b.label, 'en-IN')).slice(0, limit);
}

/** The separator of the new-party shortcut. */
export const PARTY_SEPARATOR = ' - ';

/** Parses "NAME - AREA" into a party (trimmed, checked with partySchema), or says what is wrong. */
export function parsePartyText(text: string): { ok: true; value: Party } | { ok: false; errors: FieldError[] } {
  const parts = text.split(PARTY_SEPARATOR);
  const [name = '', area = ''] = parts;
  if (parts.length !== 2 || name.trim() === '' || area.trim() === '') {
    return { ok: false, errors: [{ field: 'party', message: 'must be written as NAME - AREA (a name, space, hyphen, space, an area), for example "ASHA TRADERS - MAPUSA"' }] };
  }
  const r = parse(partySchema, { name, area });
  return r.ok ? { ok: true, value: { name: r.value.name, area: r.value.area } } : { ok: false, errors: r.errors.map((e) => ({ field: `party ${e.field}`, message: e.message })) };
}

/** An existing party with the same name and area (case-insensitive), if any. */
export function findSameParty(parties: ReadonlyMap<string, Party>, party: Pick<Party, 'name' | 'area'>): string | null {
  for (const [id, p] of parties) if (fold(p.name.trim()) === fold(party.name) && fold(p.area.trim()) === fold(party.area)) return id;
  return null;
}
