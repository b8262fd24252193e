import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { get, increment, ref, set, update } from 'firebase/database';
import { OPEN_RULES, TestDb } from '../support/dbHarness.ts';

describe('no non-finite number reaches the tree: memory and disk always agree', () => {
  let db: TestDb;
  beforeEach(async () => {
    db = await new TestDb().start();
    await db.setRules(OPEN_RULES);
  });
  afterEach(async () => db.close());

  const stored = (path: string): unknown => {
    let node: unknown = db.server.database('test-ns').data;
    for (const k of path.split('/')) node = node === null || typeof node !== 'object' ? null : ((node as Record<string, unknown>)[k] ?? null);
    return node;
  };

  it('an increment that overflows is refused as invalid data, naming the path; the old value stays', async () => {
    const a = db.client();
    await set(ref(a, 'c/n'), Number.MAX_VALUE);
    await expect(set(ref(a, 'c/n'), increment(Number.MAX_VALUE))).rejects.toThrow(/invalid_data.*\/c\/n.*overflows/i);
    await expect(update(ref(a, 'c'), { n: increment(Number.MAX_VALUE), m: 1 })).rejects.toThrow(/invalid_data.*\/c\/n.*overflows/i);
    const rest = await db.rest('PUT', '/c/n.json', { '.sv': { increment: Number.MAX_VALUE } });
    expect(rest.status).toBe(400);
    expect(JSON.stringify(rest.json)).toContain('/c/n');
    expect(JSON.stringify(rest.json)).toMatch(/overflow/);
    const negative = await db.rest('PUT', '/c/neg.json', -Number.MAX_VALUE);
    expect(negative.status).toBe(200);
    expect((await db.rest('PATCH', '/c.json', { neg: { '.sv': { increment: -Number.MAX_VALUE } } })).status).toBe(400);
    expect(stored('c/n')).toBe(Number.MAX_VALUE);
    expect(stored('c/m')).toBeNull();
    expect((await get(ref(db.client(), 'c'))).val()).toEqual({ n: Number.MAX_VALUE, neg: -Number.MAX_VALUE });
    await db.restart();
    expect(stored('c/n')).toBe(Number.MAX_VALUE);
    expect(stored('c/neg')).toBe(-Number.MAX_VALUE);
  });

  it('increments below the limit still add in double precision', async () => {
    const a = db.client();
    await set(ref(a, 'd'), 0.1);
    await set(ref(a, 'd'), increment(0.2));
    expect(stored('d')).toBe(0.1 + 0.2);
    await set(ref(a, 'big'), Number.MAX_SAFE_INTEGER);
    await set(ref(a, 'big'), increment(2));
    expect(stored('big')).toBe(Number.MAX_SAFE_INTEGER + 2);
  });

  it('numbers too large for a double in a REST body (1e400) are refused, in values and priorities', async () => {
    for (const body of ['1e400', '{"a": -1e999}', '{"a": {".value": 1, ".priority": 1e400}}', '{"a": {".sv": {"increment": 1e400}}}']) {
      const res = await db.rest('PUT', '/e.json', body);
      expect(res.status, body).toBe(400);
    }
    expect((await db.rest('PUT', '/e/.priority.json', '1e400')).status).toBe(400);
    expect(stored('e')).toBeNull();
  });
});
