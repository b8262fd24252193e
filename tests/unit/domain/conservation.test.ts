import { describe, expect, it } from 'vitest';
import { checkConservation, checkStock, stockFromLedger, stockTotals, type OrderRecords } from '../../../src/domain/conservation.ts';
import { lineKey } from '../../../src/domain/lines.ts';
import type { TallyLine } from '../../../src/domain/orderRecords.ts';
import type { LedgerEntry, OrderId, SentRecord, SkuId, Uid } from '../../../src/domain/types.ts';
import { L, ORDER, P1, PARTY, STAFF } from './support/fixtures.ts';

const b = (q: number) => L(P1, 'BLACK', 'T2', q);
const s = (q: number) => L(P1, 'SKIN', 'T1', q);
const base = { number: 'K1', partyId: PARTY, partyName: 'A', note: '', source: 'staff' as const, createdAt: 1, createdBy: STAFF, ordered: [b(5), s(2)] };
const sentOf = (lines: ReturnType<typeof b>[], orderId: OrderId = ORDER): SentRecord => ({ ...base, lines, orderId, billedAt: 2, billedBy: STAFF, remarks: '', deliveryStatus: 'undelivered' });
const billing = { ...base, lines: [b(2)], remarks: '', queuedAt: 1, queuedBy: STAFF };
const sound: OrderRecords = {
  pending: { ...base, lines: [b(1)] },
  billing,
  deleted: { ...base, lines: [s(2)], reason: 'x', deletedAt: 1, deletedBy: STAFF, from: 'pending' },
  sent: [sentOf([b(1)]), sentOf([b(1)])],
};
const kb = lineKey(b(1));
/** The order's tally: b sent `sent` (rest pending/billing), s deleted then `purged` (0 or 2). */
const tallyOf = ({ sent, purged }: { sent: number; purged: number }): TallyLine[] => [
  { productId: P1, color: 'BLACK', size: 'T2', ordered: 5, sent, purged: 0 },
  { productId: P1, color: 'SKIN', size: 'T1', ordered: 2, sent: 0, purged },
];
const ks = lineKey(s(1));

