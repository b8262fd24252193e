import type { AuthVar } from './types.ts';

/** Who a connection or REST request acts as. `admin` bypasses rules (the emulator's "owner"). */
export type Identity = { admin: true; auth: null } | { admin: false; auth: AuthVar };

export const ANONYMOUS: Identity = { admin: false, auth: null };
export const OWNER: Identity = { admin: true, auth: null };

/** The token the official emulator treats as an administrator. */
export const OWNER_TOKEN = 'owner';

/** Why the owner token was refused: it came from another machine (see server/exposure.ts). */
export const OWNER_REFUSED = 'The owner token is accepted from loopback only (this machine)';

export type TokenResult = { ok: true; identity: Identity; expires: number | null } | { ok: false; status: string; reason: string };

function decodeSegment(seg: string): unknown {
  return JSON.parse(Buffer.from(seg, 'base64url').toString('utf8'));
}

/**
 * Accepts tokens the way the official emulator does: "owner" is an admin, and any JWT
 * (the Auth emulator's tokens and the SDK's mockUserToken are unsigned) is trusted for its
 * claims. Signatures are never checked, so this server must only ever listen on loopback.
 */
export function identityFromToken(token: unknown): TokenResult {
  if (token === OWNER_TOKEN) return { ok: true, identity: OWNER, expires: null };
  if (typeof token !== 'string' || token.length > 16 * 1024) {
    return { ok: false, status: 'invalid_token', reason: 'Could not parse auth token.' };
  }
  const parts = token.split('.');
  if (parts.length !== 3 || parts[1] === undefined) return { ok: false, status: 'invalid_token', reason: 'Could not parse auth token.' };
  let claims: unknown;
  try {
    claims = decodeSegment(parts[1]);
  } catch {
    return { ok: false, status: 'invalid_token', reason: 'Could not parse auth token.' };
  }
  if (typeof claims !== 'object' || claims === null || Array.isArray(claims)) {
    return { ok: false, status: 'invalid_token', reason: 'Auth token claims must be an object.' };
  }
  const c = claims as Record<string, unknown>;
  const uid = typeof c['sub'] === 'string' ? c['sub'] : typeof c['user_id'] === 'string' ? c['user_id'] : typeof c['uid'] === 'string' ? c['uid'] : null;
  if (uid === null || uid.length === 0 || uid.length > 128) {
    return { ok: false, status: 'invalid_token', reason: 'Auth token has no valid sub (uid) claim.' };
  }
  // Like the official emulator, expiry is not enforced: the SDK's mock tokens say iat 0, exp 3600.
  const exp = typeof c['exp'] === 'number' ? c['exp'] : null;
  const firebase = c['firebase'];
  const provider =
    typeof firebase === 'object' && firebase !== null && typeof (firebase as Record<string, unknown>)['sign_in_provider'] === 'string'
      ? ((firebase as Record<string, unknown>)['sign_in_provider'] as string)
      : 'custom';
  return { ok: true, identity: { admin: false, auth: { uid, provider, token: c } }, expires: exp };
}
