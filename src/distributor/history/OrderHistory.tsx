import { useMemo, useState } from 'preact/hooks';
import { orderHistory } from '../../data/orderHistory.ts';
import { userNameOf } from '../../data/userNames.ts';
import { historySteps } from '../../domain/auditTrail.ts';
import type { OrderId } from '../../domain/types.ts';
import { Modal } from '../../ui/Modal.tsx';
import { formatDateTime } from '../../ui/dates.ts';
import './OrderHistory.css';

/** The order's audit trail: every change, who made it and when (live while open). */
function OrderHistoryModal({ orderId, number, onClose }: { orderId: OrderId; number: string; onClose: () => void }) {
  const history = useMemo(() => orderHistory(orderId), [orderId]);
  const list = history.value;
  const steps = list.state === 'ready' ? historySteps(list.items) : [];
  return (
    <Modal title={`History of ${number}`} onClose={onClose} testId="order-history">
      {list.state === 'loading' && <p aria-busy="true">Loading the history…</p>}
      {list.state === 'denied' && (
        <p class="form-error" role="alert">
          The database refused the history. Only active staff and admins may read it.
        </p>
      )}
      {list.state === 'ready' && steps.length === 0 && <p class="empty-state">No recorded changes for this order.</p>}
      {steps.length > 0 && (
        <ol class="order-history" aria-label={`Changes to ${number}, oldest first`}>
          {steps.map((s) => (
            <li key={s.key} class="order-history__step" data-testid="history-step">
              <span class="order-history__what" data-testid="history-what">
                {s.label}
                {s.pieces !== null && ` · ${s.pieces} pcs`}
              </span>
              <span class="order-history__who">
                by <strong data-testid="history-who">{userNameOf(s.actor)}</strong> · {formatDateTime(s.at)}
              </span>
              {s.detail !== null && (
                <span class="order-history__detail" data-testid="history-detail">
                  {s.detail}
                </span>
              )}
            </li>
          ))}
        </ol>
      )}
      {list.state === 'ready' && list.invalid.length > 0 && (
        <p class="form-error" role="alert">
          {list.invalid.length} entr{list.invalid.length === 1 ? 'y' : 'ies'} could not be read.
        </p>
      )}
    </Modal>
  );
}

/** A "History" button for an order card; opens the order's audit trail. */
export function OrderHistoryButton({ orderId, number }: { orderId: OrderId; number: string }) {
  const [isOpen, setOpen] = useState(false);
  return (
    <>
      <button type="button" class="button button--small button--quiet" onClick={() => setOpen(true)} data-testid="history-button" aria-label={`History of ${number}`}>
        History
      </button>
      {isOpen && <OrderHistoryModal orderId={orderId} number={number} onClose={() => setOpen(false)} />}
    </>
  );
}
