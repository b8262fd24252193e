import { beforeEach, describe, expect, it } from 'vitest';
import { DEFAULT_EXPIRY, deleteOrder, expireOrder, revertOrder } from '../../../src/domain/lifecycle.ts';
import { DAY_MS } from '../../../src/domain/patch.ts';
import { placeOrder } from '../../../src/domain/placement.ts';
import {
  daysLeft,
  dueForPurge,
  expiringSoon,
  parseExpiryPolicy,
  parseRetentionDays,
  purgeDeadline,
  purgeDeleted,
  purgeExpired,
  purgeIfDue,
  storedSettingsSchema,
  withDefaults,
} from '../../../src/domain/retention.ts';
import { parse } from '../../../src/domain/schema.ts';
import type { Uid } from '../../../src/domain/types.ts';
import { auditSchema } from '../../../src/domain/validate.ts';
import { ctxAt, L, ORDER, P1, PARTY, STAFF } from './support/fixtures.ts';
import { readState } from './support/readBack.ts';
import { RulesDb } from './support/rulesDb.ts';

const ADMIN = 'admin-1' as Uid;
const T0 = 1_700_000_000_000;

describe('retention arithmetic', () => {
  it('purge deadline, days left (rounded up, never negative) and what is due', () => {
    expect(purgeDeadline({ deletedAt: T0 }, 30)).toBe(T0 + 30 * DAY_MS);
    expect(daysLeft(T0 + 30 * DAY_MS, T0)).toBe(30);
    expect(daysLeft(T0 + 30 * DAY_MS, T0 + 29.5 * DAY_MS)).toBe(1);
    expect(daysLeft(T0, T0 + DAY_MS)).toBe(0);
    expect(dueForPurge({ a: { deletedAt: T0 }, b: { deletedAt: T0 + DAY_MS } }, T0 + 30 * DAY_MS, 30)).toEqual(['a']);
  });

  it('expiring soon: pending within 10 days of the deadline, not yet due', () => {
    const pending = { soon: { createdAt: T0 - 35 * DAY_MS }, later: { createdAt: T0 - 5 * DAY_MS }, due: { createdAt: T0 - 41 * DAY_MS }, extended: { createdAt: T0 - 60 * DAY_MS, expiresAt: T0 + 3 * DAY_MS } };
    expect(expiringSoon(pending, T0, DEFAULT_EXPIRY)).toEqual(['soon', 'extended']);
  });

  it('settings: defaults for what is absent; forms parse whole days in range', () => {
    expect(withDefaults(null)).toEqual({ expiry: { afterDays: 40, graceDays: 10 }, retentionDays: 30, archiveAfterDays: 365, deliveryPlan: {} });
    expect(withDefaults({ retentionDays: 7 }).retentionDays).toBe(7);
    expect(parse(storedSettingsSchema, { retentionDays: 0 }).ok).toBe(false);
    expect(parse(storedSettingsSchema, { expiry: { afterDays: 40 } }).ok).toBe(false);
    expect(parse(storedSettingsSchema, { colour: 'red' }).ok).toBe(false);
    expect(parseExpiryPolicy({ afterDays: ' 45 ', graceDays: '5' })).toEqual({ ok: true, value: { afterDays: 45, graceDays: 5 } });
    expect(parseExpiryPolicy({ afterDays: '4.5', graceDays: '5' }).ok).toBe(false);
    expect(parseRetentionDays('3651').ok).toBe(false);
    expect(parseRetentionDays('abc').ok).toBe(false);
  });
});

