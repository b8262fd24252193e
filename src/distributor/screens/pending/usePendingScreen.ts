import { signal } from '@preact/signals';
import { useEffect, useMemo, useState } from 'preact/hooks';
import { catalog, itemsOf, parties, pendingOrders, stock } from '../../../data/collections.ts';
import { exportMarks } from '../../../data/pendingCommands.ts';
import { expiryPolicy } from '../../../data/settings.ts';
import type { DocumentCatalog } from '../../../domain/orderDocument.ts';
import { filterByParties, partiesOf, sortByUrgency, summariseByParty, type PartyChoice, type PartySummary, type PendingOrder } from '../../../domain/pending.ts';
import type { ExpiryPolicy } from '../../../domain/lifecycle.ts';
import type { ProductId, SkuId } from '../../../domain/types.ts';
import { productLabel } from '../../../domain/productLabel.ts';

/** The two ways of looking at pending orders. */
export type PendingView = 'summary' | 'detailed';

const VIEW_KEY = 'doms.pending.view';
function storedView(): PendingView {
  try {
    return localStorage.getItem(VIEW_KEY) === 'detailed' ? 'detailed' : 'summary';
  } catch {
    return 'summary'; // storage blocked (private mode): the default view
  }
}

// Module-level, so the chosen view and filter survive a visit to another screen.
const view = signal<PendingView>(storedView());
const partyFilter = signal<ReadonlySet<string> | null>(null);

/** Chooses the view and remembers it on this device (a UI preference, not data). */
export function chooseView(v: PendingView): void {
  view.value = v;
  try {
    localStorage.setItem(VIEW_KEY, v);
  } catch {
    // Not remembered, still applied.
  }
}

/** Applies a party filter; null clears it. */
export function applyPartyFilter(selected: ReadonlySet<string> | null): void {
  partyFilter.value = selected;
}

/** What the screen needs, read from the live collections. */
export type PendingScreenModel = {
  status: 'loading' | 'denied' | 'ready';
  invalidCount: number;
  view: PendingView;
  filter: ReadonlySet<string> | null;
  choices: PartyChoice[];
  /** All pending orders (before the filter). */
  total: number;
  summaries: PartySummary[];
  detailed: PendingOrder[];
  clock: number;
  policy: ExpiryPolicy;
  nameOf: (id: ProductId) => string;
  stockOf: (key: SkuId) => number;
  isExported: (orderId: string) => boolean;
  docCatalog: DocumentCatalog;
  areaOf: (partyId: string) => string | undefined;
};

/** Live pending orders grouped, filtered and sorted for the two views, plus lookups for the cards. */
export function usePendingScreen(): PendingScreenModel {
  const [clock, setClock] = useState(() => Date.now());
  useEffect(() => {
    // Ages and days left change with time, not only with data.
    const t = setInterval(() => setClock(Date.now()), 60_000);
    return () => clearInterval(t);
  }, []);
  const col = pendingOrders.value;
  const products = itemsOf(catalog.value);
  const marks = itemsOf(exportMarks.value);
  const partyItems = itemsOf(parties.value);
  const policy = expiryPolicy.value;
  const filter = partyFilter.value;
  // Grouped and sorted once per change of the data or filter, not on every render (a year-scale
  // business holds about a thousand pending orders).
  const { all, summaries, detailed, nameOf } = useMemo(() => {
    const nameOf = (id: ProductId) => productLabel(products.get(id));
    const all: PendingOrder[] = [...itemsOf(col)].map(([id, record]) => ({ id, record }));
    const shown = filterByParties(all, filter);
    return { all, summaries: summariseByParty(shown, nameOf), detailed: sortByUrgency(shown, policy), nameOf };
  }, [col, filter, products, policy]);
  const choices = useMemo(() => partiesOf(all), [all]);
  return {
    status: col.state,
    invalidCount: col.state === 'ready' ? col.invalid.length : 0,
    view: view.value,
    filter,
    choices,
    total: all.length,
    summaries,
    detailed,
    clock,
    policy,
    nameOf,
    // Read when a card asks (the detailed view), so the summary view does not load the whole
    // stock (46,000 SKUs at a year-scale business) before it can show.
    stockOf: (key) => itemsOf(stock.value).get(key)?.qty ?? 0,
    isExported: (orderId) => marks.has(orderId),
    docCatalog: products,
    areaOf: (partyId) => partyItems.get(partyId)?.area,
  };
}
