/**
 * Orchestration of the new-order screen: party and product search, the quantity grids, the
 * persisted cart, the summary and placement, and the confirmation's PDF. Components only render
 * what this returns and call its actions.
 */
import { computed, useComputed, useSignal } from '@preact/signals';
import { useMemo, useRef } from 'preact/hooks';
import { addToCart, cartGroups, removeGroup, replaceGroup, type CartGroup } from '../../../domain/cart.ts';
import { totalQty } from '../../../domain/lines.ts';
import { orderDocument } from '../../../domain/orderDocument.ts';
import { partyLabel, searchParties, searchProducts } from '../../../domain/orderForm.ts';
import type { Party, PartyId, Product, ProductId, UserRecord } from '../../../domain/types.ts';
import { productLabel } from '../../../domain/productLabel.ts';
import { currentUser } from '../../../data/auth.ts';
import { cartStore, clearCart } from '../../../data/cart.ts';
import { addCatalogColor } from '../../../data/colorCommands.ts';
import { catalog, itemsOf, parties, stock } from '../../../data/collections.ts';
import { addPartyFromText } from '../../../data/partyCommands.ts';
import { placeStaffOrder, type PlacedOrder } from '../../../data/placeOrder.ts';
import { createProduct } from '../../../data/productCommands.ts';
import { playTone, primeSounds } from '../../../ui/sounds.ts';
import { showToast } from '../../../ui/toasts.ts';
import { createGrid, type Grid } from './gridState.ts';

/** What the confirmation shows once an order is saved. */
export type Confirmation = PlacedOrder & { party: Party; total: number };

const message = (e: unknown): string => (e instanceof Error ? e.message : String(e));

/** Phones start with the colour tiles closed (tap one to type), as the original did; wider screens open, for keyboard entry. */
const tilesOpenByDefault = (): boolean => typeof matchMedia !== 'function' || !matchMedia('(max-width: 640px)').matches;