describe('checkConservation', () => {
  it.each<[string, OrderRecords, { line?: SkuId; message: string }[]]>([
    ['a sound order', sound, []],
    ['a lost quantity', { ...sound, sent: [sentOf([b(1)])] }, [{ line: kb, message: 'ordered 5 but the collections hold 4' }]],
    ['a created quantity', { ...sound, pending: { ...base, lines: [b(2)] } }, [{ line: kb, message: 'ordered 5 but the collections hold 6' }]],
    ['a line never ordered', { ...sound, sent: [...sound.sent, sentOf([L(P1, 'BLACK', 'T9', 1)])] }, [{ line: lineKey(L(P1, 'BLACK', 'T9', 1)), message: 'holds 1 of a line never ordered' }]],
    ['a zombie record', { ...sound, expired: { ...base, lines: [], expiredAt: 1, expiresAt: 1 } }, [{ message: 'expired is empty (should have been removed)' }]],
    ['a negative quantity', { ...sound, pending: { ...base, lines: [b(2), s(-1)] }, deleted: { ...base, lines: [s(3)], reason: 'x', deletedAt: 1, deletedBy: STAFF, from: 'pending' } }, [
      { line: ks, message: 'orders has quantity -1' },
      { line: kb, message: 'ordered 5 but the collections hold 6' },
    ]],
    ['records that disagree on ordered', { ...sound, billing: { ...billing, ordered: [b(5)] } }, [{ message: 'billing.ordered differs from the other records' }]],
    ['a sent record of another order', { ...sound, sent: [sentOf([b(1)]), sentOf([b(1)], 'other' as OrderId)] }, [{ message: 'sent[1] belongs to other' }]],
    ['no records', { sent: [] }, [{ message: 'has no records' }]],
    ['the deleted part purged, its lines counted in the tally', { ...sound, deleted: undefined, tally: tallyOf({ sent: 2, purged: 2 }) }, []],
    ['a sound order with its tally', { ...sound, tally: tallyOf({ sent: 2, purged: 0 }) }, []],
    ['a tally whose sent total differs from the sent records', { ...sound, tally: tallyOf({ sent: 3, purged: 0 }) }, [
      { line: kb, message: 'the tally says 3 sent but the sent records hold 2' },
    ]],
    ['records whose ordered differs from the tally', { ...sound, tally: tallyOf({ sent: 2, purged: 0 }).map((l) => ({ ...l, ordered: l.ordered + 1 })) }, [
      { message: 'orders.ordered differs from the tally' },
      { message: 'billing.ordered differs from the tally' },
      { message: 'deleted.ordered differs from the tally' },
      { message: 'sent[0].ordered differs from the tally' },
      { message: 'sent[1].ordered differs from the tally' },
      { line: kb, message: 'ordered 6 but the collections hold 5' },
      { line: ks, message: 'ordered 3 but the collections hold 2' },
    ]],
    ['every piece purged: the tally alone accounts for the order', { sent: [], tally: [{ ...tallyOf({ sent: 0, purged: 0 })[0]!, purged: 5 }] }, []],
    ['every record gone but the tally short', { sent: [], tally: [{ ...tallyOf({ sent: 0, purged: 0 })[0]!, purged: 4 }] }, [
      { line: kb, message: 'ordered 5 but the collections hold 4' },
    ]],
    ['the deleted part purged and not accounted for', { ...sound, deleted: undefined }, [{ line: ks, message: 'ordered 2 but the collections hold 0' }]],
  ])('%s', (_n, records, expected) => {
    expect(checkConservation(ORDER, records)).toEqual(expected.map((v) => ({ subject: `order ${ORDER}`, ...v })));
  });
});

describe('stock laws', () => {
  const entry = (e: Partial<LedgerEntry>): LedgerEntry => ({ skuId: kb, reason: 'import', before: 0, delta: 0, actor: 'u' as Uid, at: 1, ...e });
  const ledger = [
    entry({ delta: 10 }),
    entry({ reason: 'bill', before: 10, delta: -4, billed: 4, shortfall: 0 }),
    entry({ reason: 'adjust', before: 6, delta: -5 }),
    entry({ reason: 'bill', before: 1, delta: -1, billed: 3, shortfall: 2 }),
  ];

  it('sums the ledger: stock = set − billed + shortfall', () => {
    expect(stockFromLedger(ledger).get(kb)).toBe(0);
    expect(stockTotals(ledger).get(kb)).toEqual({ set: 5, billed: 7, shortfall: 2 });
    expect(checkStock({ [kb]: 0 }, ledger, [sentOf([b(4)]), sentOf([b(3)])])).toEqual([]);
  });

  it.each<[string, Partial<Record<SkuId, number>>, LedgerEntry[], SentRecord[] | undefined, string[]]>([
    ['stock off the ledger', { [kb]: 1 }, ledger, undefined, ['qty 1 but the ledger sums to 0']],
    ['negative stock', { [kb]: -1 }, [...ledger, entry({ before: 0, delta: -1 })], undefined, ['qty -1 is not a whole number ≥ 0', 'takes stock below 0']],
    ['a bill whose delta ignores the shortfall', { [kb]: 0 }, [entry({ delta: 1 }), entry({ reason: 'bill', before: 1, delta: -1, billed: 3, shortfall: 0 })], undefined, ['delta is not −(billed − shortfall)']],
    ['billed in sent but not in the ledger', { [kb]: 0 }, ledger, [sentOf([b(4)])], ['sent records bill 4 but the ledger 7']],
  ])('%s', (_n, stock, entries, sent, messages) => {
    expect(checkStock(stock, entries, sent).map((v) => v.message)).toEqual(messages);
  });
});
