import { useState } from 'preact/hooks';
import type { CartGroup } from '../../../domain/cart.ts';
import { LIMITS } from '../../../domain/validate.ts';
import { Modal } from '../../../ui/Modal.tsx';

type Props = { group: CartGroup; onSave: (sizes: { size: string; qty: number }[]) => void; onDelete: () => void; onClose: () => void };

/** Edits one cart row: −/+ per size, Delete item, Cancel, Save changes (a size at 0 is removed). */
export function EditLineModal({ group, onSave, onDelete, onClose }: Props) {
  const [sizes, setSizes] = useState(group.sizes);
  const bump = (i: number, d: number) => setSizes((s) => s.map((x, j) => (j === i ? { ...x, qty: Math.max(0, Math.min(LIMITS.qty, x.qty + d)) } : x)));
  return (
    <Modal
      title={`Edit item: ${group.productName} (${group.color})`}
      onClose={onClose}
      testId="edit-line"
      footer={
        <>
          <button type="button" class="button button--danger" onClick={onDelete}>
            Delete item
          </button>
          <button type="button" class="button button--quiet" onClick={onClose}>
            Cancel
          </button>
          <button type="button" class="button button--primary" onClick={() => onSave(sizes)}>
            Save changes
          </button>
        </>
      }
    >
      <ul class="edit-line">
        {sizes.map((s, i) => (
          <li class="edit-line__row" key={s.size}>
            <span class="edit-line__size">{s.size}</span>
            <button type="button" class="button button--quiet button--small" aria-label={`${s.size} minus 1`} onClick={() => bump(i, -1)}>
              −
            </button>
            <output class="edit-line__qty" aria-label={`${s.size} quantity`}>
              {s.qty}
            </output>
            <button type="button" class="button button--quiet button--small" aria-label={`${s.size} plus 1`} onClick={() => bump(i, 1)}>
              +
            </button>
          </li>
        ))}
      </ul>
    </Modal>
  );
}