/** State and actions of the new-order screen for the signed-in staff member. */
export function useNewOrderScreen(record: UserRecord) {
  const uid = currentUser.value?.uid ?? 'signed-out';
  const store = useMemo(() => cartStore(uid), [uid]);
  const partyMap = useComputed(() => itemsOf(parties.value));
  const productMap = useComputed(() => itemsOf(catalog.value));
  const stockMap = useComputed(() => new Map([...itemsOf(stock.value)].map(([k, s]) => [k, s.qty])));

  // Party: typing never selects; only a pick (or a created party) sets partyId.
  const partyText = useSignal<string | null>(null);
  const partyError = useSignal<string | null>(null);
  const isAddingParty = useSignal(false);
  const selectedParty = useComputed(() => {
    const id = store.partyId.value;
    return id === null ? null : (partyMap.value.get(id) ?? null);
  });
  const partyShown = useComputed(() => partyText.value ?? (selectedParty.value === null ? '' : partyLabel(selectedParty.value)));
  const partyOptions = useComputed(() => searchParties(partyMap.value, partyText.value ?? '').map((m) => ({ id: m.id, label: m.label })));

  // Product: an exact pick by id; each product keeps its own grid while the screen lives.
  const productText = useSignal('');
  const productId = useSignal<ProductId | null>(null);
  const grids = useRef(new Map<string, Grid>());
  const productOptions = useComputed(() => searchProducts(productMap.value, productText.value).map((m) => ({ id: m.id, label: m.label })));
  const grid = useComputed<Grid | null>(() => {
    const id = productId.value;
    const product = id === null ? undefined : productMap.value.get(id);
    if (id === null || product === undefined) return null;
    let g = grids.current.get(id);
    if (g === undefined) {
      let last = product;
      // Follows the live record, so a colour added meanwhile (here or elsewhere) joins the grid.
      const live = computed(() => (last = productMap.value.get(id) ?? last));
      grids.current.set(id, (g = createGrid(id, live, tilesOpenByDefault())));
    }
    return g;
  });

  const groups = useComputed<CartGroup[]>(() => cartGroups(store.lines.value, Object.fromEntries(productMap.value) as Record<string, Product>));
  const editing = useSignal<CartGroup | null>(null);
  const isAddingColour = useSignal(false);
  /** The name the "Add as a new item" form starts with, while it is open. */
  const newProductName = useSignal<string | null>(null);
  const isSummaryOpen = useSignal(false);
  const isPlacing = useSignal(false);
  const placeError = useSignal<string | null>(null);
  const confirmation = useSignal<Confirmation | null>(null);

  const actions = {
    typeParty(text: string) {
      partyText.value = text;
      partyError.value = null;
      if (selectedParty.peek() === null || text !== partyLabel(selectedParty.peek() as Party)) store.partyId.value = null;
    },
    pickParty(id: string) {
      store.partyId.value = id as PartyId;
      partyText.value = null;
      partyError.value = null;
    },
    async addParty() {
      if (isAddingParty.peek()) return;
      isAddingParty.value = true;
      try {
        const created = await addPartyFromText(partyText.peek() ?? '', partyMap.peek());
        store.partyId.value = created.id;
        partyText.value = partyLabel(created.party);
        partyError.value = null;
        showToast('success', created.isNew ? `Party ${partyLabel(created.party)} added` : `${partyLabel(created.party)} already exists; selected it`);
      } catch (e) {
        partyError.value = message(e);
      } finally {
        isAddingParty.value = false;
      }
    },
    typeProduct(text: string) {
      productText.value = text;
    },
    pickProduct(id: string) {
      const p = productMap.peek().get(id);
      productId.value = id as ProductId;
      productText.value = productLabel(p);
    },
    addGridToCart() {
      const g = grid.peek();
      if (g === null) return showToast('warning', 'Pick a product from the list first.');
      const lines = g.lines();
      if (lines.length === 0) return showToast('warning', 'Type at least one quantity above 0.');
      store.lines.value = addToCart(store.lines.peek(), lines);
      g.clear();
      showToast('success', 'Added to cart', 2000);
    },
    openNewProduct() {
      newProductName.value = productText.peek().trim();
    },
    async addProduct(name: string, sizes: string[], code = '') {
      const created = await createProduct(name, sizes, code);
      newProductName.value = null;
      productId.value = created.id;
      productText.value = productLabel(created.product);
      showToast('success', `${productLabel(created.product)} added with sizes ${created.product.sizes.join(', ')}`);
    },
    async addColour(c: { code: string; name: string; swatch: string }) {
      const id = productId.peek();
      if (id === null) return;
      const saved = await addCatalogColor(id, c);
      isAddingColour.value = false;
      showToast('success', `Colour ${saved.code} is on ${productLabel(productMap.peek().get(id))}`);
    },
    saveEdit(g: CartGroup, sizes: { size: string; qty: number }[]) {
      store.lines.value = replaceGroup(store.lines.peek(), g.productId, g.color, sizes);
      editing.value = null;
    },
    deleteGroup(g: CartGroup) {
      store.lines.value = removeGroup(store.lines.peek(), g.productId, g.color);
      editing.value = null;
    },
    openSummary() {
      placeError.value = null;
      isSummaryOpen.value = true;
    },
    async place() {
      if (isPlacing.peek()) return;
      isPlacing.value = true;
      primeSounds(); // during the click, so the chime may play once the order is saved
      placeError.value = null;
      try {
        const refs = { catalog: Object.fromEntries(productMap.peek()) as Record<string, Product>, parties: Object.fromEntries(partyMap.peek()) as Record<string, Party> };
        const placed = await placeStaffOrder({ partyId: store.partyId.peek(), note: store.note.peek(), lines: store.lines.peek() }, refs);
        const party = refs.parties[placed.input.partyId] ?? { name: placed.input.partyName, area: '' };
        confirmation.value = { ...placed, party, total: totalQty(placed.input.lines) };
        isSummaryOpen.value = false;
        clearCart(store);
        partyText.value = null;
        playTone('chime');
      } catch (e) {
        placeError.value = message(e);
      } finally {
        isPlacing.value = false;
      }
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

  return {
    store,
    isLoading: useComputed(() => catalog.value.state === 'loading' || parties.value.state === 'loading' || store.state.value === 'loading'),
    isDenied: useComputed(() => catalog.value.state === 'denied' || parties.value.state === 'denied'),
    partyShown,
    partyOptions,
    partyText,
    partyError,
    isAddingParty,
    selectedParty,
    productText,
    productOptions,
    grid,
    stockMap,
    groups,
    editing,
    isAddingColour,
    newProductName,
    isSummaryOpen,
    isPlacing,
    placeError,
    confirmation,
    actions,
  };
}
