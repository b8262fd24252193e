/**
 * Sending a retailer's order from the portal (`submitRetailerOrder`, with the retailer's count of
 * awaiting orders moved in the same write; the rules refuse the 21st awaiting order). Apart from
 * src/data/portal.ts so that it loads with Place order, not with Home.
 */
import { ref, update } from 'firebase/database';
import { submitRetailerOrder } from '../domain/placement.ts';
import { MAX_AWAITING } from '../domain/portal.ts';
import { parsePortalOrder, problemText, type PortalOrderInput } from '../domain/portalOrder.ts';
import { SERVER_TIMESTAMP } from '../domain/patch.ts';
import type { OrderId, PartyId, Product, Uid } from '../domain/types.ts';
import { ActionError, isDenied, toActionError } from './actionError.ts';
import { db } from './firebase.ts';
import { newPushId } from './orderStore.ts';

/**
 * Sends the retailer's order: checked first (each problem names its field), then written with the
 * retailer's count of awaiting orders in one update. The party comes from the user record.
 */
export async function sendPortalOrder(who: { uid: Uid; partyId: PartyId }, input: PortalOrderInput, catalog: Readonly<Record<string, Product>>, awaiting: number | null): Promise<OrderId> {
  const r = parsePortalOrder(input, catalog);
  if (!r.ok) throw new ActionError(problemText(r.errors).join('\n'), r.errors[0]?.field ?? null, 'invalid');
  if (awaiting !== null && awaiting >= MAX_AWAITING) throw new ActionError(`You already have ${awaiting} orders waiting for approval, the most allowed. Wait for your distributor to decide on some.`, null, 'denied');
  const id = newPushId() as OrderId;
  const { patch } = submitRetailerOrder(id, r.value, who, SERVER_TIMESTAMP);
  try {
    await update(ref(db), patch);
  } catch (e) {
    if (isDenied(e)) {
      throw new ActionError(
        `The database refused the order. Either ${MAX_AWAITING} of your orders are already waiting for approval, a product was removed from the catalogue meanwhile, or your account was changed. Check Your orders and the cart.`,
        null,
        'denied',
      );
    }
    throw toActionError(e);
  }
  return id;
}
