import type { Party, PartyId } from '../../../domain/types.ts';
import { HistoryFilters } from '../../history/HistoryFilters.tsx';

type Props = {
  partyId: PartyId | '';
  parties: ReadonlyMap<string, Party>;
  onParty: (id: PartyId | '') => void;
  query: string;
  onQuery: (q: string) => void;
  day: string;
  onDay: (day: string) => void;
  onPlanner: () => void;
};

/** Sent's filters (an order number, one party or a date, each read from the database over all of Sent; other words search what is loaded) and the planner. */
export function SentToolbar({ onPlanner, ...filters }: Props) {
  return (
    <div class="history-toolbar">
      <HistoryFilters id="sent" {...filters} />
      <button type="button" class="button button--quiet" onClick={onPlanner} data-testid="open-planner">
        Delivery planner
      </button>
    </div>
  );
}
