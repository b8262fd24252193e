import { afterEach, beforeEach, describe, expect, inject, it } from 'vitest';
import { deleteApp, initializeApp, type FirebaseApp } from 'firebase/app';
import { connectAuthEmulator, createUserWithEmailAndPassword, getAuth, signOut } from 'firebase/auth';
import { connectDatabaseEmulator, get, getDatabase, ref, set } from 'firebase/database';
import { TestDb } from '../support/dbHarness.ts';

const RULES = {
  rules: {
    users: {
      $uid: {
        '.read': 'auth != null && auth.uid == $uid',
        '.write': "auth != null && auth.uid == $uid && auth.token.email.endsWith('@example.com')",
      },
    },
    claims: { '.read': "auth != null && auth.token.role == 'admin'" },
    secret: { '.read': false, '.write': false },
  },
};

describe('auth: Auth emulator ID tokens, mockUserToken and owner', () => {
  let db: TestDb;
  const apps: FirebaseApp[] = [];
  beforeEach(async () => {
    db = await new TestDb().start();
    await db.setRules(RULES);
  });
  afterEach(async () => {
    await Promise.all(apps.splice(0).map((a) => deleteApp(a)));
    await db.close();
  });

  it('accepts ID tokens from the Firebase Auth emulator; rules see uid and token claims', async () => {
    const app = initializeApp({ projectId: 'demo-doms', apiKey: 'demo-key', databaseURL: `http://127.0.0.1:${db.port}?ns=test-ns` }, `auth-${Date.now()}`);
    apps.push(app);
    const auth = getAuth(app);
    connectAuthEmulator(auth, `http://${inject('authEmulatorHost')}`, { disableWarnings: true });
    const email = `u${Date.now()}@example.com`;
    const cred = await createUserWithEmailAndPassword(auth, email, 'secret-pass-1');
    const database = getDatabase(app);
    connectDatabaseEmulator(database, '127.0.0.1', db.port);
    const uid = cred.user.uid;
    await set(ref(database, `users/${uid}`), { email });
    expect((await get(ref(database, `users/${uid}`))).val()).toEqual({ email });
    await expect(set(ref(database, 'users/someone-else'), { x: 1 })).rejects.toThrow(/PERMISSION_DENIED/);
    await signOut(auth);
    await expect(get(ref(database, `users/${uid}`))).rejects.toThrow(/Permission denied|PERMISSION_DENIED/i);
  });

  it('accepts mockUserToken claims given to connectDatabaseEmulator', async () => {
    const admin = db.client({ uid: 'boss', claims: { role: 'admin', email: 'boss@example.com' } });
    const user = db.client({ uid: 'pleb', claims: { role: 'staff', email: 'pleb@example.org' } });
    await db.rest('PUT', '/claims.json', { x: 1 });
    expect((await get(ref(admin, 'claims'))).val()).toEqual({ x: 1 });
    await expect(get(ref(user, 'claims'))).rejects.toThrow(/Permission denied/i);
    // auth.token.email must end with @example.com to write
    await expect(set(ref(user, 'users/pleb'), 1)).rejects.toThrow(/PERMISSION_DENIED/);
    await set(ref(admin, 'users/boss'), 1);
  });

  it('treats the owner token as an admin that bypasses rules, over REST and the SDK', async () => {
    const owner = db.client({ token: 'owner' });
    await set(ref(owner, 'secret'), 's3');
    expect((await get(ref(owner, 'secret'))).val()).toBe('s3');
    expect((await db.rest('GET', '/secret.json')).json).toBe('s3');
    expect((await db.rest('GET', '/secret.json', undefined, { token: null })).status).toBe(401);
    const anon = db.client();
    await expect(get(ref(anon, 'secret'))).rejects.toThrow(/Permission denied/i);
  });
});
