import { useEffect, useMemo, useState } from 'preact/hooks';
import { catalog, itemsOf, parties } from '../../../data/collections.ts';
import { serverClock } from '../../../data/expiryJob.ts';
import { sentOfOrder, sentWindows, undeliveredSent, UNDELIVERED_LIMIT } from '../../../data/historyCollections.ts';
import { setCardDelivery } from '../../../data/historyCommands.ts';
import { undeliveredCards } from '../../../domain/delivery.ts';
import { groupByDay, mergeSent, nextDelivery, searchCards, type SearchNames, type SentCard } from '../../../domain/sentHistory.ts';
import type { OrderId, PartyId } from '../../../domain/types.ts';
import { useHistoryFilter } from '../../history/useHistoryFilter.ts';
import { showToast } from '../../../ui/toasts.ts';
import { useRenderLimit } from '../../../ui/useRenderLimit.ts';
import { pagedListState } from '../../history/pagedList.ts';

/**
 * The Sent screen's state. What is loaded: the last 7 days (older weeks on "Show older"); with a
 * date, the 7 days up to it; with a party chosen, that party's newest 40 records (older ones on
 * demand); an order number typed in the search, that order's records from all of Sent. Other search
 * words filter what is loaded; the cards are rendered 50 at a time. The undelivered ticker and the planner
 * read the undelivered records only; a ticker card outside the loaded days is shown on its own,
 * read by its order id.
 */
export function useSentScreen() {
  const f = useHistoryFilter();
  const [toggling, setToggling] = useState<ReadonlySet<string>>(new Set());
  const [highlight, setHighlight] = useState<{ key: string; seq: number } | null>(null);
  const [picked, setPicked] = useState<{ key: string; orderId: OrderId } | null>(null);
  const windows = useMemo(() => sentWindows(f.filter, serverClock()), [f.filter]);
  const view = windows.view.value;
  const products = itemsOf(catalog.value);
  const partyMap = itemsOf(parties.value);
  const cards = useMemo(() => mergeSent(itemsOf(view)), [view]);
  const names: SearchNames = {
    productName: (id) => products.get(id)?.name,
    colorName: (id, code) => products.get(id)?.colors.find((c) => c.code === code)?.name,
  };
  const visible = searchCards(cards, f.textQuery, names);
  const render = useRenderLimit(visible.length, f.key);
  const shown = visible.slice(0, render.limit);

  const undelivered = undeliveredSent.value;
  const openCards = useMemo(() => mergeSent(itemsOf(undelivered)), [undelivered]);
  const ticker = useMemo(() => undeliveredCards(openCards, serverClock()), [openCards]);
  const pickedSent = useMemo(() => (picked === null ? null : sentOfOrder(picked.orderId)), [picked?.orderId]);
  const pickedCard = picked === null || pickedSent === null ? undefined : mergeSent(itemsOf(pickedSent.value)).find((c) => c.key === picked.key);

  // The highlight fades after a moment; a new pick restarts it.
  useEffect(() => {
    if (highlight === null) return;
    const t = setTimeout(() => setHighlight(null), 2500);
    return () => clearTimeout(t);
  }, [highlight]);

  /** Brings a ticker card into view: in the list when it is rendered there, else on its own above the list. */
  const reveal = (key: string): void => {
    const card = openCards.find((c) => c.key === key);
    if (card === undefined) return;
    setPicked(shown.some((c) => c.key === key) ? null : { key, orderId: card.orderId });
    setHighlight({ key, seq: (highlight?.seq ?? 0) + 1 });
  };

  /** Flips delivered ↔ undelivered for every record merged into the card. */
  const toggleDelivery = async (card: SentCard): Promise<void> => {
    if (toggling.has(card.key)) return;
    setToggling((s) => new Set([...s, card.key]));
    const status = nextDelivery(card);
    try {
      const failures = await setCardDelivery(card, status);
      if (failures.length === 0) showToast('success', `${card.number}: marked ${status}`);
      else showToast('error', `${card.number}: ${failures.length} record(s) not changed: ${failures.map((f) => f.message).join('; ')}`);
    } finally {
      setToggling((s) => new Set([...s].filter((k) => k !== card.key)));
    }
  };

  const chooseParty = (id: PartyId | ''): void => {
    f.setPartyId(id);
    setPicked(null);
  };

  return {
    status: view.state,
    invalidCount: view.state === 'ready' ? view.invalid.length : 0,
    loadedCount: cards.length,
    days: groupByDay(shown),
    shownCount: shown.length,
    matchCount: visible.length,
    ...pagedListState(view, windows, render),
    partyId: f.partyId,
    chooseParty,
    query: f.query,
    setQuery: f.setQuery,
    day: f.day,
    setDay: f.setDay,
    filter: f.filter,
    products,
    parties: partyMap,
    toggling,
    toggleDelivery,
    ticker,
    isTickerCapped: undelivered.state === 'ready' && undelivered.items.size + undelivered.invalid.length >= UNDELIVERED_LIMIT,
    openCards,
    pickedCard,
    isPickedLoading: picked !== null && pickedCard === undefined,
    closePicked: () => setPicked(null),
    highlight,
    reveal,
  };
}
