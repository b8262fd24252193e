/**
 * The Product field and quantity grid of New order: search and pick a product, type quantities
 * per colour and size (each product keeps what was typed while the screen lives), add them to
 * the cart draft, and create a product or a colour on the spot.
 */
import { productLabel } from '../../../domain/productLabel.ts';
import { useComputed, useSignal, type ReadonlySignal } from '@preact/signals';
import { addToCart } from '../../../domain/cart.ts';
import { skuId } from '../../../domain/ids.ts';
import { matrixLines, NO_CELLS, withQty, type Cells } from '../../../domain/matrixGrid.ts';
import { searchProducts } from '../../../domain/orderForm.ts';
import type { Product, ProductId } from '../../../domain/types.ts';
import type { CartStore } from '../../../data/cart.ts';
import { addCatalogColor } from '../../../data/colorCommands.ts';
import { createProduct } from '../../../data/productCommands.ts';
import type { PickedBy } from '../../../ui/SearchSelect.tsx';
import { showToast } from '../../../ui/toasts.ts';

/** What the Product box shows once a product is picked. */
/** What the Product field says once a product is picked: its label, never its database id. */
const pickedText = (_id: string, p: Product | undefined): string => productLabel(p);

/** State and actions of the Product field and its grid. */
export function useProductGrid(store: CartStore, productMap: ReadonlySignal<ReadonlyMap<string, Product>>, stockMap: ReadonlySignal<ReadonlyMap<string, number>>) {
  const productText = useSignal('');
  const productId = useSignal<ProductId | null>(null);
  /** Quantities typed, per product: switching products keeps each one's cells. */
  const drafts = useSignal<Readonly<Record<string, Cells>>>({});
  /** Bumped by a pick with Enter: the grid then takes the focus (0: leave focus where it is). */
  const focusRequest = useSignal(0);
  const isAddingColour = useSignal(false);
  /** The name the "Add as a new item" form starts with, while it is open. */
  const newProductName = useSignal<string | null>(null);

  // The live record: a colour added meanwhile (here or elsewhere) joins the grid, typed cells stay.
  const product = useComputed(() => (productId.value === null ? null : (productMap.value.get(productId.value) ?? null)));
  const productOptions = useComputed(() => {
    // Once picked, the box shows the product: focusing it again lists everything, not nothing.
    const id = productId.value;
    const query = id !== null && productText.value === pickedText(id, productMap.value.get(id)) ? '' : productText.value;
    return searchProducts(productMap.value, query).map((m) => ({ id: m.id, label: m.label }));
  });
  const quantities = useComputed(() => (productId.value === null ? NO_CELLS : (drafts.value[productId.value] ?? NO_CELLS)));
  const stockCells = useComputed<Cells>(() => {
    const p = product.value;
    const id = productId.value;
    if (p === null || id === null) return NO_CELLS;
    const out: Record<string, Record<string, number>> = {};
    for (const c of p.colors) {
      const row: Record<string, number> = {};
      for (const s of p.sizes) {
        const q = stockMap.value.get(skuId(id, c.code, s));
        if (q !== undefined) row[s] = q;
      }
      out[c.code] = row;
    }
    return out;
  });

  const choose = (id: ProductId, how: PickedBy) => {
    productId.value = id;
    productText.value = pickedText(id, productMap.peek().get(id));
    focusRequest.value = how === 'keyboard' ? focusRequest.peek() + 1 : 0;
  };

  const actions = {
    typeProduct(text: string) {
      productText.value = text;
    },
    pickProduct(id: string, how: PickedBy) {
      choose(id as ProductId, how);
    },
    setQty(color: string, size: string, qty: number) {
      const id = productId.peek();
      if (id === null) return;
      drafts.value = { ...drafts.peek(), [id]: withQty(drafts.peek()[id] ?? NO_CELLS, color, size, qty) };
    },
    /** Adds the grid's quantities to the cart and empties the grid; false (with a warning) when there is nothing to add. */
    addToCart(): boolean {
      const id = productId.peek();
      const p = product.peek();
      if (id === null || p === null) {
        showToast('warning', 'Pick a product from the list first.');
        return false;
      }
      const lines = matrixLines(id, drafts.peek()[id] ?? NO_CELLS, p);
      if (lines.length === 0) {
        showToast('warning', 'Type at least one quantity above 0.');
        return false;
      }
      store.lines.value = addToCart(store.lines.peek(), lines);
      drafts.value = { ...drafts.peek(), [id]: NO_CELLS };
      showToast('success', 'Added to cart', 2000);
      return true;
    },
    openNewProduct() {
      newProductName.value = productText.peek().trim();
    },
    async addProduct(name: string, sizes: string[]) {
      const created = await createProduct(name, sizes);
      newProductName.value = null;
      choose(created.id, 'pointer');
      productText.value = pickedText(created.id, created.product);
      showToast('success', `${created.product.name} added with sizes ${created.product.sizes.join(', ')}`);
    },
    async addColour(c: { code: string; name: string; swatch: string }) {
      const id = productId.peek();
      if (id === null) return;
      const saved = await addCatalogColor(id, c);
      isAddingColour.value = false;
      showToast('success', `Colour ${saved.code} is on ${productMap.peek().get(id)?.name ?? id}`);
    },
    /** No product, no typed quantities (after an order is placed). */
    reset() {
      productId.value = null;
      productText.value = '';
      drafts.value = {};
      focusRequest.value = 0;
    },
  };

  return { productText, productId, product, productOptions, quantities, stockCells, focusRequest, isAddingColour, newProductName, actions };
}
