/** Reorder: a past order's lines into the portal cart. */
import { addToCart } from '../../../domain/cart.ts';
import { reorderLines, type GoneLine } from '../../../domain/portal.ts';
import type { Line, Uid } from '../../../domain/types.ts';
import { catalogById } from '../../../data/portal.ts';
import { portalCart } from '../../../data/portalCart.ts';

/**
 * Adds the lines of a past order to `uid`'s cart (added to what is there), except lines whose
 * product left the catalogue or no longer comes in that colour or size: those are marked in the
 * cart (`gone`) for the retailer to see. Call it once the catalogue is loaded.
 */
export function reorder(uid: Uid, lines: readonly Line[]): { added: number; gone: GoneLine[] } {
  const cart = portalCart(uid);
  const r = reorderLines(lines, catalogById.peek());
  cart.lines.value = addToCart(cart.lines.peek(), r.lines);
  cart.gone.value = r.gone;
  return { added: r.lines.length, gone: r.gone };
}
