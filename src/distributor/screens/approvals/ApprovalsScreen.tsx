import { useEffect, useState } from 'preact/hooks';
import { catalog, itemsOf, stock } from '../../../data/collections.ts';
import { approveRetailer, rejectRetailer, type ApprovalChange } from '../../../data/retailerOrderCommands.ts';
import { submittedRetailerOrders } from '../../../data/retailerOrders.ts';
import type { OrderId } from '../../../domain/types.ts';
import { showToast } from '../../../ui/toasts.ts';
import { ReauthDialog } from '../../ReauthDialog.tsx';
import { AdjustDialog } from './AdjustDialog.tsx';
import { AdjustedConfirm } from './AdjustedConfirm.tsx';
import { ApprovalCard } from './ApprovalCard.tsx';
import { piecesText, stockLines, waitingOrders, type Waiting } from './approvalView.ts';
import { partyNameOf } from './partyName.ts';
import { RejectDialog } from './RejectDialog.tsx';
import './ApprovalsScreen.css';

/** What the admin is in the middle of: approving, giving a reason, or confirming a rejection. */
type Step =
  | { kind: 'approve'; waiting: Waiting }
  | { kind: 'adjust'; waiting: Waiting }
  | { kind: 'approveAdjusted'; waiting: Waiting; change: ApprovalChange }
  | { kind: 'reason'; waiting: Waiting }
  | { kind: 'reject'; waiting: Waiting; reason: string };

/** Admins: retailer orders waiting for a decision; approve (a K number) or reject with a reason, each after the password. */
export function ApprovalsScreen() {
  const list = submittedRetailerOrders.value;
  const products = itemsOf(catalog.value);
  const stockNow = stock.value;
  const onHand = stockNow.state === 'ready' ? stockNow.items : null;
  const [clock, setClock] = useState(Date.now());
  const [step, setStep] = useState<Step | null>(null);
  // "5 min ago" moves on by itself.
  useEffect(() => {
    const t = setInterval(() => setClock(Date.now()), 30_000);
    return () => clearInterval(t);
  }, []);
  const waiting = list.state === 'ready' ? waitingOrders(list.items) : [];
  const party = step === null ? '' : partyNameOf(step.waiting.order.partyId);
  return (
    <main class="screen" data-testid="approvals-screen">
      <h1>Approvals</h1>
      {list.state === 'loading' && (
        <p class="empty-state" data-testid="approvals-loading" aria-busy="true">
          Loading retailer orders…
        </p>
      )}
      {list.state === 'denied' && (
        <p class="form-error" role="alert">
          The database refused the retailer orders. Only active admins and staff may see them.
        </p>
      )}
      {list.state === 'ready' && list.invalid.length > 0 && (
        <p class="form-error approvals__invalid" role="alert" data-testid="approvals-invalid">
          {list.invalid.length === 1 ? '1 retailer order cannot be shown' : `${list.invalid.length} retailer orders cannot be shown`} (a bad record:{' '}
          {list.invalid.map((i) => `${i.key}: ${i.problem}`).join('; ')}).
        </p>
      )}
      {list.state === 'ready' && waiting.length === 0 && (
        <p class="empty-state" data-testid="approvals-empty">
          No retailer orders waiting
        </p>
      )}
      {waiting.length > 0 && (
        <ul class="approvals__list" aria-label="Retailer orders waiting">
          {waiting.map((w) => (
            <ApprovalCard
              key={w.id}
              waiting={w}
              products={products}
              stock={onHand}
              clock={clock}
              onApprove={() => setStep({ kind: 'approve', waiting: w })}
              onAdjust={() => setStep({ kind: 'adjust', waiting: w })}
              onReject={() => setStep({ kind: 'reason', waiting: w })}
            />
          ))}
        </ul>
      )}
      {step?.kind === 'approve' && (
        <ReauthDialog
          title={`Approve the order of ${party}?`}
          confirmLabel="Approve"
          onCancel={() => setStep(null)}
          onConfirmed={async () => {
            const { number } = await approveRetailer(step.waiting.id as OrderId);
            showToast('success', `Approved as ${number}`);
            setStep(null);
          }}
        >
          <p>
            {piecesText(step.waiting.order.lines)} become a pending order with the next K number. Re-enter your own password to confirm.
          </p>
        </ReauthDialog>
      )}
      {step?.kind === 'adjust' && (
        <AdjustDialog
          party={party}
          lines={step.waiting.order.lines}
          rows={stockLines(step.waiting.order.lines, products, onHand)}
          onCancel={() => setStep(null)}
          onContinue={(change) => setStep({ kind: 'approveAdjusted', waiting: step.waiting, change })}
        />
      )}
      {step?.kind === 'approveAdjusted' && (
        <AdjustedConfirm
          party={party}
          rows={stockLines(step.waiting.order.lines, products, onHand)}
          change={step.change}
          onCancel={() => setStep(null)}
          onConfirmed={async () => {
            const { number } = await approveRetailer(step.waiting.id as OrderId, step.change);
            showToast('success', `Approved as ${number} with changes`);
            setStep(null);
          }}
        />
      )}
      {step?.kind === 'reason' && (
        <RejectDialog party={party} onCancel={() => setStep(null)} onContinue={(reason) => setStep({ ...step, kind: 'reject', reason })} />
      )}
      {step?.kind === 'reject' && (
        <ReauthDialog
          title={`Reject the order of ${party}?`}
          confirmLabel="Reject"
          isDanger
          onCancel={() => setStep(null)}
          onConfirmed={async () => {
            await rejectRetailer(step.waiting.id as OrderId, step.reason);
            showToast('success', `Rejected the order of ${party}`);
            setStep(null);
          }}
        >
          <p>The retailer will see this reason:</p>
          <blockquote class="approval-card__note" data-testid="reject-reason">
            {step.reason}
          </blockquote>
          <p>Re-enter your own password to confirm.</p>
        </ReauthDialog>
      )}
    </main>
  );
}
