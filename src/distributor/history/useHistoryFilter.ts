import { useMemo, useState } from 'preact/hooks';
import type { HistoryFilter } from '../../data/historyCollections.ts';
import { untilAfterDay } from '../../domain/historyWindows.ts';
import { orderNumberQuery } from '../../domain/sentHistory.ts';
import type { PartyId } from '../../domain/types.ts';

/**
 * The filters of a history screen (Sent, Deleted, Expired) as the person sets them: the search
 * text, one party and a day ("up to"). `filter` is what the database is asked for: an order
 * number typed in the search is looked up over the whole collection; a party reads that party's
 * records; a day reads the days up to it. `textQuery` is the rest of the search, applied to what
 * is loaded (product, colour, party name).
 */
export function useHistoryFilter() {
  const [query, setQuery] = useState('');
  const [partyId, setPartyId] = useState<PartyId | ''>('');
  const [day, setDay] = useState('');
  const number = orderNumberQuery(query);
  const until = untilAfterDay(day);
  const filter = useMemo<HistoryFilter>(
    () => ({ number, partyId: partyId === '' ? null : partyId, until: partyId === '' ? until : null }),
    [number, partyId, until],
  );
  return { query, setQuery, partyId, setPartyId, day, setDay, filter, textQuery: number === null ? query : '', key: `${number ?? ''}|${partyId}|${until ?? ''}|${query}` };
}

/** What the loaded list is, in words for the note under the filters. */
export function filterScope(f: HistoryFilter, partyName: string | null, formatDay: (ms: number) => string): string | null {
  if (f.number !== null) return `order ${f.number}, searched in all records`;
  if (f.partyId !== null) return `of ${partyName ?? 'the chosen party'}, newest first`;
  if (f.until !== null) return `up to ${formatDay(f.until - 1)}`;
  return null;
}
