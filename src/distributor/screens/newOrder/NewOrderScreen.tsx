import { useEffect, useRef } from 'preact/hooks';
import type { UserRecord } from '../../../domain/types.ts';
import { cartTotal } from '../../../domain/cart.ts';
import { focusSearch, SearchSelect } from '../../../ui/SearchSelect.tsx';
import { showToast } from '../../../ui/toasts.ts';
import { useOrderKeys } from '../../../ui/useOrderKeys.ts';
import { AddColourModal } from './AddColourModal.tsx';
import { CartTable } from './CartTable.tsx';
import { ConfirmationModal } from './ConfirmationModal.tsx';
import { EditLineModal } from './EditLineModal.tsx';
import { NewProductModal } from './NewProductModal.tsx';
import { OrderGrid } from './OrderGrid.tsx';
import { SummaryModal } from './SummaryModal.tsx';
import { useNewOrderScreen } from './useNewOrderScreen.ts';
import './NewOrderScreen.css';

/**
 * New order: party, product, colour × size grid, cart, summary and placement. By keyboard:
 * Enter picks and moves on (party → product → grid), Enter in the grid adds to the cart and goes
 * back to Product, `/` jumps to Product, Ctrl+Enter opens the summary and there places the order.
 */
export function NewOrderScreen({ record }: { record: UserRecord }) {
  const s = useNewOrderScreen(record);
  const { party, grid, placement } = s;
  const partyRef = useRef<HTMLInputElement>(null);
  const productRef = useRef<HTMLInputElement>(null);
  const process = (byKeyboard: boolean) => {
    if (s.store.lines.peek().length === 0) return showToast('warning', 'The cart is empty: add a product first.');
    placement.actions.openSummary(byKeyboard);
  };
  useOrderKeys({ search: productRef, onProcess: () => process(true) });
  // With a keyboard and mouse (not a phone, where focus pops up the keyboard), start in Party.
  const isReady = !s.isLoading.value && !s.isDenied.value;
  useEffect(() => {
    const isDesktop = typeof matchMedia === 'function' && matchMedia('(pointer: fine)').matches;
    if (isReady && isDesktop && (document.activeElement === null || document.activeElement === document.body)) focusSearch(partyRef.current);
  }, [isReady]);
  // The confirmation closed: the form was reset when the order was saved; start again at Party.
  const isConfirming = placement.confirmation.value !== null;
  const wasConfirming = useRef(false);
  useEffect(() => {
    if (wasConfirming.current && !isConfirming) focusSearch(partyRef.current);
    wasConfirming.current = isConfirming;
  }, [isConfirming]);

  if (s.isDenied.value) return <main class="screen"><p class="form-error" role="alert">You may not read the catalogue or the parties. Ask an admin to check your account.</p></main>;
  if (s.isLoading.value) return <main class="screen"><p class="empty-state">Loading catalogue, parties and your cart…</p></main>;
  const product = grid.product.value;
  const lines = s.store.lines.value;
  const typed = party.partyText.value ?? '';
  const productTyped = grid.productText.value.trim();
  return (
    <main class="screen new-order" data-testid="new-order">
      <h1 class="new-order__title">New order</h1>
      <div class="new-order__pickers">
        <SearchSelect
          label="Party"
          testId="party-search"
          inputRef={partyRef}
          placeholder="Search party by name or area"
          value={party.partyShown.value}
          options={party.partyOptions.value}
          onInput={party.actions.typeParty}
          onPick={(id, how) => {
            party.actions.pickParty(id);
            if (how === 'keyboard') focusSearch(productRef.current);
          }}
          createLabel={typed.trim() === '' ? null : `Add "${typed.trim()}" as a new party`}
          onCreate={(how) => void party.actions.addParty().then((ok) => ok && how === 'keyboard' && focusSearch(productRef.current))}
          error={party.partyError.value}
          isBusy={party.isAddingParty.value}
        />
        <SearchSelect
          label="Product"
          testId="product-search"
          inputRef={productRef}
          placeholder="Search product by name or code"
          value={grid.productText.value}
          options={grid.productOptions.value}
          onInput={grid.actions.typeProduct}
          onPick={grid.actions.pickProduct}
          createLabel={productTyped === '' ? null : `Add "${productTyped}" as a new item`}
          onCreate={grid.actions.openNewProduct}
        />
      </div>
      {product === null ? (
        <p class="empty-state">Pick a product from the list to type quantities.</p>
      ) : (
        <OrderGrid
          key={grid.productId.value}
          product={product}
          quantities={grid.quantities}
          stock={grid.stockCells}
          focusRequest={grid.focusRequest}
          onChange={grid.actions.setQty}
          onSubmit={() => grid.actions.addToCart() && focusSearch(productRef.current)}
          onAddColour={() => (grid.isAddingColour.value = true)}
        />
      )}
      <p class="new-order__keys">
        <kbd>Enter</kbd> adds to the cart · <kbd>/</kbd> product search · <kbd>Ctrl</kbd>+<kbd>Enter</kbd> process order
      </p>
      <section class="new-order__cart" aria-label="Cart">
        <h2>Cart</h2>
        <CartTable groups={s.groups.value} onEdit={(g) => (s.editing.value = g)} testId="cart" />
        {s.store.state.value === 'unsaved' && <p class="form-error">This browser is not saving the cart; it will be lost on reload.</p>}
      </section>
      <div class="new-order__bar">
        <button type="button" class="button button--quiet" onClick={() => grid.actions.addToCart()} disabled={product === null}>
          Add to cart
        </button>
        <button type="button" class="button button--primary" onClick={() => process(false)} disabled={lines.length === 0} aria-keyshortcuts="Control+Enter">
          {lines.length === 0 ? 'Cart empty' : `Process order (${cartTotal(lines)})`}
        </button>
      </div>
      {placement.isSummaryOpen.value && s.editing.value === null && (
        <SummaryModal
          party={party.selectedParty.value}
          groups={s.groups.value}
          note={s.store.note}
          isPlacing={placement.isPlacing.value}
          error={placement.placeError.value}
          focusNote={placement.isSummaryByKeyboard.value}
          onEdit={(g) => (s.editing.value = g)}
          onPlace={() => void placement.actions.place()}
          onClose={placement.actions.closeSummary}
        />
      )}
      {s.editing.value !== null && (
        <EditLineModal
          key={s.editing.value.key}
          group={s.editing.value}
          onSave={(sizes) => s.editing.value !== null && s.cart.saveEdit(s.editing.value, sizes)}
          onDelete={() => s.editing.value !== null && s.cart.deleteGroup(s.editing.value)}
          onClose={() => (s.editing.value = null)}
        />
      )}
      {grid.isAddingColour.value && product !== null && <AddColourModal productName={product.name} onSave={grid.actions.addColour} onClose={() => (grid.isAddingColour.value = false)} />}
      {grid.newProductName.value !== null && <NewProductModal initialName={grid.newProductName.value} onSave={grid.actions.addProduct} onClose={() => (grid.newProductName.value = null)} />}
      {placement.confirmation.value !== null && <ConfirmationModal order={placement.confirmation.value} makePdf={placement.actions.orderPdf} onClose={placement.actions.closeConfirmation} />}
    </main>
  );
}
