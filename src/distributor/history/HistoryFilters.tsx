import { PartyPicker } from './PartyPicker.tsx';
import type { Party, PartyId } from '../../domain/types.ts';

type Props = {
  /** Test hook prefix: "sent", "deleted", "expired". */
  id: string;
  query: string;
  onQuery: (q: string) => void;
  partyId: PartyId | '';
  parties: ReadonlyMap<string, Party>;
  onParty: (id: PartyId | '') => void;
  day: string;
  onDay: (day: string) => void;
};

/**
 * The filters of a history screen: search (an order number is found in all records, other words
 * in what is loaded), one party's records, and the days up to a date (for all parties). Each
 * filter is a query on an indexed child, so it reaches records that are not on screen.
 */
export function HistoryFilters({ id, query, onQuery, partyId, parties, onParty, day, onDay }: Props) {
  return (
    <>
      <label class="field">
        <span class="field__label">Search</span>
        <input class="field__input" type="search" value={query} placeholder="Order number, party, product, colour" onInput={(e) => onQuery(e.currentTarget.value)} data-testid={`${id}-search`} />
      </label>
      <PartyPicker id={id} partyId={partyId} parties={parties} onParty={onParty} />
      <label class="field">
        <span class="field__label">Up to date</span>
        <input class="field__input" type="date" value={day} disabled={partyId !== ''} title={partyId !== '' ? 'A party’s records are listed newest first; clear the party to pick a date' : undefined} onInput={(e) => onDay(e.currentTarget.value)} data-testid={`${id}-date`} />
      </label>
    </>
  );
}
