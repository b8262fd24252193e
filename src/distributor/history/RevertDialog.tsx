import type { Line, Product } from '../../domain/types.ts';
import { ConfirmDialog } from '../../ui/ConfirmDialog.tsx';
import { LinesTable } from '../screens/sent/LinesTable.tsx';

type Props = {
  /** The order as the archive holds it: what goes back to Pending. */
  record: { number: string; partyName: string; lines: readonly Line[] };
  products: ReadonlyMap<string, Product>;
  /** Extra words under the heading, e.g. the grace days an expired order gets. */
  note?: string;
  onConfirm: () => Promise<void>;
  onCancel: () => void;
};

/**
 * Asks before a deleted or expired order goes back to Pending, showing what returns: the order
 * number, the party, every line (product, colour, size, quantity) and the pieces in all.
 */
export function RevertDialog({ record, products, note, onConfirm, onCancel }: Props) {
  const pieces = record.lines.reduce((n, l) => n + l.qty, 0);
  return (
    <ConfirmDialog title={`Revert ${record.number} to Pending?`} confirmLabel="Revert to pending" onConfirm={onConfirm} onCancel={onCancel}>
      <p data-testid="revert-summary">
        Order <strong>{record.number}</strong> for <strong>{record.partyName}</strong> returns to Pending: {record.lines.length} line(s), {pieces} pcs.
        {note !== undefined && ` ${note}`}
      </p>
      <LinesTable lines={record.lines} products={products} />
    </ConfirmDialog>
  );
}
