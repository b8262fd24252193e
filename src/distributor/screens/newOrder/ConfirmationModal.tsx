import { useState } from 'preact/hooks';
import { formatDateTime } from '../../../domain/orderDocument.ts';
import { partyLabel } from '../../../domain/orderForm.ts';
import { canShareFile, shareOrDownload } from '../../../exports/share.ts';
import { Modal } from '../../../ui/Modal.tsx';
import { showToast } from '../../../ui/toasts.ts';
import type { Confirmation } from './usePlacement.ts';

type Props = { order: Confirmation; makePdf: (c: Confirmation) => Promise<{ blob: Blob; fileName: string }>; onClose: () => void };

/** "Order placed": the K number large, party, date/time, total and note; the PDF to download or share. */
export function ConfirmationModal({ order, makePdf, onClose }: Props) {
  const [busy, setBusy] = useState<'download' | 'share' | null>(null);
  const canShare = typeof navigator !== 'undefined' && typeof navigator.canShare === 'function' && canShareFile(new File([''], 'order.pdf', { type: 'application/pdf' }));
  const send = async (how: 'download' | 'share') => {
    if (busy !== null) return;
    setBusy(how);
    try {
      const { blob, fileName } = await makePdf(order);
      const outcome = await shareOrDownload(blob, fileName, how === 'share');
      if (outcome === 'downloaded') showToast('success', `${fileName} downloaded`);
    } catch (e) {
      showToast('error', `The PDF of ${order.number} could not be made: ${e instanceof Error ? e.message : String(e)}`);
    } finally {
      setBusy(null);
    }
  };
  return (
    <Modal
      title="Order placed"
      onClose={onClose}
      testId="order-placed"
      footer={
        <>
          <button type="button" class="button button--quiet" onClick={() => void send('download')} disabled={busy !== null}>
            {busy === 'download' ? 'Making PDF…' : 'Download PDF'}
          </button>
          {canShare && (
            <button type="button" class="button button--quiet" onClick={() => void send('share')} disabled={busy !== null}>
              {busy === 'share' ? 'Making PDF…' : 'Share PDF'}
            </button>
          )}
          <button type="button" class="button button--primary" onClick={onClose}>
            New order
          </button>
        </>
      }
    >
      <div class="confirmation">
        <div class="confirmation__check" aria-hidden="true">
          ✓
        </div>
        <p class="confirmation__thanks">Thank you for your order!</p>
        <p class="confirmation__number" data-testid="order-number">
          {order.number}
        </p>
        <dl class="confirmation__facts">
          <dt>Party</dt>
          <dd data-testid="confirmation-party">{partyLabel(order.party)}</dd>
          <dt>Date</dt>
          <dd>{formatDateTime(order.createdAt)}</dd>
          <dt>Total quantity</dt>
          <dd data-testid="confirmation-total">{order.total}</dd>
          {order.input.note !== '' && (
            <>
              <dt>Note</dt>
              <dd data-testid="confirmation-note">{order.input.note}</dd>
            </>
          )}
        </dl>
      </div>
    </Modal>
  );
}
