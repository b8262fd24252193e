/** The archive move of old sent records (src/domain/archive.ts): when it is due, and the patch it builds. */
import { describe, expect, it } from 'vitest';
import { archiveCandidateMax, archiveSent, dueForArchive } from '../../../src/domain/archive.ts';
import { DomainError } from '../../../src/domain/errors.ts';
import { lineKey } from '../../../src/domain/lines.ts';
import { storeRecord } from '../../../src/domain/orderRecords.ts';
import { DAY_MS } from '../../../src/domain/patch.ts';
import { archiveAfterDaysSchema, storedSettingsSchema, withDefaults } from '../../../src/domain/retention.ts';
import { parse } from '../../../src/domain/schema.ts';
import type { OrderId, OrderState, SentId, SentRecord } from '../../../src/domain/types.ts';
import { ctxAt, L, ORDER, P1, P2, PARTY, STAFF } from './support/fixtures.ts';

const BILLED = 1_700_000_000_000;
const SENT_ID = 'sent-1' as SentId;
const sent: SentRecord = {
  number: 'K7',
  partyId: PARTY,
  partyName: 'Retail Partner A',
  note: '',
  source: 'staff',
  createdAt: BILLED - DAY_MS,
  createdBy: STAFF,
  lines: [L(P1, 'BLACK', 'S', 2), L(P2, 'WHITE', 'M', 1)],
  ordered: [L(P1, 'BLACK', 'S', 3), L(P2, 'WHITE', 'M', 1)],
  orderId: ORDER,
  billedAt: BILLED,
  billedBy: STAFF,
  remarks: 'urgent',
  deliveryStatus: 'delivered',
};
const state: OrderState = { id: ORDER, rev: 4 };

describe('archiveSent', () => {
  it.each<[string, number, number, boolean]>([
    ['billed a day short of the age', BILLED + 364 * DAY_MS, 365, false],
    ['billed a millisecond short', BILLED + 365 * DAY_MS - 1, 365, false],
    ['billed exactly the age ago', BILLED + 365 * DAY_MS, 365, true],
    ['billed long ago', BILLED + 1000 * DAY_MS, 365, true],
    ['a shorter age set', BILLED + 30 * DAY_MS, 30, true],
    ['a longer age set', BILLED + 400 * DAY_MS, 730, false],
  ])('%s: due = %s', (_what, clock, days, isDue) => {
    const t = archiveSent(state, SENT_ID, sent, clock, days, ctxAt(clock));
    expect(t !== null).toBe(isDue);
    expect(dueForArchive({ [SENT_ID]: sent }, clock, days)).toEqual(isDue ? [SENT_ID] : []);
  });

  it('removes the record field by field and line by line, writes it unchanged to the archive, bumps the revision and writes an archive entry', () => {
    const clock = BILLED + 400 * DAY_MS;
    const t = archiveSent(state, SENT_ID, sent, clock, 365, ctxAt(clock, STAFF, 'a'));
    expect(t).not.toBeNull();
    const patch = t!.patch;
    const k1 = lineKey(sent.lines[0]!);
    const k2 = lineKey(sent.lines[1]!);
    expect(patch[`sentArchive/${SENT_ID}`]).toEqual(storeRecord(sent));
    const removed = Object.keys(patch).filter((p) => p.startsWith('sent/'));
    expect(removed.sort()).toEqual(
      [
        ...['number', 'partyId', 'partyName', 'note', 'source', 'createdAt', 'createdBy', 'orderId', 'billedAt', 'billedBy', 'remarks', 'deliveryStatus'].map((f) => `sent/${SENT_ID}/${f}`),
        `sent/${SENT_ID}/lines/${k1}`,
        `sent/${SENT_ID}/lines/${k2}`,
        `sent/${SENT_ID}/ordered/${k1}`,
        `sent/${SENT_ID}/ordered/${k2}`,
      ].sort(),
    );
    for (const p of removed) expect(patch[p]).toBeNull();
    expect(t!.rev).toBe(5);
    expect(patch[`orderRev/${ORDER}`]).toBe(5);
    const auditId = patch[`orderAudit/${ORDER}`] as string;
    expect(patch[`audit/${auditId}`]).toEqual({ action: 'archive', orderId: ORDER, actor: STAFF, at: clock, rev: 5, detail: SENT_ID });
    // The tally and the order's records are not touched: the pieces stay sent.
    expect(Object.keys(patch).filter((p) => !/^(sent|sentArchive|orderRev|orderAudit|audit)\//.test(p))).toEqual([]);
  });

  it('is idempotent: once moved, the job no longer finds the record, and an early run builds nothing', () => {
    expect(dueForArchive({}, BILLED + 400 * DAY_MS, 365)).toEqual([]);
    expect(archiveSent(state, SENT_ID, sent, BILLED, 365, ctxAt(BILLED))).toBeNull();
    expect(archiveSent(state, SENT_ID, sent, BILLED, 365, ctxAt(BILLED))).toBeNull();
  });

  it('refuses a sent record of another order', () => {
    const other = { ...state, id: 'order-2' as OrderId };
    expect(() => archiveSent(other, SENT_ID, sent, BILLED + 400 * DAY_MS, 365, ctxAt())).toThrow(DomainError);
  });
});

describe('dueForArchive and the candidate bound', () => {
  it('lists only the records old enough, and the bound is clock − age', () => {
    const clock = BILLED + 365 * DAY_MS;
    const records = { a: { billedAt: BILLED }, b: { billedAt: BILLED + 1 }, c: { billedAt: BILLED - DAY_MS } };
    expect(dueForArchive(records, clock, 365).sort()).toEqual(['a', 'c']);
    expect(archiveCandidateMax(clock, 365)).toBe(BILLED);
  });
});

describe('settings/archiveAfterDays', () => {
  it.each<[unknown, boolean]>([
    [30, true],
    [365, true],
    [3650, true],
    [29, false],
    [3651, false],
    [100.5, false],
    ['365', false],
  ])('%s is valid: %s', (v, isValid) => {
    expect(parse(archiveAfterDaysSchema, v).ok).toBe(isValid);
    expect(parse(storedSettingsSchema, { archiveAfterDays: v }).ok).toBe(isValid);
  });

  it('defaults to 365 days when absent, and keeps a stored value', () => {
    expect(withDefaults(null).archiveAfterDays).toBe(365);
    expect(withDefaults({ archiveAfterDays: 90 }).archiveAfterDays).toBe(90);
  });
});
