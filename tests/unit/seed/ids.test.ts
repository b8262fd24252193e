import { describe, expect, it } from 'vitest';
import { PushIds } from '../../../server/seed/pushIds.ts';
import { Random } from '../../../server/seed/random.ts';

describe('seeded randomness and push ids', () => {
  it('repeats exactly for one seed and differs for another', () => {
    const draw = (seed: number) => {
      const r = new Random(seed);
      return Array.from({ length: 50 }, () => r.uint32());
    };
    expect(draw(7)).toEqual(draw(7));
    expect(draw(7)).not.toEqual(draw(8));
  });

  it('makes Firebase-shaped push ids that sort in the order they were made', () => {
    const ids = new PushIds(new Random(1));
    const made = [ids.next(1_700_000_000_000), ids.next(1_700_000_000_000), ids.next(1_700_000_000_001), ids.next(1_800_000_000_000)];
    expect(made.every((id) => /^[-0-9A-Za-z_]{20}$/.test(id))).toBe(true);
    expect(new Set(made).size).toBe(made.length);
    expect([...made].sort()).toEqual(made);
    expect(() => ids.next(1_700_000_000_000)).toThrow(/before/);
  });
});
