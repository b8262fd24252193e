import { describe, expect, it } from 'vitest';
import type { Line, PartyId, ProductId, RetailerOrder, Uid } from '../../../src/domain/types.ts';
import { dispatchedByLine, timeline } from '../../../src/retailer/screens/orders/timeline.ts';

const line = (size: string, qty: number): Line => ({ productId: 'P1' as ProductId, color: 'RED', size, qty });
const base: RetailerOrder = { retailerUid: 'r1' as Uid, partyId: 'p1' as PartyId, note: '', lines: [line('M', 3), line('L', 2)], createdAt: 1000, status: 'submitted' };
const day = (at: number): string => `day${at}`;
const rows = (o: RetailerOrder) => timeline(o, day).map((s) => [s.key, s.state, s.label, s.at ?? null, s.detail ?? null]);

describe('the timeline of a retailer order', () => {
  it('waiting: sent, then everything to come', () => {
    expect(rows(base)).toEqual([
      ['sent', 'done', 'Sent', 1000, null],
      ['approved', 'todo', 'Waiting for approval', null, null],
      ['picking', 'todo', 'Picking', null, null],
      ['billing', 'todo', 'In billing', null, null],
      ['dispatched', 'todo', 'Dispatched', null, null],
      ['delivered', 'todo', 'Delivered', null, null],
    ]);
  });

  it('rejected: the reason and who, and nothing after', () => {
    expect(rows({ ...base, status: 'rejected', decidedAt: 2000, rejectReason: 'No stock', decidedByName: 'Ada' })).toEqual([
      ['sent', 'done', 'Sent', 1000, null],
      ['rejected', 'bad', 'Rejected', 2000, 'No stock · by Ada'],
    ]);
  });

  it('two partial dispatches, one delivered; the rest still open', () => {
    const o: RetailerOrder = {
      ...base,
      status: 'partlySent',
      orderNumber: 'K7',
      decidedAt: 2000,
      decidedByName: 'Ada',
      pickingAt: 3000,
      billingAt: 4000,
      dispatches: { s2: { at: 6000, lines: [line('L', 1)] }, s1: { at: 5000, lines: [line('M', 2), line('L', 1)], deliveredAt: 5500 } },
    };
    expect(rows(o)).toEqual([
      ['sent', 'done', 'Sent', 1000, null],
      ['approved', 'done', 'Approved as K7', 2000, 'by Ada'],
      ['picking', 'done', 'Picking', 3000, null],
      ['billing', 'done', 'In billing', 4000, null],
      ['dispatch-s1', 'done', 'Dispatched 3 pieces on day5000', 5000, 'delivered day5500'],
      ['dispatch-s2', 'done', 'Dispatched 1 piece on day6000', 6000, null],
      ['delivered', 'todo', 'Delivered', null, null],
    ]);
    expect([...dispatchedByLine(o)]).toEqual([
      ['P1~RED~M', 2],
      ['P1~RED~L', 2],
    ]);
  });

  it('all sent and every dispatch delivered: delivered at the last delivery', () => {
    const o: RetailerOrder = { ...base, status: 'sent', orderNumber: 'K7', decidedAt: 2000, dispatches: { s1: { at: 5000, lines: [line('M', 3), line('L', 2)], deliveredAt: 7000 } } };
    expect(rows(o).at(-1)).toEqual(['delivered', 'done', 'Delivered', 7000, null]);
    // An order approved before tracking: later steps reached mark the earlier ones done, without a time.
    expect(rows(o)[2]).toEqual(['picking', 'done', 'Picking', null, null]);
  });

  it('cancelled after a partial dispatch: the end, for the rest of the order', () => {
    const o: RetailerOrder = { ...base, status: 'sent', orderNumber: 'K7', dispatches: { s1: { at: 5000, lines: [line('M', 1)] } } };
    expect(rows({ ...o, status: 'cancelled', endedAt: 9000, dispatches: {} }).at(-1)).toEqual(['ended', 'bad', 'Cancelled', 9000, null]);
    expect(rows({ ...o, status: 'expired', endedAt: 9000 }).at(-1)).toEqual(['ended', 'bad', 'Expired', 9000, 'the rest of the order']);
  });
});
