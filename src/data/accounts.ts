import type { ReadonlySignal } from '@preact/signals-core';
import { deleteApp, initializeApp } from 'firebase/app';
import { connectAuthEmulator, createUserWithEmailAndPassword, deleteUser, inMemoryPersistence, initializeAuth, sendPasswordResetEmail, signOut } from 'firebase/auth';
import { equalTo, get, onValue, orderByChild, query, ref, set, update } from 'firebase/database';
import type { PartyId, Uid, UserRecord, UserStatus } from '../domain/types.ts';
import { userSchema } from '../domain/validate.ts';
import { parse } from '../domain/schema.ts';
import { liveCollection, type LiveCollection } from './liveCollection.ts';
import { auth, backend, db } from './firebase.ts';
import { liveSignal } from './live.ts';
import { reportSyncError } from './sync.ts';

/** Every `users/{uid}` record, live (only admins may read the list). */
export const users: ReadonlySignal<LiveCollection<UserRecord>> = liveCollection<UserRecord>('users', userSchema);

/** A problem with an account form, naming the field it concerns (null: the form as a whole). */
export type AccountProblem = { field: 'name' | 'email' | 'password' | 'party' | null; message: string };

const codeOf = (e: unknown): string => (typeof e === 'object' && e !== null && 'code' in e ? String(e.code) : '');

const CREATE_PROBLEMS: Record<string, AccountProblem> = {
  'auth/email-already-in-use': { field: 'email', message: 'Email: an account with this email already exists.' },
  'auth/invalid-email': { field: 'email', message: 'Email: this is not a valid email address.' },
  'auth/missing-email': { field: 'email', message: 'Email: enter an email address.' },
  'auth/weak-password': { field: 'password', message: 'Password: use at least 8 characters.' },
  'auth/missing-password': { field: 'password', message: 'Password: enter a password.' },
  'auth/too-many-requests': { field: null, message: 'Too many attempts. Wait a minute, then try again.' },
  'auth/network-request-failed': { field: null, message: 'Cannot reach the server. Check the connection and try again.' },
};

/** Checks the typed name, email and password before anything is sent. */
export function checkAccountForm(name: string, email: string, password: string): AccountProblem | null {
  const n = name.trim();
  if (n === '') return { field: 'name', message: 'Name: enter a name.' };
  if (n.length > 80) return { field: 'name', message: 'Name: at most 80 characters.' };
  if (!/^[^\s@]+@[^\s@]+$/.test(email.trim())) return { field: 'email', message: 'Email: this is not a valid email address.' };
  if (password.length < 8) return { field: 'password', message: 'Password: use at least 8 characters.' };
  return null;
}

function createProblem(e: unknown, what: string): AccountProblem {
  const known = CREATE_PROBLEMS[codeOf(e)];
  if (known !== undefined) return known;
  reportSyncError(null, e);
  return { field: null, message: `${what} failed. Try again.` };
}

/**
 * Staff sign-up: creates the Auth account (which signs the person in) and their own
 * `users/{uid}` record as pending staff; the rules allow exactly that one write.
 */
export async function signUpStaff(name: string, email: string, password: string): Promise<AccountProblem | null> {
  const bad = checkAccountForm(name, email, password);
  if (bad !== null) return bad;
  let cred;
  try {
    cred = await createUserWithEmailAndPassword(auth, email.trim(), password);
  } catch (e) {
    return createProblem(e, 'Creating the account');
  }
  try {
    // The email as Auth normalised it: the rules compare it with auth.token.email.
    await set(ref(db, `users/${cred.user.uid}`), { name: name.trim(), email: cred.user.email, role: 'staff', status: 'pending' });
    return null;
  } catch (e) {
    reportSyncError(`users/${cred.user.uid}`, e);
    return { field: null, message: 'Your sign-in was created but your account record was not saved. Ask an admin.' };
  }
}

/** The status changes an admin may make, from → to; `disable` and `enable` are for retailer accounts only. */
export const STATUS_MOVES: Readonly<Record<'approve' | 'reject' | 'remove' | 'disable' | 'enable', { from: UserStatus; to: UserStatus; isRetailerOnly?: true }>> = {
  approve: { from: 'pending', to: 'active' },
  reject: { from: 'pending', to: 'removed' },
  remove: { from: 'active', to: 'removed' },
  // A disabled retailer reads and writes nothing (the rules require `active`), live: the server
  // re-checks their open listens when the status changes. Enabling gives it all back.
  disable: { from: 'active', to: 'disabled', isRetailerOnly: true },
  enable: { from: 'disabled', to: 'active', isRetailerOnly: true },
};

