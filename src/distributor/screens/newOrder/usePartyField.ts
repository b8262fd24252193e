/**
 * The Party field of New order: search, pick, or add "NAME - AREA" as a new party. The chosen
 * party lives in the cart draft (it survives a reload); typing never selects, only a pick does.
 */
import { useComputed, useSignal, type ReadonlySignal } from '@preact/signals';
import { partyLabel, searchParties } from '../../../domain/orderForm.ts';
import type { Party, PartyId } from '../../../domain/types.ts';
import type { CartStore } from '../../../data/cart.ts';
import { addPartyFromText } from '../../../data/partyCommands.ts';
import { showToast } from '../../../ui/toasts.ts';

const message = (e: unknown): string => (e instanceof Error ? e.message : String(e));

/** State and actions of the Party field. */
export function usePartyField(store: CartStore, partyMap: ReadonlySignal<ReadonlyMap<string, Party>>) {
  const partyText = useSignal<string | null>(null);
  const partyError = useSignal<string | null>(null);
  const isAddingParty = useSignal(false);
  const selectedParty = useComputed(() => {
    const id = store.partyId.value;
    return id === null ? null : (partyMap.value.get(id) ?? null);
  });
  const partyShown = useComputed(() => partyText.value ?? (selectedParty.value === null ? '' : partyLabel(selectedParty.value)));
  const partyOptions = useComputed(() => searchParties(partyMap.value, partyText.value ?? '').map((m) => ({ id: m.id, label: m.label })));

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
    /** Adds (or finds) the typed party and chooses it; true when a party is chosen. */
    async addParty(): Promise<boolean> {
      if (isAddingParty.peek()) return false;
      isAddingParty.value = true;
      try {
        const created = await addPartyFromText(partyText.peek() ?? '', partyMap.peek());
        store.partyId.value = created.id;
        partyText.value = partyLabel(created.party);
        partyError.value = null;
        showToast('success', created.isNew ? `Party ${partyLabel(created.party)} added` : `${partyLabel(created.party)} already exists; selected it`);
        return true;
      } catch (e) {
        partyError.value = message(e);
        return false;
      } finally {
        isAddingParty.value = false;
      }
    },
    /** Empties the field (the chosen party itself is cleared with the cart draft). */
    reset() {
      partyText.value = null;
      partyError.value = null;
    },
  };

  return { partyText, partyError, isAddingParty, selectedParty, partyShown, partyOptions, actions };
}
