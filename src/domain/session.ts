/**
 * The session remembered on a device between starts (src/data/auth.ts): who was signed in, so the
 * app can open on that user's saved copies while Firebase Auth confirms the session. Only the uid
 * and the email; never a token. What is read back is untrusted (any script or extension on the
 * origin can write localStorage) and is checked here; a bad value is ignored, never half-used.
 */
import { keyProblem, MAX_ID_LENGTH } from './ids.ts';
import type { Uid } from './types.ts';

/** The signed-in person as the apps know them. */
export type SessionUser = { uid: Uid; email: string | null };

/** An email address's length limit (RFC 5321). */
const MAX_EMAIL = 320;

/** The remembered session as stored, or undefined when absent or not of the expected shape. */
export function parseRememberedSession(raw: string | null): SessionUser | undefined {
  if (raw === null) return undefined;
  let v: unknown;
  try {
    v = JSON.parse(raw);
  } catch {
    return undefined;
  }
  if (typeof v !== 'object' || v === null || Array.isArray(v)) return undefined;
  const { uid, email } = v as Record<string, unknown>;
  if (typeof uid !== 'string' || uid.length > MAX_ID_LENGTH || keyProblem(uid) !== null) return undefined;
  if (email !== null && (typeof email !== 'string' || email.length > MAX_EMAIL)) return undefined;
  return { uid: uid as Uid, email };
}

/** What is stored for `user`. */
export const rememberedSession = (user: SessionUser): string => JSON.stringify({ uid: user.uid, email: user.email });
