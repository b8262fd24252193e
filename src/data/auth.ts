import { computed, signal, type ReadonlySignal } from '@preact/signals-core';
import { onAuthStateChanged, signInWithEmailAndPassword, signOut as firebaseSignOut } from 'firebase/auth';
import { auth } from './firebase.ts';
import type { Uid, UserRecord } from '../domain/types.ts';
import { parseRememberedSession, rememberedSession, type SessionUser } from '../domain/session.ts';
import { userSchema } from '../domain/validate.ts';
import { liveRecord, type Live } from './live.ts';
import { endPresence } from './presenceSession.ts';
import { reportSyncError } from './sync.ts';

export type { SessionUser };

/** What went wrong signing in, and which field it concerns (null: the form as a whole). */
export type SignInProblem = { field: 'email' | 'password' | null; message: string };

/**
 * Who was signed in on this device when the app last ran (uid and email only, never a token), in
 * localStorage so that it is known synchronously at start. Firebase Auth confirms a saved session
 * only after a round trip to its server (`accounts:lookup`); until then the app opens on this
 * user's copies saved on the device, as it does offline. The database still waits for the real
 * token, and its rules decide every read and write.
 */
const REMEMBERED = 'doms-session';

function readRemembered(): SessionUser | undefined {
  try {
    return parseRememberedSession(localStorage.getItem(REMEMBERED));
  } catch {
    return undefined; // storage blocked: start as before, on Firebase's answer
  }
}

function remember(user: SessionUser | null): void {
  try {
    if (user === null) localStorage.removeItem(REMEMBERED);
    else localStorage.setItem(REMEMBERED, rememberedSession(user));
  } catch {
    // storage blocked or full: the next start waits for Firebase, nothing else changes
  }
}

// Firebase's answer: undefined until it has restored (or not) the previous session.
const confirmed = signal<SessionUser | null | undefined>(undefined);
const expected = readRemembered();
onAuthStateChanged(auth, (user) => {
  const next = user === null ? null : { uid: user.uid as Uid, email: user.email };
  remember(next);
  confirmed.value = next;
});

/**
 * The signed-in user: null when signed out; until Firebase Auth has answered, the user remembered
 * on this device (undefined when none). If Firebase then answers otherwise (the session ended
 * elsewhere), this follows its answer and the saved copies are deleted (snapshotCache.ts).
 */
export const currentUser: ReadonlySignal<SessionUser | null | undefined> = computed(() => (confirmed.value === undefined ? expected : confirmed.value));

/**
 * The uid to act as: Firebase's signed-in user, or while Firebase is still confirming the saved
 * session, the remembered one (a write sent now waits for the token, and the rules refuse it if
 * that turns out to be someone else). Undefined when signed out.
 */
export function sessionUid(): Uid | undefined {
  const user = auth.currentUser;
  if (user !== null) return user.uid as Uid;
  return confirmed.peek() === undefined ? expected?.uid : undefined;
}

// One live record per uid; a new uid (another sign-in) gets its own listen.
const records = new Map<Uid, ReadonlySignal<Live<UserRecord>>>();
function recordOf(uid: Uid): ReadonlySignal<Live<UserRecord>> {
  let r = records.get(uid);
  if (r === undefined) {
    r = liveRecord(`users/${uid}`, userSchema);
    records.set(uid, r);
  }
  return r;
}

/** The signed-in user's `users/{uid}` record, live; loading while signed out or unknown. */
export const userRecord: ReadonlySignal<Live<UserRecord>> = computed(() => {
  const user = currentUser.value;
  return user ? recordOf(user.uid).value : { state: 'loading' };
});

const PROBLEMS: Record<string, SignInProblem> = {
  'auth/invalid-email': { field: 'email', message: 'Email: this is not a valid email address.' },
  'auth/missing-email': { field: 'email', message: 'Email: enter your email address.' },
  'auth/user-disabled': { field: 'email', message: 'Email: this account has been disabled. Ask an admin.' },
  'auth/missing-password': { field: 'password', message: 'Password: enter your password.' },
  // Firebase does not say which of the two is wrong (no account enumeration); neither do we.
  'auth/invalid-credential': { field: 'password', message: 'Password: the email or the password is wrong.' },
  'auth/invalid-login-credentials': { field: 'password', message: 'Password: the email or the password is wrong.' },
  'auth/wrong-password': { field: 'password', message: 'Password: the email or the password is wrong.' },
  'auth/user-not-found': { field: 'password', message: 'Password: the email or the password is wrong.' },
  'auth/too-many-requests': { field: null, message: 'Too many attempts. Wait a minute, then try again.' },
  'auth/network-request-failed': { field: null, message: 'Cannot reach the server. Check the connection and try again.' },
};

/** Signs in with email and password; resolves to null on success, else what to tell the user. */
export async function signIn(email: string, password: string): Promise<SignInProblem | null> {
  try {
    await signInWithEmailAndPassword(auth, email.trim(), password);
    return null;
  } catch (e) {
    const code = typeof e === 'object' && e !== null && 'code' in e ? String(e.code) : '';
    const known = PROBLEMS[code];
    if (known !== undefined) return known;
    reportSyncError(null, e);
    return { field: null, message: 'Signing in failed. Try again.' };
  }
}

/** Signs the current user out on this device (marking them offline first); a failure goes to syncState. */
export async function signOut(): Promise<void> {
  // While still signed in: afterwards the rules refuse the presence write (permission_denied).
  await endPresence();
  try {
    await firebaseSignOut(auth);
  } catch (e) {
    reportSyncError(null, e);
  }
}
