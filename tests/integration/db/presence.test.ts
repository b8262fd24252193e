import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { get, goOffline, onDisconnect, onValue, ref, set } from 'firebase/database';
import { OPEN_RULES, TestDb, until } from '../support/dbHarness.ts';

describe('onDisconnect and .info', () => {
  let db: TestDb;
  beforeEach(async () => {
    db = await new TestDb().start();
    await db.setRules(OPEN_RULES);
  });
  afterEach(async () => db.close());

  it('runs onDisconnect set, update and remove when the client goes away, and not cancelled ones', async () => {
    const a = db.client();
    const watcher = db.client();
    await set(ref(a, 'presence'), { u1: { online: true }, u2: 'here', u3: 'keep' });
    await onDisconnect(ref(a, 'presence/u1')).update({ online: false, lastSeen: { '.sv': 'timestamp' } });
    await onDisconnect(ref(a, 'presence/u2')).remove();
    await onDisconnect(ref(a, 'presence/flag')).set('gone');
    const cancelled = onDisconnect(ref(a, 'presence/u3'));
    await cancelled.set('should not happen');
    await cancelled.cancel();
    const seen: unknown[] = [];
    onValue(ref(watcher, 'presence'), (s) => seen.push(s.val()));
    goOffline(a);
    await until(() => JSON.stringify(seen.at(-1) ?? null).includes('gone'), 'onDisconnect ops');
    const v = (await get(ref(watcher, 'presence'))).val() as Record<string, unknown>;
    expect(v['u1']).toMatchObject({ online: false });
    expect(typeof (v['u1'] as { lastSeen: unknown }).lastSeen).toBe('number');
    expect(v['u2']).toBeUndefined();
    expect(v['u3']).toBe('keep');
    expect(v['flag']).toBe('gone');
  });

  it('reports .info/connected and .info/serverTimeOffset', async () => {
    const a = db.client();
    const states: boolean[] = [];
    onValue(ref(a, '.info/connected'), (s) => states.push(s.val() as boolean));
    await until(() => states.includes(true), 'connected');
    let offset: number | null = null;
    onValue(ref(a, '.info/serverTimeOffset'), (s) => (offset = s.val() as number));
    await until(() => offset !== null, 'offset');
    expect(Math.abs(offset as unknown as number)).toBeLessThan(1000);
    await db.restart(100);
    await until(() => states.lastIndexOf(false) > states.indexOf(true), 'disconnected state');
    await until(() => states.at(-1) === true, 'reconnected', 15000);
  });
});
