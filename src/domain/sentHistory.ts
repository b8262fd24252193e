/**
 * The Sent screen's history: billing events (`sent/*`) merged into one card per order, party and
 * local calendar day (the original merged on the UTC date of an ISO string, bug 39), with equal
 * item/colour/size lines summed; the text search; grouping by day, newest first. Which records
 * are loaded at all is paging (`historyWindows.ts`); nothing here deletes history.
 */
import { normalizeLines, totalQty } from './lines.ts';
import type { DeliveryStatus, Line, OrderId, PartyId, SentId, SentRecord, Uid } from './types.ts';

/** A card's delivery state: all its billing events delivered, none, or some. */
export type CardDelivery = DeliveryStatus | 'mixed';

/** One merged card: every billing event of one order for one party on one local day. */
export type SentCard = {
  key: string;
  orderId: OrderId;
  number: string;
  partyId: PartyId;
  partyName: string;
  /** Local calendar day 'YYYY-MM-DD' of the billing events. */
  day: string;
  orderDate: number;
  /** Bill times, oldest first. */
  billDates: number[];
  billedBy: Uid[];
  /** Distinct non-empty remarks, in bill order. */
  remarks: string[];
  lines: Line[];
  total: number;
  /** The sent records merged here, oldest bill first. */
  sentIds: SentId[];
  /** Delivery status per merged record. */
  statuses: Readonly<Record<string, DeliveryStatus>>;
  deliveryStatus: CardDelivery;
  /** The latest bill time (sort key). */
  latest: number;
};

const pad = (n: number): string => String(n).padStart(2, '0');

/** The local calendar day of `ms` as 'YYYY-MM-DD' (sorts as text). */
export function dayKey(ms: number): string {
  const d = new Date(ms);
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
}

/** Status of a set of records: all delivered, all undelivered, or mixed. */
export function combinedStatus(statuses: readonly DeliveryStatus[]): CardDelivery {
  if (statuses.length > 0 && statuses.every((s) => s === 'delivered')) return 'delivered';
  return statuses.some((s) => s === 'delivered') ? 'mixed' : 'undelivered';
}

/** Merges sent records into cards (order + party + local day), newest card first. */
export function mergeSent(records: Iterable<readonly [string, SentRecord]>): SentCard[] {
  const groups = new Map<string, [SentId, SentRecord][]>();
  for (const [id, r] of records) {
    const key = `${r.orderId}|${r.partyId}|${dayKey(r.billedAt)}`;
    const g = groups.get(key) ?? [];
    g.push([id as SentId, r]);
    groups.set(key, g);
  }
  const cards: SentCard[] = [];
  for (const [key, group] of groups) {
    group.sort((a, b) => a[1].billedAt - b[1].billedAt || (a[0] < b[0] ? -1 : 1));
    const first = group[0]?.[1];
    if (first === undefined) continue;
    const lines = normalizeLines(group.flatMap(([, r]) => r.lines));
    const statuses = Object.fromEntries(group.map(([id, r]) => [id, r.deliveryStatus]));
    const uniq = <T>(xs: T[]): T[] => [...new Set(xs)];
    cards.push({
      key,
      orderId: first.orderId,
      number: first.number,
      partyId: first.partyId,
      partyName: first.partyName,
      day: dayKey(first.billedAt),
      orderDate: first.createdAt,
      billDates: group.map(([, r]) => r.billedAt),
      billedBy: uniq(group.map(([, r]) => r.billedBy)),
      remarks: uniq(group.map(([, r]) => r.remarks.trim()).filter((s) => s !== '')),
      lines,
      total: totalQty(lines),
      sentIds: group.map(([id]) => id),
      statuses,
      deliveryStatus: combinedStatus(group.map(([, r]) => r.deliveryStatus)),
      latest: group[group.length - 1]?.[1].billedAt ?? first.billedAt,
    });
  }
  return cards.sort((a, b) => b.latest - a.latest || (a.key < b.key ? -1 : 1));
}

/** What a search can look at besides the card itself: product names by id, colour names. */
export type SearchNames = { productName: (productId: string) => string | undefined; colorName?: (productId: string, code: string) => string | undefined };

/** True when every word of `query` appears in the card's number, party, a product (name or id) or a colour. */
export function matchesSearch(card: Pick<SentCard, 'number' | 'partyName' | 'lines'>, query: string, names: SearchNames): boolean {
  const words = query.toLocaleLowerCase().split(/\s+/).filter((w) => w !== '');
  if (words.length === 0) return true;
  const hay = [card.number, card.partyName, ...card.lines.flatMap((l) => [l.productId, names.productName(l.productId) ?? '', l.color, names.colorName?.(l.productId, l.color) ?? ''])]
    .join('\n')
    .toLocaleLowerCase();
  return words.every((w) => hay.includes(w));
}

/** The cards that match the search (all of them for an empty one), in their order. */
export function searchCards(cards: readonly SentCard[], query: string, names: SearchNames): SentCard[] {
  return cards.filter((c) => matchesSearch(c, query, names));
}

/** Cards grouped by day, newest day first (cards keep their order). */
export function groupByDay(cards: readonly SentCard[]): { day: string; cards: SentCard[] }[] {
  const days = new Map<string, SentCard[]>();
  for (const c of cards) days.set(c.day, [...(days.get(c.day) ?? []), c]);
  return [...days].sort((a, b) => (a[0] < b[0] ? 1 : a[0] > b[0] ? -1 : 0)).map(([day, cs]) => ({ day, cards: cs }));
}

/** The status a card's button sets: delivered cards go back to undelivered; others (incl. mixed) become delivered. */
export const nextDelivery = (card: Pick<SentCard, 'deliveryStatus'>): DeliveryStatus => (card.deliveryStatus === 'delivered' ? 'undelivered' : 'delivered');

/** The records of a card that must change to reach `status` (every underlying record, bug 26). */
export function recordsToChange(card: Pick<SentCard, 'statuses'>, status: DeliveryStatus): SentId[] {
  return Object.entries(card.statuses)
    .filter(([, s]) => s !== status)
    .map(([id]) => id as SentId);
}

/**
 * The order number a search asks for ("K1234", "k 1234" or "1234" → "K1234"), or null when the
 * search is not an order number. Numbers are 'K' and the counter, without leading zeros.
 */
export function orderNumberQuery(query: string): string | null {
  const m = /^\s*k?\s*([1-9][0-9]{0,15})\s*$/i.exec(query);
  return m === null ? null : `K${m[1] as string}`;
}
