/**
 * Placing the order from New order: the summary, Place order (numbering and saving through
 * src/data/placeOrder.ts), the confirmation and its PDF. Once saved, `onPlaced` resets the form.
 */
import { useSignal, type ReadonlySignal } from '@preact/signals';
import { totalQty } from '../../../domain/lines.ts';
import { orderDocument } from '../../../domain/orderDocument.ts';
import type { Party, Product, UserRecord } from '../../../domain/types.ts';
import type { CartStore } from '../../../data/cart.ts';
import { placeStaffOrder, type PlacedOrder } from '../../../data/placeOrder.ts';
import { playTone, primeSounds } from '../../../ui/sounds.ts';
import { dismissToast, showToast } from '../../../ui/toasts.ts';

/** Said (and kept on screen) while the database does not answer a placement. */
export const PLACE_WAITING = 'No connection to the database: the order is not placed yet. It will be placed when the connection returns — keep this page open.';

/** Asks before leaving the page while an order waits for the database (it would be lost). */
const holdPage = (e: BeforeUnloadEvent) => e.preventDefault();

/** What the confirmation shows once an order is saved. */
export type Confirmation = PlacedOrder & { party: Party; total: number };

const message = (e: unknown): string => (e instanceof Error ? e.message : String(e));

type Refs = { productMap: ReadonlySignal<ReadonlyMap<string, Product>>; partyMap: ReadonlySignal<ReadonlyMap<string, Party>> };

/** State and actions of the summary, placement and confirmation. */
export function usePlacement(record: UserRecord, store: CartStore, { productMap, partyMap }: Refs, onPlaced: () => void) {
  const isSummaryOpen = useSignal(false);
  /** The summary was opened from the keyboard: the note takes the focus. */
  const isSummaryByKeyboard = useSignal(false);
  const isPlacing = useSignal(false);
  const placeError = useSignal<string | null>(null);
  const confirmation = useSignal<Confirmation | null>(null);

  const actions = {
    openSummary(byKeyboard = false) {
      placeError.value = null;
      isSummaryByKeyboard.value = byKeyboard;
      isSummaryOpen.value = true;
    },
    closeSummary() {
      isSummaryOpen.value = false;
    },
    async place() {
      if (isPlacing.peek()) return;
      isPlacing.value = true;
      primeSounds(); // during the click, so the chime may play once the order is saved
      placeError.value = null;
      // Until the offline outbox exists: say that the order waits for the database, and announce it when it lands.
      let waitingToast: number | null = null;
      const onWaiting = () => {
        waitingToast = showToast('warning', PLACE_WAITING);
        addEventListener('beforeunload', holdPage);
      };
      try {
        const refs = { catalog: Object.fromEntries(productMap.peek()) as Record<string, Product>, parties: Object.fromEntries(partyMap.peek()) as Record<string, Party> };
        const placed = await placeStaffOrder({ partyId: store.partyId.peek(), note: store.note.peek(), lines: store.lines.peek() }, refs, { onWaiting });
        if (waitingToast !== null) showToast('success', `Order ${placed.number} placed`, 8000);
        const party = refs.parties[placed.input.partyId] ?? { name: placed.input.partyName, area: '' };
        confirmation.value = { ...placed, party, total: totalQty(placed.input.lines) };
        isSummaryOpen.value = false;
        onPlaced();
        playTone('chime');
      } catch (e) {
        placeError.value = message(e);
      } finally {
        isPlacing.value = false;
        if (waitingToast !== null) dismissToast(waitingToast);
        removeEventListener('beforeunload', holdPage);
      }
    },
    closeConfirmation() {
      confirmation.value = null;
    },
    /** The placed order's PDF, built after its number exists. */
    async orderPdf(c: Confirmation): Promise<{ blob: Blob; fileName: string }> {
      const doc = orderDocument({
        lines: c.input.lines,
        catalog: productMap.peek(),
        party: c.party,
        number: c.number,
        dates: [{ label: 'Date', at: c.createdAt }],
        createdBy: record.name,
        notes: c.input.note,
      });
      const { renderDocumentPdf } = await import('../../../exports/documentPdf.ts');
      return { blob: await renderDocumentPdf(doc), fileName: `${doc.fileBase}.pdf` };
    },
  };

  return { isSummaryOpen, isSummaryByKeyboard, isPlacing, placeError, confirmation, actions };
}
