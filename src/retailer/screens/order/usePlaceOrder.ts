/**
 * Place order's state: product search, the colour × size grid (what was typed per product while
 * the screen lives), the cart in IndexedDB, the review step and sending. Pure checks come from
 * src/domain/portal.ts; the write from src/data/portal.ts.
 */
import { useComputed, useSignal } from '@preact/signals';
import { addToCart, cartGroups, replaceGroup, type CartGroup } from '../../../domain/cart.ts';
import { matrixLines, NO_CELLS, withQty, type Cells } from '../../../domain/matrixGrid.ts';
import { searchProducts } from '../../../domain/orderForm.ts';
import { BAND_WORDS, RETAIL_MAX_QTY } from '../../../domain/portal.ts';
import { linesOverStock, parsePortalOrder, problemText } from '../../../domain/portalOrder.ts';
import { productLabel } from '../../../domain/productLabel.ts';
import type { ProductId } from '../../../domain/types.ts';
import { toActionError } from '../../../data/actionError.ts';
import { availability, availabilityState, awaitingCountOf, catalogById, portalCatalog } from '../../../data/portal.ts';
import { sendPortalOrder } from '../../../data/portalOrder.ts';
import { emptyPortalCart, portalCart } from '../../../data/portalCart.ts';
import type { CellNote } from '../../../ui/MatrixCell.tsx';
import type { PickedBy } from '../../../ui/SearchSelect.tsx';
import { showToast } from '../../../ui/toasts.ts';
import type { ScreenProps } from '../../shell/screens.ts';

/** State and actions of Place order. */
export function usePlaceOrder({ uid, partyId }: Pick<ScreenProps, 'uid' | 'partyId'>) {
  const cart = portalCart(uid);
  const productText = useSignal('');
  const productId = useSignal<ProductId | null>(null);
  const drafts = useSignal<Readonly<Record<string, Cells>>>({});
  const focusRequest = useSignal(0);
  const step = useSignal<'build' | 'review'>('build');
  const problems = useSignal<string[]>([]);
  const isSending = useSignal(false);
  const sentId = useSignal<string | null>(null);
  const awaiting = awaitingCountOf(uid);

  const catalogState = useComputed(() => portalCatalog.value.state);
  const product = useComputed(() => (productId.value === null ? null : (catalogById.value[productId.value] ?? null)));
  const productOptions = useComputed(() => {
    const id = productId.value;
    const map = new Map(Object.entries(catalogById.value));
    const query = id !== null && productText.value === productLabel(map.get(id)) ? '' : productText.value;
    return searchProducts(map, query).map((m) => ({ id: m.id, label: m.label }));
  });
  const quantities = useComputed(() => (productId.value === null ? NO_CELLS : (drafts.value[productId.value] ?? NO_CELLS)));
  const groups = useComputed<CartGroup[]>(() => cartGroups(cart.lines.value, catalogById.value));
  const over = useComputed(() => linesOverStock(cart.lines.value, availability.value));

  /** The grid's note under a cell: exact count or band, marked when short. */
  const noteOf = (color: string, size: string): CellNote => {
    const id = productId.peek();
    const a = id === null ? null : availability.value({ productId: id, color, size });
    if (a === null) return { text: '', isShort: false };
    if (a.kind === 'exact') return { text: a.qty > 0 ? `${a.qty} left` : 'Out of stock', isShort: a.qty <= 0 };
    return { text: BAND_WORDS[a.band], isShort: a.band === 'out' };
  };

  const actions = {
    typeProduct(text: string) {
      productText.value = text;
    },
    pickProduct(id: string, how: PickedBy) {
      productId.value = id as ProductId;
      productText.value = productLabel(catalogById.peek()[id]);
      focusRequest.value = how === 'keyboard' ? focusRequest.peek() + 1 : 0;
    },
    setQty(color: string, size: string, qty: number) {
      const id = productId.peek();
      if (id !== null) drafts.value = { ...drafts.peek(), [id]: withQty(drafts.peek()[id] ?? NO_CELLS, color, size, qty) };
    },
    /** Adds the grid to the cart; false (with a warning) when there is nothing to add. */
    addToCart(): boolean {
      const id = productId.peek();
      const p = product.peek();
      if (id === null || p === null) {
        showToast('warning', 'Product: pick one from the list first.');
        return false;
      }
      const lines = matrixLines(id, drafts.peek()[id] ?? NO_CELLS, p);
      if (lines.length === 0) {
        showToast('warning', 'Quantity: type at least one quantity above 0.');
        return false;
      }
      cart.lines.value = addToCart(cart.lines.peek(), lines);
      drafts.value = { ...drafts.peek(), [id]: NO_CELLS };
      showToast('success', 'Added to cart', 2000);
      return true;
    },
    removeGroup(g: CartGroup) {
      cart.lines.value = replaceGroup(cart.lines.peek(), g.productId, g.color, []);
    },
    /** Checks the cart as it would be sent; opens the review step when it passes. */
    review() {
      const r = parsePortalOrder({ reference: cart.reference.peek(), note: cart.note.peek(), lines: cart.lines.peek() }, catalogById.peek());
      problems.value = r.ok ? [] : problemText(r.errors);
      if (r.ok) step.value = 'review';
    },
    back() {
      step.value = 'build';
    },
    async send() {
      if (isSending.peek()) return;
      isSending.value = true;
      problems.value = [];
      try {
        const id = await sendPortalOrder({ uid, partyId }, { reference: cart.reference.peek(), note: cart.note.peek(), lines: cart.lines.peek() }, catalogById.peek(), awaiting.peek());
        emptyPortalCart(cart);
        drafts.value = {};
        productId.value = null;
        productText.value = '';
        step.value = 'build';
        sentId.value = id;
        showToast('success', 'Order sent. Your distributor will approve it.');
      } catch (e) {
        problems.value = toActionError(e).message.split('\n');
      } finally {
        isSending.value = false;
      }
    },
  };

  return { cart, catalogState, availabilityState, productId, product, productText, productOptions, quantities, focusRequest, groups, over, step, problems, isSending, sentId, awaiting, noteOf, actions, maxQty: RETAIL_MAX_QTY };
}
