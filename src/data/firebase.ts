import { initializeApp, type FirebaseOptions } from 'firebase/app';
import { browserLocalPersistence, connectAuthEmulator, indexedDBLocalPersistence, initializeAuth } from 'firebase/auth';
import { connectDatabaseEmulator, forceWebSockets, getDatabase } from 'firebase/database';

/** Where the apps' data lives: a real Firebase project, or the local stack of `npm start`. */
export type Backend =
  | { kind: 'firebase'; options: FirebaseOptions }
  | { kind: 'local'; options: FirebaseOptions; authUrl: string; dbHost: string; dbPort: number };

/** Reads the backend from Vite's env: `VITE_FIREBASE_*` for a real project, else the local stack (`VITE_DOMS_*` overrides). */
export function backendFromEnv(env: ImportMetaEnv): Backend {
  const { VITE_FIREBASE_API_KEY: apiKey, VITE_FIREBASE_PROJECT_ID: projectId, VITE_FIREBASE_DATABASE_URL: databaseURL } = env;
  if (apiKey && projectId && databaseURL) {
    const options: FirebaseOptions = { apiKey, projectId, databaseURL, authDomain: env.VITE_FIREBASE_AUTH_DOMAIN ?? `${projectId}.firebaseapp.com` };
    if (env.VITE_FIREBASE_APP_ID) options.appId = env.VITE_FIREBASE_APP_ID;
    return { kind: 'firebase', options };
  }
  const dbHost = env.VITE_DOMS_DB_HOST || '127.0.0.1';
  const dbPort = Number(env.VITE_DOMS_DB_PORT || 9000);
  const ns = env.VITE_DOMS_DB_NS || 'demo-doms-default-rtdb';
  return {
    kind: 'local',
    // The Auth emulator accepts any API key; the SDK only insists that there is one.
    options: { apiKey: 'demo-key', projectId: 'demo-doms', authDomain: 'demo-doms.firebaseapp.com', databaseURL: `http://${dbHost}:${dbPort}?ns=${ns}` },
    authUrl: `http://${env.VITE_DOMS_AUTH_HOST || '127.0.0.1:9099'}`,
    dbHost,
    dbPort,
  };
}

export const backend = backendFromEnv(import.meta.env);

// Our local server speaks WebSockets only, and a browser would otherwise try long polling after
// a failed WebSocket attempt (docs/local-database.md). Also right for production. Must run
// before the first database connection.
forceWebSockets();

export const firebaseApp = initializeApp(backend.options);
// Email and password only: no popup or redirect sign-in, so not getAuth(), which bundles the
// popup/redirect resolver (iframes, gapi) and checks for a pending redirect on every start. The
// same persistence order as getAuth(), so sessions saved by earlier versions are still found.
export const auth = initializeAuth(firebaseApp, { persistence: [indexedDBLocalPersistence, browserLocalPersistence] });
export const db = getDatabase(firebaseApp);

if (backend.kind === 'local') {
  // disableWarnings: otherwise the SDK pins a banner over the bottom of the page, where our
  // thumb-reachable buttons sit.
  connectAuthEmulator(auth, backend.authUrl, { disableWarnings: true });
  connectDatabaseEmulator(db, backend.dbHost, backend.dbPort);
}
