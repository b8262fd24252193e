import { signal, type ReadonlySignal } from '@preact/signals-core';
import { EmailAuthProvider, reauthenticateWithCredential } from 'firebase/auth';
import { auth } from './firebase.ts';
import { reportSyncError } from './sync.ts';

/** Wrong passwords allowed before the first wait. */
export const FREE_TRIES = 3;
/** The first wait after FREE_TRIES wrong passwords; it doubles with every further wrong one. */
export const FIRST_WAIT_MS = 30_000;

// Per device and tab. The Auth server throttles too (auth/too-many-requests); this is the
// visible, predictable throttle in front of it, so a guessed password costs real time.
let wrongTries = 0;
const until = signal(0);

/** When re-entering a password is allowed again (epoch ms; 0 or past: now). */
export const reauthLockedUntil: ReadonlySignal<number> = until;

/** The wait after `wrong` consecutive wrong passwords: none for the first FREE_TRIES, then 30 s, 60 s, 120 s… */
export function waitAfter(wrong: number): number {
  return wrong < FREE_TRIES ? 0 : FIRST_WAIT_MS * 2 ** (wrong - FREE_TRIES);
}

/** The message for a lock that ends at `lockedUntil`, seen at `now`; null when not locked. */
export function lockMessage(lockedUntil: number, now: number): string | null {
  if (lockedUntil <= now) return null;
  return `Too many wrong passwords. Wait ${Math.ceil((lockedUntil - now) / 1000)} s, then try again.`;
}

/**
 * Confirms the signed-in person by their own password (Firebase re-authentication) before a
 * critical action; resolves to null when confirmed, else the message to show under the field.
 */
export async function confirmPassword(password: string, now = Date.now()): Promise<string | null> {
  const locked = lockMessage(until.peek(), now);
  if (locked !== null) return locked;
  const user = auth.currentUser;
  if (user === null || user.email === null) return 'You are signed out. Sign in again.';
  if (password === '') return 'Password: enter your password.';
  try {
    await reauthenticateWithCredential(user, EmailAuthProvider.credential(user.email, password));
    wrongTries = 0;
    until.value = 0;
    return null;
  } catch (e) {
    const code = typeof e === 'object' && e !== null && 'code' in e ? String(e.code) : '';
    if (code === 'auth/wrong-password' || code === 'auth/invalid-credential' || code === 'auth/invalid-login-credentials') {
      wrongTries += 1;
      const wait = waitAfter(wrongTries);
      if (wait > 0) {
        until.value = Date.now() + wait;
        return lockMessage(until.peek(), Date.now());
      }
      return `Password: that is not your password (${FREE_TRIES - wrongTries} ${FREE_TRIES - wrongTries === 1 ? 'try' : 'tries'} left before a wait).`;
    }
    if (code === 'auth/too-many-requests') return 'Too many attempts. Wait a minute, then try again.';
    if (code === 'auth/network-request-failed') return 'Cannot reach the server. Check the connection and try again.';
    reportSyncError(null, e);
    return 'Checking the password failed. Try again.';
  }
}
