import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { assertFails, assertSucceeds, initializeTestEnvironment, type RulesTestEnvironment } from '@firebase/rules-unit-testing';
import { TestDb } from '../support/dbHarness.ts';

// Comments are allowed in rules text, as in Firebase.
const RULES = `{
  // each user reads and writes only their own node
  "rules": {
    "users": {
      "$uid": {
        ".read": "auth != null && auth.uid === $uid",
        ".write": "auth != null && auth.uid === $uid",
        ".validate": "newData.hasChildren(['name']) && newData.child('name').isString() && newData.child('name').val().length <= 40"
      }
    },
    "public": { ".read": true, ".write": "auth.token.role === 'admin'" }
  }
}`;

describe("Firebase's @firebase/rules-unit-testing works unchanged against the server", () => {
  let db: TestDb;
  let env: RulesTestEnvironment;
  beforeAll(async () => {
    db = await new TestDb().start();
    env = await initializeTestEnvironment({ projectId: 'demo-rut', database: { host: '127.0.0.1', port: db.port, rules: RULES } });
  });
  afterAll(async () => {
    await env.cleanup();
    await db.close();
  });
  beforeEach(async () => env.clearDatabase());

  it('authenticatedContext / unauthenticatedContext with assertSucceeds and assertFails', async () => {
    const alice = env.authenticatedContext('alice').database();
    const bob = env.authenticatedContext('bob').database();
    const anon = env.unauthenticatedContext().database();
    await assertSucceeds(alice.ref('users/alice').set({ name: 'Alice' }));
    await assertSucceeds(alice.ref('users/alice').once('value'));
    await assertFails(bob.ref('users/alice').once('value'));
    await assertFails(bob.ref('users/alice').set({ name: 'Mallory' }));
    await assertFails(anon.ref('users/alice').once('value'));
    await assertFails(alice.ref('users/alice').set({ nick: 'no name' }));
    await assertFails(alice.ref('users/alice').set({ name: 'x'.repeat(41) }));
  });

  it('custom claims reach auth.token, and withSecurityRulesDisabled seeds data', async () => {
    await env.withSecurityRulesDisabled(async (ctx) => {
      await ctx.database().ref('users/bob').set({ name: 'Bob' });
    });
    const admin = env.authenticatedContext('root', { role: 'admin' }).database();
    const staff = env.authenticatedContext('s1', { role: 'staff' }).database();
    await assertSucceeds(admin.ref('public/notice').set('hello'));
    await assertFails(staff.ref('public/notice').set('spam'));
    const seen = await env.unauthenticatedContext().database().ref('public/notice').once('value');
    expect(seen.val()).toBe('hello');
    const bob = await env.authenticatedContext('bob').database().ref('users/bob').once('value');
    expect(bob.val()).toEqual({ name: 'Bob' });
  });

  it('clearDatabase empties the namespace', async () => {
    await env.withSecurityRulesDisabled(async (ctx) => {
      await ctx.database().ref('public/x').set(1);
    });
    await env.clearDatabase();
    const res = await db.rest('GET', '/.json', undefined, { ns: 'demo-rut' });
    expect(res.json).toBeNull();
  });
});
