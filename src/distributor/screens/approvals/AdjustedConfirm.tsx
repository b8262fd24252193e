import { ReauthDialog } from '../../ReauthDialog.tsx';
import type { StockLine } from './approvalView.ts';

type Props = {
  party: string;
  /** The request's lines as the card shows them; `change.qty` holds the new quantity of each. */
  rows: readonly StockLine[];
  change: { qty: readonly number[]; reason: string };
  onConfirmed: () => Promise<void>;
  onCancel: () => void;
};

const pieces = (n: number): string => (n === 1 ? '1 piece' : `${n} pieces`);

/** Step 2 of an approval with changes: what changes and why, then the admin's own password. */
export function AdjustedConfirm({ party, rows, change, onConfirmed, onCancel }: Props) {
  const changed = rows.map((r, i) => ({ r, to: change.qty[i] ?? r.qty })).filter((x) => x.to !== x.r.qty);
  const total = rows.reduce((n, r, i) => n + (change.qty[i] ?? r.qty), 0);
  return (
    <ReauthDialog title={`Approve the order of ${party} with changes?`} confirmLabel="Approve" onCancel={onCancel} onConfirmed={onConfirmed}>
      <ul data-testid="adjust-summary">
        {changed.map(({ r, to }) => (
          <li key={r.key}>
            {r.item} {r.colour} {r.size}: {r.qty} → {to === 0 ? '0 (removed)' : to}
          </li>
        ))}
      </ul>
      <p>The retailer will see this reason:</p>
      <blockquote class="approval-card__note" data-testid="adjust-reason">
        {change.reason}
      </blockquote>
      <p>{pieces(total)} become a pending order with the next K number. Re-enter your own password to confirm.</p>
    </ReauthDialog>
  );
}
