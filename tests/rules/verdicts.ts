/**
 * The two checks every rules test file makes of a patch against its seeded RulesDb: refused with
 * nothing written, or accepted (on a copy, so the test's database stays as it was).
 */
import { expect } from 'vitest';
import type { Patch } from '../../src/domain/patch.ts';
import type { Uid } from '../../src/domain/types.ts';
import { RulesDb } from '../unit/domain/support/rulesDb.ts';
import { UID } from './seed.ts';

/** The checks against the database `current()` returns (files re-seed it before each test). */
export function verdicts(current: () => RulesDb): { expectRefused(patch: Patch, uid?: Uid): void; expectAccepted(patch: Patch, uid?: Uid): void } {
  return {
    expectRefused(patch, uid = UID.staff) {
      const db = current();
      const before = structuredClone(db.data);
      expect(db.update(patch, uid)).toMatchObject({ ok: false });
      expect(db.data).toEqual(before);
    },
    expectAccepted(patch, uid = UID.staff) {
      const db = current();
      const copy = new RulesDb(db.clock);
      copy.data = structuredClone(db.data);
      expect(copy.update(patch, uid)).toEqual({ ok: true });
    },
  };
}
