/**
 * Creates the demo accounts in the Firebase Auth emulator over its REST API and returns their
 * uids. An account that already exists (a second seed against the same emulator data) is signed
 * in instead, so the uids stay those the emulator already knows.
 */
import { placeholderUid, type DemoAccount } from './demoAccounts.ts';

/** The Auth emulator could not be reached or refused an account. */
export class AuthEmulatorError extends Error {}

type AuthAnswer = { ok: true; localId: string } | { ok: false; message: string };

async function call(host: string, method: 'signUp' | 'signInWithPassword', body: Record<string, unknown>): Promise<AuthAnswer> {
  const url = `http://${host}/identitytoolkit.googleapis.com/v1/accounts:${method}?key=demo-key`;
  let res: Response;
  try {
    res = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
  } catch (e) {
    const cause = e instanceof Error && e.cause instanceof Error ? e.cause.message : e instanceof Error ? e.message : String(e);
    throw new AuthEmulatorError(`cannot reach the Firebase Auth emulator at ${host} (${cause}). Start it with \`npm start\` (or \`npx firebase emulators:start --only auth\`), pass its address with --auth-host, or write a file instead with --out FILE.json.`);
  }
  const json = (await res.json().catch(() => ({}))) as { localId?: unknown; error?: { message?: unknown } };
  if (res.ok && typeof json.localId === 'string') return { ok: true, localId: json.localId };
  return { ok: false, message: typeof json.error?.message === 'string' ? json.error.message : `HTTP ${res.status}` };
}

/** The uid of one demo account, creating it if needed. */
export async function ensureAccount(host: string, account: DemoAccount): Promise<string> {
  const created = await call(host, 'signUp', { email: account.email, password: account.password, displayName: account.name, returnSecureToken: true });
  if (created.ok) return created.localId;
  if (!created.message.startsWith('EMAIL_EXISTS')) throw new AuthEmulatorError(`the Auth emulator at ${host} refused to create ${account.email}: ${created.message}`);
  const signedIn = await call(host, 'signInWithPassword', { email: account.email, password: account.password, returnSecureToken: true });
  if (signedIn.ok) return signedIn.localId;
  throw new AuthEmulatorError(
    `${account.email} already exists in the Auth emulator at ${host} but its password is not the demo one (${signedIn.message}). Delete the account in the emulator, or clear its data (.data/auth), and seed again.`,
  );
}

/** Placeholder uid → emulator uid for every demo account. */
export async function ensureAccounts(host: string, accounts: readonly DemoAccount[]): Promise<Map<string, string>> {
  const uids = new Map<string, string>();
  // One at a time: the emulator is local and this keeps its log readable.
  for (const a of accounts) uids.set(placeholderUid(a), await ensureAccount(host, a));
  return uids;
}
