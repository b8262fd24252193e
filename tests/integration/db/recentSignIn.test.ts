import { afterEach, beforeEach, describe, expect, inject, it } from 'vitest';
import { deleteApp, initializeApp, type FirebaseApp } from 'firebase/app';
import { connectAuthEmulator, createUserWithEmailAndPassword, EmailAuthProvider, getAuth, reauthenticateWithCredential } from 'firebase/auth';
import { connectDatabaseEmulator, getDatabase, ref, set } from 'firebase/database';
import { TestDb } from '../support/dbHarness.ts';

// database.rules.json asks critical actions for a sign-in of at most 5 minutes
// (`auth.token.auth_time * 1000 > now - 300000`). The same expression with a 2-second window
// shows, with the real Auth emulator and the unmodified SDK, that a password re-entry
// (reauthenticateWithCredential) reaches the database before the very next write.
const WINDOW_MS = 2_000;
const RULES = {
  rules: {
    critical: { '.write': `auth != null && auth.token.auth_time * 1000 > now - ${WINDOW_MS}` },
  },
};

describe('recent sign-in: the rules see auth_time, and a re-entered password renews it at once', () => {
  let db: TestDb;
  let app: FirebaseApp | undefined;
  beforeEach(async () => {
    db = await new TestDb().start();
    await db.setRules(RULES);
  });
  afterEach(async () => {
    if (app !== undefined) await deleteApp(app);
    await db.close();
  });

  it('refuses the write once the sign-in is older than the window, and allows it right after reauthentication', async () => {
    app = initializeApp({ projectId: 'demo-doms', apiKey: 'demo-key', databaseURL: `http://127.0.0.1:${db.port}?ns=test-ns` }, `recent-${Date.now()}`);
    const auth = getAuth(app);
    connectAuthEmulator(auth, `http://${inject('authEmulatorHost')}`, { disableWarnings: true });
    const email = `recent-${Date.now()}@example.com`;
    const cred = await createUserWithEmailAndPassword(auth, email, 'secret-pass-1');
    const database = getDatabase(app);
    connectDatabaseEmulator(database, '127.0.0.1', db.port);

    await set(ref(database, 'critical/a'), 1); // just signed in
    // auth_time has whole-second resolution: wait until it is certainly outside the window.
    await new Promise((r) => setTimeout(r, WINDOW_MS + 1_500));
    await expect(set(ref(database, 'critical/b'), 2)).rejects.toThrow(/PERMISSION_DENIED/);

    await reauthenticateWithCredential(cred.user, EmailAuthProvider.credential(email, 'secret-pass-1'));
    await set(ref(database, 'critical/c'), 3);
    expect((await db.rest('GET', '/critical.json')).json).toEqual({ a: 1, c: 3 });
  });
});
