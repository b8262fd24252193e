import type { PartySummary } from '../../../domain/pending.ts';
import { formatRange } from '../../../ui/dates.ts';

type Props = { summaries: readonly PartySummary[]; onOpen: (partyId: string) => void };

/** One row per party: name and date range, unique items, total quantity. A row opens the party's orders. */
export function PartySummaryTable({ summaries, onOpen }: Props) {
  return (
    <table class="table pending-summary" data-testid="pending-summary">
      <thead>
        <tr>
          <th scope="col">Party name</th>
          <th scope="col">Order details</th>
          <th scope="col" class="num">Total qty</th>
        </tr>
      </thead>
      <tbody>
        {summaries.map((s) => (
          <tr key={s.partyId} class="pending-summary__row" data-testid="summary-row" onClick={() => onOpen(s.partyId)}>
            <td>
              {/* The button makes the row reachable by keyboard; the whole row is the touch target. */}
              <button type="button" class="pending-summary__party" onClick={(e) => (e.stopPropagation(), onOpen(s.partyId))}>
                {s.partyName}
              </button>
              <div class="pending__muted">{formatRange(s.from, s.to)}</div>
              <div class="pending__muted">
                {s.orders.length} order{s.orders.length === 1 ? '' : 's'}
              </div>
            </td>
            <td>
              <ul class="pending-summary__items">
                {s.items.map((name) => (
                  <li key={name}>{name}</li>
                ))}
              </ul>
            </td>
            <td class="num" data-testid="summary-qty">
              {s.totalQty}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
