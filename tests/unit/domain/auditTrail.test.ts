import { describe, expect, it } from 'vitest';
import { ACTION_LABELS, historySteps } from '../../../src/domain/auditTrail.ts';
import type { AuditEntry, Line, OrderId, ProductId, Uid } from '../../../src/domain/types.ts';

const entry = (action: AuditEntry['action'], rev: number, at: number, extra: Partial<AuditEntry> = {}): AuditEntry => ({ action, orderId: 'o1' as OrderId, actor: 'u1' as Uid, at, rev, ...extra });
const line = (qty: number): Line => ({ productId: 'p1' as ProductId, color: 'BLACK', size: 'M', qty });

describe('historySteps', () => {
  it('orders steps by revision whatever the key order, labels them and counts the pieces moved', () => {
    const steps = historySteps(
      new Map([
        ['z', entry('place', 1, 100, { lines: [line(3), line(2)], detail: 'K7' })],
        ['a', entry('delete', 3, 300, { lines: [line(1)], detail: 'Party cancelled', actor: 'u2' as Uid })],
        ['m', entry('remarks', 2, 200)],
      ]),
    );
    expect(steps.map((s) => [s.key, s.rev, s.label, s.pieces, s.detail, s.actor])).toEqual([
      ['z', 1, 'Placed', 5, 'K7', 'u1'],
      ['m', 2, 'Remarks', null, null, 'u1'],
      ['a', 3, 'Deleted', 1, 'Party cancelled', 'u2'],
    ]);
  });

  it('has a label for every audit action', () => {
    expect(Object.keys(ACTION_LABELS).sort()).toEqual(['approve', 'archive', 'bill', 'delete', 'delivery', 'expire', 'pick', 'place', 'purge', 'reject', 'remarks', 'revert', 'sendToBilling']);
    for (const label of Object.values(ACTION_LABELS)) expect(label.length).toBeGreaterThan(0);
  });

  it('shows a delivery change as the status, not the billing event id', () => {
    const steps = historySteps(
      new Map([
        ['a', entry('delivery', 4, 400, { detail: '-Nabc: delivered' })],
        ['b', entry('delivery', 5, 500, { detail: '-Nabc: undelivered' })],
      ]),
    );
    expect(steps.map((s) => s.detail)).toEqual(['marked delivered', 'marked not delivered']);
  });

  it('is empty for no entries', () => {
    expect(historySteps(new Map())).toEqual([]);
  });
});
