/**
 * Shared pieces of database.rules.json. The rules are written here in TypeScript so that the
 * long checks repeated at many paths (who is active staff, a recent sign-in, the order's
 * revision bump, the conservation equation) are written once; `npm run rules` renders the file.
 */

/** A node of the rules document: rule strings, `.indexOn` lists and child nodes. */
export type RuleTree = { [key: string]: RuleTree | string | boolean | string[] };

/** The signed-in user's own record. */
export const USER = "root.child('users').child(auth.uid)";
/** Signed in with an active account (any role). */
export const ACTIVE = `auth != null && ${USER}.child('status').val() === 'active'`;
/** An active staff member or admin. */
export const STAFF = `${ACTIVE} && (${USER}.child('role').val() === 'staff' || ${USER}.child('role').val() === 'admin')`;
/** An active admin. */
export const ADMIN = `${ACTIVE} && ${USER}.child('role').val() === 'admin'`;
/** Signed in, or re-entered the password, in the last 5 minutes (critical actions). */
export const RECENT = 'auth.token.auth_time * 1000 > now - 300000';

/** A string of `min`..`max` characters. */
export const text = (min: number, max: number): string => `newData.isString() && newData.val().length >= ${min} && newData.val().length <= ${max}`;
/** An id or key: 1..128 characters. */
export const ID = text(1, 128);
/** A line quantity: a whole number 1..1,000,000. */
export const QTY = 'newData.isNumber() && newData.val() >= 1 && newData.val() <= 1000000 && newData.val() % 1 === 0';
