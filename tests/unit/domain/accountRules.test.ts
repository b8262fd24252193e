/** database.rules.json on accounts: sign-up, admin user management, the first admin, presence. */
import { beforeEach, describe, expect, it } from 'vitest';
import { RulesDb } from './support/rulesDb.ts';

let db: RulesDb;
beforeEach(() => {
  db = new RulesDb();
  db.seed('users/staff-1', { name: 'S', email: 's@x.in', role: 'staff', status: 'active' });
  db.seed('users/admin-1', { name: 'A', email: 'a@x.in', role: 'admin', status: 'active' });
  db.seed('users/ret-1', { name: 'R', email: 'r@x.in', role: 'retailer', status: 'active', partyId: 'p0' });
  db.seed('users/pend-1', { name: 'P', email: 'p@x.in', role: 'staff', status: 'pending' });
  db.seed('parties/p0', { name: 'SHOP', area: 'GOA' });
});

const ok = { ok: true };
const refused = expect.objectContaining({ ok: false }) as unknown;
const newStaff = { name: 'Nina', email: 'nina@x.in', role: 'staff', status: 'pending' };
const nina = { email: 'nina@x.in' };

describe('staff sign-up', () => {
  it('lets a new user create only their own record, as pending staff, with their own email', () => {
    expect(db.update({ 'users/other': newStaff }, 'new-1', nina)).toEqual(refused);
    expect(db.update({ 'users/new-1': { ...newStaff, email: 'someone@x.in' } }, 'new-1', nina)).toEqual(refused);
    expect(db.update({ 'users/new-1': newStaff }, 'new-1', nina)).toEqual(ok);
    expect(db.get('users/new-1')).toEqual(newStaff);
  });

  it.each([
    ['an active status', { ...newStaff, status: 'active' }],
    ['the admin role', { ...newStaff, role: 'admin', status: 'active' }],
    ['the retailer role', { ...newStaff, role: 'retailer', partyId: 'p0' }],
    ['an empty name', { ...newStaff, name: '' }],
    ['a too long name', { ...newStaff, name: 'N'.repeat(81) }],
    ['a number as name', { ...newStaff, name: 5 }],
    ['an unknown field', { ...newStaff, note: 'x' }],
    ['a party', { ...newStaff, partyId: 'p0' }],
  ])('refuses a sign-up with %s', (_what, record) => {
    expect(db.update({ 'users/new-1': record }, 'new-1', nina)).toEqual(refused);
  });

  it('never lets a user change their record afterwards', () => {
    expect(db.update({ 'users/new-1': newStaff }, 'new-1', nina)).toEqual(ok);
    expect(db.update({ 'users/new-1/status': 'active' }, 'new-1', nina)).toEqual(refused);
    expect(db.update({ 'users/new-1/name': 'Other' }, 'new-1', nina)).toEqual(refused);
    expect(db.update({ 'users/new-1': newStaff }, 'new-1', nina)).toEqual(refused);
    expect(db.update({ 'users/new-1': null }, 'new-1', nina)).toEqual(refused);
    expect(db.update({ 'users/staff-1/role': 'admin' }, 'staff-1', { email: 's@x.in' })).toEqual(refused);
  });
});

