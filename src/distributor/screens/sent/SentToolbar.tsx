import type { Party, PartyId } from '../../../domain/types.ts';

type Props = {
  partyId: PartyId | '';
  parties: ReadonlyMap<string, Party>;
  onParty: (id: PartyId | '') => void;
  query: string;
  onQuery: (q: string) => void;
  onPlanner: () => void;
};

/** Sent's filters: one party (read from the database by party), the search over what is loaded, and the planner. */
export function SentToolbar({ partyId, parties, onParty, query, onQuery, onPlanner }: Props) {
  const byName = [...parties].sort((a, b) => a[1].name.localeCompare(b[1].name));
  return (
    <div class="history-toolbar">
      <label class="field">
        <span class="field__label">Party</span>
        <select class="field__input" value={partyId} onChange={(e) => onParty(e.currentTarget.value as PartyId | '')} data-testid="sent-party">
          <option value="">All parties (recent days)</option>
          {byName.map(([id, p]) => (
            <option key={id} value={id}>
              {p.name} · {p.area}
            </option>
          ))}
        </select>
      </label>
      <label class="field">
        <span class="field__label">Search</span>
        <input class="field__input" type="search" value={query} placeholder="Order, party, product, colour" onInput={(e) => onQuery(e.currentTarget.value)} data-testid="sent-search" />
      </label>
      <button type="button" class="button button--quiet" onClick={onPlanner} data-testid="open-planner">
        Delivery planner
      </button>
    </div>
  );
}
