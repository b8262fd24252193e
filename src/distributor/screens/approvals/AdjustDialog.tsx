import { useState } from 'preact/hooks';
import { parseAdjustmentForm } from '../../../domain/adjustment.ts';
import type { FieldError } from '../../../domain/errors.ts';
import type { Line } from '../../../domain/types.ts';
import { LIMITS } from '../../../domain/validate.ts';
import { Modal } from '../../../ui/Modal.tsx';
import type { StockLine } from './approvalView.ts';

type Props = {
  /** Whose order, for the title. */
  party: string;
  /** The request's lines, and the same lines as the card shows them (names, stock). */
  lines: readonly Line[];
  rows: readonly StockLine[];
  /** Called with the new quantities (one per line, 0 removes it) and the trimmed reason, once valid. */
  onContinue: (change: { qty: number[]; reason: string }) => void;
  onCancel: () => void;
};

const FORM_ID = 'adjust-form';

/** "Quantity (P1 RED M) must be…", "Reason: is required." */
const problemText = (e: FieldError): string =>
  e.field.startsWith('lines[') ? `Quantity ${e.message}.` : e.field === 'reason' ? `Reason: ${e.message}.` : `Quantities: ${e.message}.`;

/** Step 1 of an approval with changes: a new quantity per line (only less; 0 removes it) and the reason the retailer reads. */
export function AdjustDialog({ party, lines, rows, onContinue, onCancel }: Props) {
  // Lines short of stock start at what the stock covers; the rest at what was asked.
  const [texts, setTexts] = useState(() => rows.map((r) => String(r.available === null ? r.qty : Math.min(r.qty, r.available))));
  const [reason, setReason] = useState('');
  const [problems, setProblems] = useState<FieldError[]>([]);
  const next = () => {
    const r = parseAdjustmentForm(lines, texts, reason);
    if (!r.ok) return setProblems(r.errors);
    onContinue({ qty: r.qty, reason: r.reason });
  };
  const isBad = (field: string) => problems.some((p) => p.field === field);
  const length = [...reason.trim()].length;
  return (
    <Modal
      title={`Adjust the order of ${party}`}
      onClose={onCancel}
      testId="adjust-dialog"
      footer={
        <>
          <button type="button" class="button button--quiet" onClick={onCancel}>
            Cancel
          </button>
          <button type="submit" form={FORM_ID} class="button button--primary">
            Continue
          </button>
        </>
      }
    >
      <form
        id={FORM_ID}
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          next();
        }}
      >
        <p>Approve less than was asked: 0 removes a line, at least one line stays.</p>
        <div class="adjust__lines">
          <table class="table">
            <thead>
              <tr>
                <th scope="col">Item</th>
                <th scope="col" class="num">
                  Asked
                </th>
                <th scope="col" class="num">
                  In stock
                </th>
                <th scope="col" class="num">
                  Approve
                </th>
              </tr>
            </thead>
            <tbody>
              {rows.map((r, i) => (
                <tr key={r.key}>
                  <td>
                    {r.item}
                    <div class="pending__muted">
                      {r.colour} · {r.size}
                    </div>
                  </td>
                  <td class="num">{r.qty}</td>
                  <td class="num">{r.available ?? '…'}</td>
                  <td class="num">
                    <input
                      class="field__input adjust__qty"
                      type="text"
                      inputMode="numeric"
                      autoComplete="off"
                      aria-label={`Approve quantity of ${r.item} ${r.colour} ${r.size}`}
                      aria-invalid={isBad(`lines[${i}].qty`)}
                      value={texts[i]}
                      onInput={(e) => {
                        const v = e.currentTarget.value;
                        setProblems([]);
                        setTexts((t) => t.map((x, j) => (j === i ? v : x)));
                      }}
                    />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
        <label class="field">
          <span class="field__label">Reason for the change (the retailer sees it)</span>
          <textarea
            class="field__input"
            rows={3}
            value={reason}
            aria-invalid={isBad('reason')}
            aria-describedby="adjust-reason-count"
            onInput={(e) => (setProblems([]), setReason(e.currentTarget.value))}
          />
        </label>
        <p id="adjust-reason-count" class={`approval-reason__count${length > LIMITS.reason ? ' approval-reason__count--over' : ''}`}>
          {length} / {LIMITS.reason} characters
        </p>
      </form>
      {problems.length > 0 && (
        <div class="form-error" role="alert" data-testid="adjust-problems">
          {problems.map((p) => (
            <p key={p.field}>{problemText(p)}</p>
          ))}
        </div>
      )}
    </Modal>
  );
}
