/// <reference types="vite/client" />

// Declaration merging with Vite's ImportMetaEnv needs `interface`, not `type`.
interface ImportMetaEnv {
  /** A real Firebase project's web config (`.env`); when absent the apps use the local stack. */
  readonly VITE_FIREBASE_API_KEY?: string;
  readonly VITE_FIREBASE_AUTH_DOMAIN?: string;
  readonly VITE_FIREBASE_PROJECT_ID?: string;
  readonly VITE_FIREBASE_DATABASE_URL?: string;
  readonly VITE_FIREBASE_APP_ID?: string;
  /** Local stack overrides (tests start it on free ports): `127.0.0.1:9099`. */
  readonly VITE_DOMS_AUTH_HOST?: string;
  readonly VITE_DOMS_DB_HOST?: string;
  readonly VITE_DOMS_DB_PORT?: string;
  readonly VITE_DOMS_DB_NS?: string;
}

interface ImportMeta {
  readonly env: ImportMetaEnv;
}
