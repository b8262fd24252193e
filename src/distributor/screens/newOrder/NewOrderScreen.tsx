import type { UserRecord } from '../../../domain/types.ts';
import { cartTotal } from '../../../domain/cart.ts';
import { AddColourModal } from './AddColourModal.tsx';
import { CartTable } from './CartTable.tsx';
import { ConfirmationModal } from './ConfirmationModal.tsx';
import { EditLineModal } from './EditLineModal.tsx';
import { NewProductModal } from './NewProductModal.tsx';
import { QuantityGrid } from './QuantityGrid.tsx';
import { SearchSelect } from './SearchSelect.tsx';
import { SummaryModal } from './SummaryModal.tsx';
import { useNewOrderScreen } from './useNewOrderScreen.ts';
import './NewOrderScreen.css';

/** New order: party, product, colour × size grid, cart, summary and placement (issue 4). */
export function NewOrderScreen({ record }: { record: UserRecord }) {
  const s = useNewOrderScreen(record);
  const { actions } = s;
  if (s.isDenied.value) return <main class="screen"><p class="form-error" role="alert">You may not read the catalogue or the parties. Ask an admin to check your account.</p></main>;
  if (s.isLoading.value) return <main class="screen"><p class="empty-state">Loading catalogue, parties and your cart…</p></main>;
  const grid = s.grid.value;
  const lines = s.store.lines.value;
  const typed = s.partyText.value ?? '';
  return (
    <main class="screen new-order" data-testid="new-order">
      <h1 class="new-order__title">New order</h1>
      <SearchSelect
        label="Party"
        testId="party-search"
        placeholder="Search party by name or area"
        value={s.partyShown.value}
        options={s.partyOptions.value}
        onInput={actions.typeParty}
        onPick={actions.pickParty}
        createLabel={typed.trim() === '' ? null : `Add "${typed.trim()}" as a new party`}
        onCreate={() => void actions.addParty()}
        error={s.partyError.value}
        isBusy={s.isAddingParty.value}
      />
      <SearchSelect
        label="Product"
        testId="product-search"
        placeholder="Search product by name or code"
        value={s.productText.value}
        options={s.productOptions.value}
        onInput={actions.typeProduct}
        onPick={actions.pickProduct}
        createLabel={s.productText.value.trim() === '' ? null : `Add "${s.productText.value.trim()}" as a new item`}
        onCreate={actions.openNewProduct}
      />
      {grid === null ? (
        <p class="empty-state">Pick a product from the list to type quantities.</p>
      ) : (
        <QuantityGrid grid={grid} stock={s.stockMap.value} onAdd={actions.addGridToCart} onAddColour={() => (s.isAddingColour.value = true)} />
      )}
      <section class="new-order__cart" aria-label="Cart">
        <h2>Cart</h2>
        <CartTable groups={s.groups.value} onEdit={(g) => (s.editing.value = g)} testId="cart" />
        {s.store.state.value === 'unsaved' && <p class="form-error">This browser is not saving the cart; it will be lost on reload.</p>}
      </section>
      <div class="new-order__bar">
        <button type="button" class="button button--quiet" onClick={actions.addGridToCart} disabled={grid === null}>
          Add to cart
        </button>
        <button type="button" class="button button--primary" onClick={actions.openSummary} disabled={lines.length === 0}>
          {lines.length === 0 ? 'Cart empty' : `Process order (${cartTotal(lines)})`}
        </button>
      </div>
      {s.isSummaryOpen.value && s.editing.value === null && (
        <SummaryModal
          party={s.selectedParty.value}
          groups={s.groups.value}
          note={s.store.note}
          isPlacing={s.isPlacing.value}
          error={s.placeError.value}
          onEdit={(g) => (s.editing.value = g)}
          onPlace={() => void actions.place()}
          onClose={() => (s.isSummaryOpen.value = false)}
        />
      )}
      {s.editing.value !== null && (
        <EditLineModal
          key={s.editing.value.key}
          group={s.editing.value}
          onSave={(sizes) => s.editing.value !== null && actions.saveEdit(s.editing.value, sizes)}
          onDelete={() => s.editing.value !== null && actions.deleteGroup(s.editing.value)}
          onClose={() => (s.editing.value = null)}
        />
      )}
      {s.isAddingColour.value && grid !== null && <AddColourModal productName={grid.product.value.name} onSave={actions.addColour} onClose={() => (s.isAddingColour.value = false)} />}
      {s.newProductName.value !== null && <NewProductModal initialName={s.newProductName.value} onSave={actions.addProduct} onClose={() => (s.newProductName.value = null)} />}
      {s.confirmation.value !== null && <ConfirmationModal order={s.confirmation.value} makePdf={actions.orderPdf} onClose={() => (s.confirmation.value = null)} />}
    </main>
  );
}
