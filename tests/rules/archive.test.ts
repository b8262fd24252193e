/**
 * The archive move in database.rules.json: an old sent record leaves `sent` only into
 * `sentArchive`, whole and unchanged, with the order's revision bump and its `archive` audit
 * entry, once the server's clock says it is old enough. Each attack starts from the patch the
 * domain builds and changes one thing; each block also shows the untampered patch is accepted.
 */
import { beforeEach, describe, expect, it } from 'vitest';
import { archiveSent } from '../../src/domain/archive.ts';
import { lineKey } from '../../src/domain/lines.ts';
import { DAY_MS, stamp, type Patch } from '../../src/domain/patch.ts';
import { parse } from '../../src/domain/schema.ts';
import type { SentId, SentRecord, Uid } from '../../src/domain/types.ts';
import { sentSchema } from '../../src/domain/validate.ts';
import { readState } from '../unit/domain/support/readBack.ts';
import type { RulesDb } from '../unit/domain/support/rulesDb.ts';
import { verdicts } from './verdicts.ts';
import { buildSeed, ctx, L, O, sentIdOf, UID } from './seed.ts';

let db: RulesDb;
let sentId: SentId;
const T1 = lineKey(L('BLACK', 'T1', 1));
const T2 = lineKey(L('BLACK', 'T2', 1));
/** A year and a day after the seed billed o2: due under the default of 365 days. */
const LATER = 366 * DAY_MS;

beforeEach(() => {
  db = buildSeed().db;
  sentId = sentIdOf(db);
  db.clock += LATER;
});

function sentRecord(): SentRecord {
  const r = parse(sentSchema, db.get(`sent/${sentId}`), 'sent');
  if (!r.ok) throw new Error('the seed sent record does not parse');
  return r.value;
}
/** The archive move as the domain builds it, by `actor`. */
function move(actor: Uid = UID.staff): Patch {
  const t = archiveSent(readState(db, O.o2), sentId, sentRecord(), db.clock, 365, ctx(actor));
  if (t === null) throw new Error('not due');
  return t.patch;
}
const archived = (patch: Patch): Record<string, unknown> => patch[`sentArchive/${sentId}`] as Record<string, unknown>;
/** `patch` without the paths `drop` picks. */
const without = (patch: Patch, drop: (path: string) => boolean): Patch => Object.fromEntries(Object.entries(patch).filter(([k]) => !drop(k)));

const { expectRefused, expectAccepted } = verdicts(() => db);

describe('moving an old sent record to the archive', () => {
  it('the domain move is accepted, by staff and by an admin: the record is in the archive, unchanged, and gone from sent; the tally is as it was', () => {
    const stored = db.get(`sent/${sentId}`);
    const tally = db.get(`orderTally/${O.o2}`);
    expectAccepted(move(UID.admin), UID.admin);
    expect(db.update(move(), UID.staff)).toEqual({ ok: true });
    expect(db.get(`sentArchive/${sentId}`)).toEqual(stored);
    expect(db.get(`sent/${sentId}`)).toBeNull();
    expect(db.get(`orderTally/${O.o2}`)).toEqual(tally);
    const auditId = db.get(`orderAudit/${O.o2}`) as string;
    expect(db.get(`audit/${auditId}`)).toMatchObject({ action: 'archive', detail: sentId, orderId: O.o2 });
  });

  it('honours settings/archiveAfterDays by the server clock', () => {
    db.ownerUpdate({ 'settings/archiveAfterDays': 400 });
    expectRefused(move());
    db.clock += 40 * DAY_MS;
    expectAccepted(move());
  });

  it('is refused before the record is old enough by the server clock, whatever clock the device used', () => {
    db.clock -= 2 * DAY_MS;
    // The device thinks it is a year and a day later.
    const t = archiveSent(readState(db, O.o2), sentId, sentRecord(), db.clock + 2 * DAY_MS, 365, ctx());
    expectRefused(t!.patch);
  });

  it.each<[string, (a: Record<string, unknown>) => void]>([
    ['the party', (a) => void (a['partyId'] = 'party-b')],
    ['the billing time', (a) => void (a['billedAt'] = (a['billedAt'] as number) - 1)],
    ['the delivery status', (a) => void (a['deliveryStatus'] = 'delivered')],
    ['the remarks', (a) => void (a['remarks'] = 'changed')],
    ['the number', (a) => void (a['number'] = 'K99')],
    ['a billed quantity', (a) => void ((a['lines'] as Record<string, { qty: number }>)[T1]!.qty = 2)],
    ['the colour of a billed line', (a) => void ((a['lines'] as Record<string, { color: string }>)[T1]!.color = 'SKIN')],
    ['the size of a billed line', (a) => void ((a['lines'] as Record<string, { size: string }>)[T1]!.size = 'T2')],
    ['the product of a billed line', (a) => void ((a['lines'] as Record<string, { productId: string }>)[T1]!.productId = 'p2')],
    ['the product of an ordered line', (a) => void ((a['ordered'] as Record<string, { productId: string }>)[T1]!.productId = 'p2')],
    ['an ordered quantity', (a) => void ((a['ordered'] as Record<string, { qty: number }>)[T2]!.qty = 5)],
    ['a line left out', (a) => void delete (a['ordered'] as Record<string, unknown>)[T2]],
    ['a line added', (a) => void ((a['lines'] as Record<string, unknown>)[T2] = L('BLACK', 'T2', 4))],
    ['an extra field', (a) => void (a['extra'] = 'x')],
  ])('is refused when the archive differs in %s', (_what, change) => {
    const patch = structuredClone(move());
    change(archived(patch));
    expectRefused(patch);
  });

  it('is refused when the record is archived but not removed from sent, whole or in part', () => {
    const patch = move();
    expectRefused(without(patch, (k) => k.startsWith('sent/')));
    expectRefused(without(patch, (k) => k === `sent/${sentId}/lines/${T1}`));
    expectRefused(without(patch, (k) => k === `sent/${sentId}/remarks`));
  });

  it('is refused when the record is removed without the archive, or removed whole at once', () => {
    const patch = move();
    expectRefused(without(patch, (k) => k.startsWith('sentArchive/')));
    expectRefused({ ...without(patch, (k) => k.startsWith('sent/')), [`sent/${sentId}`]: null });
  });

  it('is refused without the revision bump or without the archive audit entry', () => {
    const patch = move();
    expectRefused(without(patch, (k) => k.startsWith('orderRev/') || k.startsWith('orderAudit/') || k.startsWith('audit/')));
    const other = stamp(readState(db, O.o2), 'delivery', ctx(), { detail: `${sentId}: delivered` }).patch;
    expectRefused({ ...without(patch, (k) => k.startsWith('orderRev/') || k.startsWith('orderAudit/') || k.startsWith('audit/')), ...other });
    const wrongDetail = stamp(readState(db, O.o2), 'archive', ctx(), { detail: 'another-sent' }).patch;
    expectRefused({ ...without(patch, (k) => k.startsWith('orderRev/') || k.startsWith('orderAudit/') || k.startsWith('audit/')), ...wrongDetail });
  });

  it('is refused with the revision of another order', () => {
    const patch = move();
    const other = stamp(readState(db, O.o1), 'archive', ctx(), { detail: sentId }).patch;
    expectRefused({ ...without(patch, (k) => k.startsWith('orderRev/') || k.startsWith('orderAudit/') || k.startsWith('audit/')), ...other });
  });

  it.each([['a retailer', UID.retailerA], ['a new sign-up', 'u-new' as Uid], ['pending staff', UID.pending], ['removed staff', UID.removed]] as const)('is refused for %s', (_who, uid) => {
    expectRefused(move(uid), uid);
  });

  it('an archive entry cannot ride on another change', () => {
    const entry = stamp(readState(db, O.o1), 'archive', ctx(), { detail: sentId }).patch;
    expectRefused({ ...entry, [`orders/${O.o1}/picked/${T1}`]: L('BLACK', 'T1', 1) });
  });
});

