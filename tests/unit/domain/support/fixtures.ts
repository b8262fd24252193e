/** Shared test data: a small catalogue, parties, ids and a deterministic transition context. */
import { SERVER_TIMESTAMP, type TransitionCtx } from '../../../../src/domain/patch.ts';
import type { Line, OrderId, Party, PartyId, Product, ProductId, Time, Uid } from '../../../../src/domain/types.ts';

export const STAFF = 'staff-1' as Uid;
export const P1 = 'p1' as ProductId;
export const P2 = 'p2' as ProductId;
export const PARTY = 'party-1' as PartyId;
export const ORDER = 'order-1' as OrderId;

export const catalog: Record<string, Product> = {
  p1: {
    name: 'Classic Brief',
    sizes: ['T1', 'T2', 'T3'],
    colors: [
      { code: 'BLACK', name: 'Black', swatch: '#000000', mrp: [{ size: 'T1', paise: 29900 }] },
      { code: 'SKIN', name: 'Skin', swatch: '#e8c4a0' },
    ],
    active: true,
  },
  p2: { name: 'Sports Vest', sizes: ['S', 'M', 'L/XL'], colors: [{ code: 'GR.W', name: 'Grey/White', swatch: '#888 #fff' }], active: true },
  old: { name: 'Retired', sizes: ['T1'], colors: [{ code: 'BLACK', name: 'Black', swatch: '#000' }], active: false },
};

export const parties: Record<string, Party> = { 'party-1': { name: 'Retail Partner A', area: 'Panjim' } };

/** A line of the test catalogue. */
export const L = (productId: ProductId, color: string, size: string, qty: number): Line => ({ productId, color, size, qty });

/** A context whose ids are id-1, id-2, … and whose time is `now`. */
export function ctxAt(now: Time = SERVER_TIMESTAMP, actor: Uid = STAFF, prefix = 'id'): TransitionCtx & { ids: string[] } {
  const ids: string[] = [];
  return {
    now,
    actor,
    ids,
    newId: () => {
      const id = `${prefix}-${ids.length + 1}`;
      ids.push(id);
      return id;
    },
  };
}