describe('purge transitions through the rules file', () => {
  let db: RulesDb;
  const write = (patch: Record<string, unknown>, uid: string = STAFF) => db.update(patch, uid);
  const rev = () => db.get(`orderRev/${ORDER}`);
  const input = { partyId: PARTY, partyName: 'Retail Partner A', note: '', lines: [L(P1, 'BLACK', 'T2', 5)] };

  beforeEach(() => {
    db = new RulesDb(T0);
    db.seed(`users/${STAFF}`, { name: 'S', email: 's@x.in', role: 'staff', status: 'active' });
    db.seed(`users/${ADMIN}`, { name: 'A', email: 'a@x.in', role: 'admin', status: 'active' });
    // Set-up as the owner: the tests below check what the rules allow.
    db.ownerUpdate(placeOrder(ORDER, input, 0, ctxAt(undefined, STAFF, 'p')).patch);
    db.ownerUpdate(deleteOrder(readState(db, ORDER), 'pending', 'Duplicate', ctxAt(undefined, STAFF, 'd')).patch);
  });

  it('staff may not purge a deleted order early; an admin may, with the revision and a purge audit entry', () => {
    const t = purgeDeleted(readState(db, ORDER), ctxAt(undefined, STAFF, 'x'));
    // The pieces would leave for good: only the tally's purged total can take them, and it refuses staff before retention.
    expect(write(t.patch)).toMatchObject({ ok: false, reason: expect.stringContaining('/orderTally/order-1/') as unknown });
    expect(db.get(`deleted/${ORDER}`)).not.toBeNull();
    const a = purgeDeleted(readState(db, ORDER), ctxAt(undefined, ADMIN, 'y'));
    expect(write(a.patch, ADMIN)).toEqual({ ok: true });
    expect(db.get(`deleted/${ORDER}`)).toBeNull();
    expect(rev()).toBe(3);
    const audit = parse(auditSchema, db.get('audit/y-1'));
    expect(audit).toMatchObject({ ok: true, value: { action: 'purge', actor: ADMIN, rev: 3, lines: [L(P1, 'BLACK', 'T2', 5)] } });
  });

  it('staff may revert (the record moves back to pending in the same update)', () => {
    expect(write(revertOrder(readState(db, ORDER), 'deleted', T0, DEFAULT_EXPIRY, ctxAt(undefined, STAFF, 'r')).patch)).toEqual({ ok: true });
    expect(db.get(`deleted/${ORDER}`)).toBeNull();
    expect(db.get(`orders/${ORDER}/expiresAt`)).toBe(T0 + 10 * DAY_MS);
  });

  it('the job purges after the retention period (any staff device), exactly once; not before', () => {
    expect(purgeIfDue(readState(db, ORDER), T0 + 29 * DAY_MS, 30, ctxAt())).toBeNull();
    db.clock = T0 + 30 * DAY_MS;
    const read = readState(db, ORDER);
    const a = purgeIfDue(read, db.clock, 30, ctxAt(undefined, STAFF, 'a'));
    const b = purgeIfDue(read, db.clock, 30, ctxAt(undefined, STAFF, 'b'));
    if (a === null || b === null) throw new Error('due');
    expect(write(a.patch)).toEqual({ ok: true });
    expect(write(b.patch).ok).toBe(false); // stale: the other device purged first
    expect(rev()).toBe(3);
    expect(purgeIfDue(readState(db, ORDER), db.clock, 30, ctxAt())).toBeNull();
  });

  it('a longer retention in settings makes the rules refuse the purge at 30 days', () => {
    expect(write({ 'settings/retentionDays': 60 }, ADMIN)).toEqual({ ok: true });
    db.clock = T0 + 30 * DAY_MS;
    expect(write(purgeDeleted(readState(db, ORDER), ctxAt(undefined, STAFF, 'q')).patch).ok).toBe(false);
    db.clock = T0 + 60 * DAY_MS;
    expect(write(purgeDeleted(readState(db, ORDER), ctxAt(undefined, STAFF, 'q')).patch)).toEqual({ ok: true });
  });

  it('expired: only an admin may delete permanently; staff may revert', () => {
    expect(write(revertOrder(readState(db, ORDER), 'deleted', T0, DEFAULT_EXPIRY, ctxAt(undefined, STAFF, 'r')).patch)).toEqual({ ok: true });
    const e = expireOrder(readState(db, ORDER), T0 + 11 * DAY_MS, DEFAULT_EXPIRY, ctxAt(undefined, STAFF, 'e'));
    if (e === null) throw new Error('due');
    // A device whose clock runs ahead cannot expire early: the rules use the server's clock.
    expect(write(e.patch).ok).toBe(false);
    db.clock = T0 + 11 * DAY_MS;
    expect(write(e.patch)).toEqual({ ok: true });
    expect(write(purgeExpired(readState(db, ORDER), ctxAt(undefined, STAFF, 'x')).patch).ok).toBe(false);
    expect(write(purgeExpired(readState(db, ORDER), ctxAt(undefined, ADMIN, 'y')).patch, ADMIN)).toEqual({ ok: true });
    expect(db.get(`expired/${ORDER}`)).toBeNull();
  });

  it('refuses to purge what is not there', () => {
    expect(() => purgeExpired(readState(db, ORDER), ctxAt())).toThrow(/expired\/order-1 does not exist/);
  });

  it('settings: staff read only, admin writes validated values', () => {
    expect(write({ 'settings/retentionDays': 10 }).ok).toBe(false);
    expect(write({ 'settings/expiry': { afterDays: 30, graceDays: 5 } }).ok).toBe(false);
    expect(write({ 'settings/expiry': { afterDays: 30, graceDays: 5 } }, ADMIN)).toEqual({ ok: true });
    expect(write({ 'settings/expiry': { afterDays: 30 } }, ADMIN).ok).toBe(false);
    expect(write({ 'settings/expiry': { afterDays: 30, graceDays: 5, extra: 1 } }, ADMIN).ok).toBe(false);
    expect(write({ 'settings/retentionDays': 1.5 }, ADMIN).ok).toBe(false);
    expect(write({ 'settings/deliveryPlan': { mon: ['Panjim', 'Mapusa'] } }, ADMIN)).toEqual({ ok: true });
    expect(write({ 'settings/deliveryPlan': { funday: ['Panjim'] } }, ADMIN).ok).toBe(false);
    expect(write({ 'settings/deliveryPlan': { mon: [''] } }, ADMIN).ok).toBe(false);
    expect(write({ 'settings/other': 1 }, ADMIN).ok).toBe(false);
    expect(db.get('settings')).toEqual({ expiry: { afterDays: 30, graceDays: 5 }, deliveryPlan: { mon: ['Panjim', 'Mapusa'] } });
  });
});
