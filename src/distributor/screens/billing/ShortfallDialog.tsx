import type { Shortfall } from '../../../domain/lifecycle.ts';
import { ConfirmDialog } from '../../../ui/ConfirmDialog.tsx';

type Props = {
  number: string;
  shortfalls: Shortfall[];
  label: (s: Shortfall) => string;
  onConfirm: () => Promise<unknown>;
  onCancel: () => void;
};

/** Asks before billing beyond stock: each short line with what stock holds and what is billed. */
export function ShortfallDialog({ number, shortfalls, label, onConfirm, onCancel }: Props) {
  return (
    <ConfirmDialog title={`Bill ${number} beyond stock?`} confirmLabel="Bill anyway" onConfirm={async () => void (await onConfirm())} onCancel={onCancel}>
      <p>Stock holds less than you are billing for these lines. Stock will go to 0 and the shortfall is recorded in the stock ledger.</p>
      <table class="table" data-testid="shortfall-lines">
        <thead>
          <tr>
            <th>Item</th>
            <th class="num">In stock</th>
            <th class="num">Billing</th>
            <th class="num">Short</th>
          </tr>
        </thead>
        <tbody>
          {shortfalls.map((s) => (
            <tr key={s.skuId}>
              <td>{label(s)}</td>
              <td class="num">{s.available}</td>
              <td class="num">{s.billed}</td>
              <td class="num">{s.billed - s.available}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </ConfirmDialog>
  );
}
