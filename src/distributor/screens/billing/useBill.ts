import { useState } from 'preact/hooks';
import { billOrder, ShortfallError } from '../../../data/billingCommands.ts';
import type { Shortfall } from '../../../domain/lifecycle.ts';
import type { Line, OrderId } from '../../../domain/types.ts';
import { showToast } from '../../../ui/toasts.ts';

/** A bill waiting for the person to confirm its lines beyond stock. */
export type PendingShortfall = { billed: Line[]; seen: Line[]; shortfalls: Shortfall[] };

/**
 * The Bill action of one order: progress, the success toast ("K12 partly billed"), and the
 * confirmation step when stock is short. `submit` resolves true once the bill is written, after
 * `onBilled` was told what was billed against which lines.
 */
export function useBill(id: OrderId, onBilled: (billed: Line[], seen: Line[]) => void) {
  const [isBusy, setBusy] = useState(false);
  const [pending, setPending] = useState<PendingShortfall | null>(null);

  const run = async (billed: Line[], seen: Line[], confirmed: Shortfall[]): Promise<boolean> => {
    const done = await billOrder(id, billed, seen, confirmed);
    setPending(null);
    onBilled(billed, seen);
    showToast('success', `${done.number} ${done.isFull ? 'fully' : 'partly'} billed${done.shortfalls.length > 0 ? ' (short stock recorded)' : ''}`);
    return true;
  };

  /** Bills; asks first when stock is short (sets `pending`); errors go to a toast. */
  const submit = async (billed: Line[], seen: Line[]): Promise<boolean> => {
    if (isBusy) return false;
    setBusy(true);
    try {
      return await run(billed, seen, []);
    } catch (e) {
      if (e instanceof ShortfallError) setPending({ billed, seen, shortfalls: e.shortfalls });
      else showToast('error', `Bill failed: ${e instanceof Error ? e.message : String(e)}`);
      return false;
    } finally {
      setBusy(false);
    }
  };

  /** Bills the pending lines beyond stock as confirmed; throws (for the dialog to show) when that fails. */
  const confirm = async (): Promise<boolean> => {
    if (pending === null) return false;
    try {
      return await run(pending.billed, pending.seen, pending.shortfalls);
    } catch (e) {
      if (e instanceof ShortfallError) {
        // Stock fell further while the dialog was open: ask again with the new figures.
        setPending({ ...pending, shortfalls: e.shortfalls });
        throw new Error('Stock changed meanwhile: check the new figures and confirm again.', { cause: e });
      }
      throw e;
    }
  };

  return { isBusy, pending, submit, confirm, cancel: () => setPending(null) };
}