describe('user management', () => {
  it('admins approve, reject and remove others; staff, retailers and pending users cannot', () => {
    for (const uid of ['staff-1', 'ret-1', 'pend-1']) expect(db.update({ 'users/pend-1/status': 'active' }, uid)).toEqual(refused);
    expect(db.update({ 'users/pend-1/status': 'active' }, 'admin-1')).toEqual(ok);
    expect(db.update({ 'users/staff-1/status': 'removed' }, 'admin-1')).toEqual(ok);
    expect(db.update({ 'users/pend-1/status': 'gone' }, 'admin-1')).toEqual(refused);
  });

  it('admins cannot change or remove their own record, nor delete any record', () => {
    expect(db.update({ 'users/admin-1/status': 'removed' }, 'admin-1')).toEqual(refused);
    expect(db.update({ 'users/admin-1/role': 'staff' }, 'admin-1')).toEqual(refused);
    expect(db.update({ 'users/staff-1': null }, 'admin-1')).toEqual(refused);
  });

  it('a removed admin can no longer manage users', () => {
    db.seed('users/admin-1/status', 'removed');
    expect(db.update({ 'users/pend-1/status': 'active' }, 'admin-1')).toEqual(refused);
  });

  it('admins create retailer accounts linked to an existing party only', () => {
    const retailer = { name: 'Shop', email: 'shop@x.in', role: 'retailer', status: 'active', partyId: 'p0' };
    expect(db.update({ 'users/ret-2': retailer }, 'admin-1')).toEqual(ok);
    expect(db.update({ 'users/ret-3': { ...retailer, partyId: 'nope' } }, 'admin-1')).toEqual(refused);
    expect(db.update({ 'users/ret-4': { ...retailer, partyId: undefined } }, 'admin-1')).toEqual(refused);
    expect(db.update({ 'users/ret-5': { ...retailer, role: 'staff' } }, 'admin-1')).toEqual(refused);
    expect(db.update({ 'users/ret-6': retailer }, 'staff-1')).toEqual(refused);
  });
});

describe('first admin', () => {
  const boss = { name: 'Boss', email: 'boss@x.in', role: 'admin', status: 'active' };
  const token = { email: 'boss@x.in' };

  it('is created together with meta/firstAdmin, once', () => {
    const fresh = new RulesDb();
    expect(fresh.update({ 'users/boss': boss }, 'boss', token)).toEqual(refused);
    expect(fresh.update({ 'meta/firstAdmin': 'boss' }, 'boss', token)).toEqual(refused);
    expect(fresh.update({ 'users/boss': boss, 'meta/firstAdmin': 'other' }, 'boss', token)).toEqual(refused);
    expect(fresh.update({ 'users/boss': boss, 'meta/firstAdmin': 'boss' }, 'boss', token)).toEqual(ok);
    expect(fresh.get('meta/firstAdmin')).toBe('boss');
    // A second claimant, even racing, finds meta/firstAdmin set.
    const rival = { ...boss, email: 'rival@x.in' };
    expect(fresh.update({ 'users/rival': rival, 'meta/firstAdmin': 'rival' }, 'rival', { email: 'rival@x.in' })).toEqual(refused);
    expect(fresh.update({ 'meta/firstAdmin': null }, 'boss', token)).toEqual(refused);
  });

  it('cannot be claimed with another email than the signed-in one', () => {
    const fresh = new RulesDb();
    expect(fresh.update({ 'users/boss': boss, 'meta/firstAdmin': 'boss' }, 'boss', { email: 'x@x.in' })).toEqual(refused);
  });
});

describe('presence', () => {
  const here = { online: true, lastSeen: 1_699_999_999_000 };

  it('a user writes only their own presence, with valid fields', () => {
    expect(db.update({ 'presence/staff-1': here }, 'staff-1')).toEqual(ok);
    expect(db.update({ 'presence/staff-1': { ...here, online: false } }, 'staff-1')).toEqual(ok);
    expect(db.update({ 'presence/admin-1': here }, 'staff-1')).toEqual(refused);
    expect(db.update({ 'presence/staff-1': { ...here, extra: 1 } }, 'staff-1')).toEqual(refused);
    expect(db.update({ 'presence/staff-1': { online: 'yes', lastSeen: 1 } }, 'staff-1')).toEqual(refused);
    expect(db.update({ 'presence/staff-1': { online: true, lastSeen: 1_800_000_000_000 } }, 'staff-1')).toEqual(refused);
    expect(db.update({ 'presence/staff-1': null }, 'staff-1')).toEqual(refused);
  });
});
