/**
 * Orchestration of the new-order screen: the Party field (usePartyField), the Product field and
 * its grid (useProductGrid), the persisted cart, and the summary and placement (usePlacement).
 * Components only render what this returns and call its actions.
 */
import { useComputed, useSignal } from '@preact/signals';
import { useMemo } from 'preact/hooks';
import { cartGroups, removeGroup, replaceGroup, type CartGroup } from '../../../domain/cart.ts';
import type { Product, UserRecord } from '../../../domain/types.ts';
import { currentUser } from '../../../data/auth.ts';
import { cartStore, clearCart } from '../../../data/cart.ts';
import { catalog, itemsOf, parties, stock } from '../../../data/collections.ts';
import { usePartyField } from './usePartyField.ts';
import { usePlacement } from './usePlacement.ts';
import { useProductGrid } from './useProductGrid.ts';

/** State and actions of the new-order screen for the signed-in staff member. */
export function useNewOrderScreen(record: UserRecord) {
  const uid = currentUser.value?.uid ?? 'signed-out';
  const store = useMemo(() => cartStore(uid), [uid]);
  const partyMap = useComputed(() => itemsOf(parties.value));
  const productMap = useComputed(() => itemsOf(catalog.value));
  const stockMap = useComputed(() => new Map([...itemsOf(stock.value)].map(([k, s]) => [k, s.qty])));

  const party = usePartyField(store, partyMap);
  const grid = useProductGrid(store, productMap, stockMap);
  // After Place order the whole form starts again: party, product, grid, lines and note.
  const placement = usePlacement(record, store, { productMap, partyMap }, () => {
    clearCart(store);
    party.actions.reset();
    grid.actions.reset();
  });

  const groups = useComputed<CartGroup[]>(() => cartGroups(store.lines.value, Object.fromEntries(productMap.value) as Record<string, Product>));
  const editing = useSignal<CartGroup | null>(null);
  const cart = {
    saveEdit(g: CartGroup, sizes: { size: string; qty: number }[]) {
      store.lines.value = replaceGroup(store.lines.peek(), g.productId, g.color, sizes);
      editing.value = null;
    },
    deleteGroup(g: CartGroup) {
      store.lines.value = removeGroup(store.lines.peek(), g.productId, g.color);
      editing.value = null;
    },
  };

  return {
    store,
    isLoading: useComputed(() => catalog.value.state === 'loading' || parties.value.state === 'loading' || store.state.value === 'loading'),
    isDenied: useComputed(() => catalog.value.state === 'denied' || parties.value.state === 'denied'),
    party,
    grid,
    placement,
    groups,
    editing,
    cart,
  };
}