describe('a sent record outside the archive move', () => {
  const bump = (uid: Uid = UID.staff): Patch => stamp(readState(db, O.o2), 'delivery', ctx(uid), { detail: `${sentId}: delivered` }).patch;

  it.each([
    ['a billed line', () => `lines/${T1}`],
    ['an ordered line', () => `ordered/${T1}`],
    ['its remarks', () => 'remarks'],
    ['its delivery status', () => 'deliveryStatus'],
  ])('loses no piece, %s, even with a revision bump, by staff or an admin', (_what, rel) => {
    for (const uid of [UID.staff, UID.admin]) expectRefused({ ...bump(uid), [`sent/${sentId}/${rel()}`]: null }, uid);
  });

  it('changes no billed quantity and no remarks, and its delivery status only with a revision bump', () => {
    expectRefused({ ...bump(), [`sent/${sentId}/lines/${T1}/qty`]: 1 });
    expectRefused({ ...bump(), [`sent/${sentId}/remarks`]: 'changed' });
    expectRefused({ [`sent/${sentId}/deliveryStatus`]: 'delivered' });
    expectAccepted({ ...bump(), [`sent/${sentId}/deliveryStatus`]: 'delivered' });
  });
});

describe('an archived record', () => {
  beforeEach(() => {
    expect(db.update(move(), UID.staff)).toEqual({ ok: true });
  });

  const bump = (): Patch => stamp(readState(db, O.o2), 'delivery', ctx(), { detail: `${sentId}: delivered` }).patch;

  it('is never changed, field by field or whole, even by an admin with a revision bump', () => {
    for (const uid of [UID.staff, UID.admin]) {
      expectRefused({ ...bump(), [`sentArchive/${sentId}/deliveryStatus`]: 'delivered' }, uid);
      expectRefused({ ...bump(), [`sentArchive/${sentId}/lines/${T1}/qty`]: 2 }, uid);
      expectRefused({ ...bump(), [`sentArchive/${sentId}`]: { ...(db.get(`sentArchive/${sentId}`) as object), remarks: 'x' } }, uid);
    }
  });

  it('is never removed, or moved back to sent', () => {
    expectRefused({ ...bump(), [`sentArchive/${sentId}`]: null }, UID.admin);
    expectRefused({ ...bump(), [`sentArchive/${sentId}/remarks`]: null }, UID.admin);
    expectRefused({ ...bump(), [`sent/${sentId}`]: db.get(`sentArchive/${sentId}`) }, UID.admin);
  });

  it('is not archived again (the domain finds nothing and a replayed move is refused)', () => {
    expect(db.get(`sent/${sentId}`)).toBeNull();
    const stored = db.get(`sentArchive/${sentId}`) as Record<string, unknown>;
    const t = stamp(readState(db, O.o2), 'archive', ctx(), { detail: sentId }).patch;
    expectRefused({ ...t, [`sentArchive/${sentId}`]: stored });
  });
});

describe('settings/archiveAfterDays', () => {
  it.each([30, 365, 3650])('an admin may set %s days', (days) => {
    expectAccepted({ 'settings/archiveAfterDays': days }, UID.admin);
  });
  it.each([29, 3651, 100.5, '365'])('an admin may not set %s', (days) => {
    expectRefused({ 'settings/archiveAfterDays': days }, UID.admin);
  });
  it('staff may not set it', () => {
    expectRefused({ 'settings/archiveAfterDays': 30 }, UID.staff);
  });
});
