import type { Signal } from '@preact/signals';
import type { CartGroup } from '../../../domain/cart.ts';
import { partyLabel } from '../../../domain/orderForm.ts';
import type { Party } from '../../../domain/types.ts';
import { LIMITS } from '../../../domain/validate.ts';
import { Modal } from '../../../ui/Modal.tsx';
import { CartTable } from './CartTable.tsx';

type Props = {
  party: Party | null;
  groups: readonly CartGroup[];
  note: Signal<string>;
  isPlacing: boolean;
  error: string | null;
  /** Opened from the keyboard: the note takes the focus, and Ctrl+Enter in it places the order. */
  focusNote?: boolean;
  onEdit: (g: CartGroup) => void;
  onPlace: () => void;
  onClose: () => void;
};

/** The order summary: party, editable lines, total, note, Place order. */
export function SummaryModal({ party, groups, note, isPlacing, error, focusNote = false, onEdit, onPlace, onClose }: Props) {
  const missing = party === null ? 'Pick a party from the list before placing the order.' : groups.length === 0 ? 'The cart is empty: add at least one line.' : null;
  return (
    <Modal
      title="Order summary"
      onClose={onClose}
      testId="order-summary"
      footer={
        <>
          <button type="button" class="button button--quiet" onClick={onClose} disabled={isPlacing}>
            Close
          </button>
          <button type="button" class="button button--primary" onClick={onPlace} disabled={isPlacing || missing !== null}>
            {isPlacing ? 'Placing…' : 'Place order'}
          </button>
        </>
      }
    >
      <p class="summary__party">
        <strong>Party: </strong>
        <span data-testid="summary-party">{party === null ? 'none chosen' : partyLabel(party)}</span>
      </p>
      <CartTable groups={groups} onEdit={onEdit} testId="summary-cart" />
      <label class="field">
        <span class="field__label">Order note</span>
        <textarea
          class="field__input summary__note"
          rows={3}
          maxLength={LIMITS.note}
          autofocus={focusNote}
          aria-keyshortcuts="Control+Enter"
          value={note.value}
          onInput={(e) => (note.value = e.currentTarget.value)}
          onKeyDown={(e) => {
            if (e.key !== 'Enter' || !(e.ctrlKey || e.metaKey)) return;
            e.preventDefault();
            if (!isPlacing && missing === null) onPlace();
          }}
        />
        <span class="summary__count">
          {[...note.value].length}/{LIMITS.note}
        </span>
      </label>
      <p class="summary__keys">
        <kbd>Ctrl</kbd>+<kbd>Enter</kbd> in the note places the order.
      </p>
      {missing !== null && <p class="form-error">{missing}</p>}
      {error !== null && (
        <p class="form-error" role="alert" data-testid="place-error">
          {error}
        </p>
      )}
    </Modal>
  );
}
