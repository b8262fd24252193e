import { computed, signal, type ReadonlySignal } from '@preact/signals-core';
import { onAuthStateChanged, signInWithEmailAndPassword, signOut as firebaseSignOut } from 'firebase/auth';
import { auth } from './firebase.ts';
import type { Uid, UserRecord } from '../domain/types.ts';
import { userSchema } from '../domain/validate.ts';
import { liveRecord, type Live } from './live.ts';
import { endPresence } from './presenceSession.ts';
import { reportSyncError } from './sync.ts';

/** The signed-in person as Firebase Auth knows them. */
export type SessionUser = { uid: Uid; email: string | null };

/** What went wrong signing in, and which field it concerns (null: the form as a whole). */
export type SignInProblem = { field: 'email' | 'password' | null; message: string };

// undefined until Firebase Auth has restored (or not) the previous session from IndexedDB.
const session = signal<SessionUser | null | undefined>(undefined);
onAuthStateChanged(auth, (user) => {
  session.value = user === null ? null : { uid: user.uid as Uid, email: user.email };
});

/** The signed-in user: undefined while the saved session is being restored, null when signed out. */
export const currentUser: ReadonlySignal<SessionUser | null | undefined> = session;

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
  const user = session.value;
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