/** Approves, rejects or removes `uid` (admin only); throws an Error naming what failed. */
export async function changeUserStatus(uid: Uid, move: keyof typeof STATUS_MOVES): Promise<void> {
  if (uid === auth.currentUser?.uid) throw new Error('You cannot change your own account. Ask another admin.');
  const { from, to, isRetailerOnly } = STATUS_MOVES[move];
  const snap = await get(ref(db, `users/${uid}`));
  const stored = snap.val() as { status?: unknown; role?: unknown } | null;
  if (stored?.status !== from) throw new Error(`This account is no longer ${from}; the list shows its status now.`);
  if (isRetailerOnly === true && stored.role !== 'retailer') throw new Error('Only retailer accounts can be disabled or enabled.');
  try {
    await update(ref(db, `users/${uid}`), { status: to });
  } catch (e) {
    reportSyncError(`users/${uid}`, e);
    throw new Error(`The database refused to change the account (${codeOf(e) || 'error'}).`, { cause: e });
  }
}

/**
 * Creates a retailer's sign-in on a second Firebase app (so the admin's own session stays), then
 * writes their `users/{uid}` record, active and linked to `partyId`, as the admin.
 */
export async function createRetailer(input: { name: string; email: string; password: string; partyId: PartyId | '' }): Promise<AccountProblem | null> {
  const bad = checkAccountForm(input.name, input.email, input.password);
  if (bad !== null) return bad;
  if (input.partyId === '') return { field: 'party', message: 'Party: choose the shop this retailer orders for.' };
  const creator = initializeApp(backend.options, `account-creator-${Date.now()}`);
  const creatorAuth = initializeAuth(creator, { persistence: inMemoryPersistence });
  if (backend.kind === 'local') connectAuthEmulator(creatorAuth, backend.authUrl, { disableWarnings: true });
  try {
    let cred;
    try {
      cred = await createUserWithEmailAndPassword(creatorAuth, input.email.trim(), input.password);
    } catch (e) {
      return createProblem(e, 'Creating the retailer');
    }
    const record = { name: input.name.trim(), email: cred.user.email ?? input.email.trim(), role: 'retailer', status: 'active', partyId: input.partyId };
    const checked = parse(userSchema, record, 'user');
    if (!checked.ok) return { field: null, message: checked.errors.map((x) => `${x.field} ${x.message}`).join('; ') };
    try {
      await set(ref(db, `users/${cred.user.uid}`), record);
      return null;
    } catch (e) {
      // No record: take the sign-in away again so no orphan login remains.
      await deleteUser(cred.user).catch(() => undefined);
      reportSyncError(`users/${cred.user.uid}`, e);
      return { field: null, message: `The database refused the retailer's record (${codeOf(e) || 'error'}); nothing was created.` };
    }
  } finally {
    await signOut(creatorAuth).catch(() => undefined);
    await deleteApp(creator).catch(() => undefined);
  }
}

/**
 * Sends the Firebase password-reset email to a retailer's sign-in address (the Auth emulator
 * keeps it as an out-of-band code locally). Resolves to null when sent, else the message to show.
 */
export async function sendRetailerPasswordReset(email: string): Promise<string | null> {
  try {
    await sendPasswordResetEmail(auth, email);
    return null;
  } catch (e) {
    const code = codeOf(e);
    if (code === 'auth/user-not-found') return `Email: no sign-in exists for ${email}.`;
    if (code === 'auth/invalid-email') return 'Email: this is not a valid email address.';
    if (code === 'auth/too-many-requests') return 'Too many attempts. Wait a minute, then try again.';
    if (code === 'auth/network-request-failed') return 'Cannot reach the server. Check the connection and try again.';
    reportSyncError(null, e);
    return `Sending the reset email failed (${code || 'error'}). Try again.`;
  }
}

/** How many staff sign-ups wait for an admin (users with status `pending`), live; null until known or when denied (not an admin). */
export const pendingSignUps: ReadonlySignal<number | null> = liveSignal<number | null>(null, (set) =>
  onValue(
    query(ref(db, 'users'), orderByChild('status'), equalTo('pending')),
    (snap) => set(snap.size),
    () => set(null),
  ),
);

/** Whether the project still has no first admin (`meta/firstAdmin` unset); readable by anyone signed in. */
export async function firstAdminOpen(): Promise<boolean> {
  const snap = await get(ref(db, 'meta/firstAdmin'));
  return !snap.exists();
}

/**
 * Makes the signed-in person (with no record yet) the project's first admin, in one multi-path
 * write the rules allow only while `meta/firstAdmin` is unset: two people racing cannot both win.
 */
export async function claimFirstAdmin(name: string): Promise<string | null> {
  const user = auth.currentUser;
  if (user === null || user.email === null) return 'You are signed out. Sign in again.';
  const n = name.trim();
  if (n === '' || n.length > 80) return 'Name: enter a name of at most 80 characters.';
  try {
    await update(ref(db), { [`users/${user.uid}`]: { name: n, email: user.email, role: 'admin', status: 'active' }, 'meta/firstAdmin': user.uid });
    return null;
  } catch (e) {
    return `The database refused (${codeOf(e) || 'error'}): there is already a first admin. Ask them for access.`;
  }
}
