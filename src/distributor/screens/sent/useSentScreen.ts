import { useEffect, useMemo, useState } from 'preact/hooks';
import { catalog, itemsOf, parties, sentRecords } from '../../../data/collections.ts';
import { serverClock } from '../../../data/expiryJob.ts';
import { setCardDelivery } from '../../../data/historyCommands.ts';
import { undeliveredCards } from '../../../domain/delivery.ts';
import { defaultRange, filterCards, groupByDay, inRange, matchesSearch, mergeSent, nextDelivery, type DayRange, type SearchNames, type SentCard } from '../../../domain/sentHistory.ts';
import { showToast } from '../../../ui/toasts.ts';

/** The Sent screen's state: merged cards, the range and search, and the delivery toggle. */
export function useSentScreen() {
  const [range, setRange] = useState<DayRange>(() => defaultRange(serverClock()));
  const [query, setQuery] = useState('');
  const [toggling, setToggling] = useState<ReadonlySet<string>>(new Set());
  const [highlight, setHighlight] = useState<{ key: string; seq: number } | null>(null);
  const sent = sentRecords.value;
  const products = itemsOf(catalog.value);
  const partyMap = itemsOf(parties.value);
  const cards = useMemo(() => mergeSent(itemsOf(sent)), [sent]);
  const names: SearchNames = {
    productName: (id) => products.get(id)?.name,
    colorName: (id, code) => products.get(id)?.colors.find((c) => c.code === code)?.name,
  };
  const isRangeValid = range.from === '' || range.to === '' || range.from <= range.to;
  const visible = isRangeValid ? filterCards(cards, range, query, names) : [];
  const undelivered = useMemo(() => undeliveredCards(cards, serverClock()), [cards]);

  // The highlight fades after a moment; a new pick restarts it.
  useEffect(() => {
    if (highlight === null) return;
    const t = setTimeout(() => setHighlight(null), 2500);
    return () => clearTimeout(t);
  }, [highlight]);

  /** Brings a card into view (widening the range and clearing the search if they hide it) and highlights it. */
  const reveal = (key: string): void => {
    const card = cards.find((c) => c.key === key);
    if (card === undefined) return;
    if (!isRangeValid || !inRange(card, range)) {
      const from = isRangeValid && range.from !== '' && range.from < card.day ? range.from : card.day;
      const to = isRangeValid && (range.to === '' || range.to > card.day) ? range.to : card.day;
      setRange({ from, to });
    }
    if (!matchesSearch(card, query, names)) setQuery('');
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

  return {
    status: sent.state,
    invalidCount: sent.state === 'ready' ? sent.invalid.length : 0,
    cards,
    days: groupByDay(visible),
    shownCount: visible.length,
    range,
    setRange,
    isRangeValid,
    query,
    setQuery,
    products,
    parties: partyMap,
    toggling,
    toggleDelivery,
    undelivered,
    highlight,
    reveal,
  };
}
