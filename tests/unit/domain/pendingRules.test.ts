import { beforeEach, describe, expect, it } from 'vitest';
import { SERVER_TIMESTAMP } from '../../../src/domain/patch.ts';
import { RulesDb } from './support/rulesDb.ts';

// orderExports/{orderId}: the ✓ on Pending.

let db: RulesDb;
beforeEach(() => {
  db = new RulesDb();
  db.seed('users/staff-1', { name: 'S', email: 's@x.in', role: 'staff', status: 'active' });
  db.seed('users/gone-1', { name: 'G', email: 'g@x.in', role: 'staff', status: 'removed' });
  db.seed('users/ret-1', { name: 'R', email: 'r@x.in', role: 'retailer', status: 'active', partyId: 'party-1' });
});

describe('orderExports rules', () => {
  it('lets active staff mark an order exported now, as themselves, and mark it again later', () => {
    expect(db.update({ 'orderExports/o1': { at: SERVER_TIMESTAMP, by: 'staff-1' } }, 'staff-1')).toEqual({ ok: true });
    expect(db.get('orderExports/o1')).toEqual({ at: db.clock, by: 'staff-1' });
    db.clock += 1000;
    expect(db.update({ 'orderExports/o1': { at: SERVER_TIMESTAMP, by: 'staff-1' } }, 'staff-1')).toEqual({ ok: true });
  });

  it.each([
    ['someone else as the exporter', { at: SERVER_TIMESTAMP, by: 'staff-2' }, 'staff-1'],
    ['a time that is not now', { at: 5, by: 'staff-1' }, 'staff-1'],
    ['a missing time', { by: 'staff-1' }, 'staff-1'],
    ['an unknown field', { at: SERVER_TIMESTAMP, by: 'staff-1', note: 'x' }, 'staff-1'],
    ['a retailer', { at: SERVER_TIMESTAMP, by: 'ret-1' }, 'ret-1'],
    ['a removed staff member', { at: SERVER_TIMESTAMP, by: 'gone-1' }, 'gone-1'],
  ])('refuses %s', (_what, value, uid) => {
    expect(db.update({ 'orderExports/o1': value }, uid)).toMatchObject({ ok: false });
    expect(db.get('orderExports/o1')).toBeNull();
  });

  it('refuses removing a mark', () => {
    db.seed('orderExports/o1', { at: 1, by: 'staff-1' });
    expect(db.update({ 'orderExports/o1': null }, 'staff-1')).toMatchObject({ ok: false });
  });
});
