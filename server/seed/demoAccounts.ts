/**
 * The demo logins of the local stack. These are LOCAL DEMO ACCOUNTS for the Firebase Auth
 * emulator only: the passwords are public on purpose and must never be used on a real project.
 * `npm run seed` creates them in the emulator and writes their `users/{uid}` records; `npm start`
 * prints this list.
 */
import type { PartyId, Role, Uid, UserStatus } from './domain.ts';

/** One demo login and the `users/{uid}` record the seed writes for it. */
export type DemoAccount = {
  readonly email: string;
  readonly password: string;
  readonly name: string;
  readonly role: Role;
  readonly status: UserStatus;
  /** For retailers: the party they order for (a fixed id, the same for every seed). */
  readonly partyId?: PartyId;
};

/**
 * The uid an account has while the business is generated ('demo-uid-staff1'): `--out` files keep
 * it; seeding a database replaces it with the uid the Auth emulator gave the account.
 */
export const placeholderUid = (account: Pick<DemoAccount, 'email'>): Uid => `demo-uid-${account.email.split('@')[0] ?? ''}` as Uid;

/** The two parties the demo retailers are linked to; the seed always creates them. */
export const DEMO_RETAILER_PARTIES = [
  { id: 'demo-party-retailer-1' as PartyId, name: 'Retail Partner A', area: 'Panjim' },
  { id: 'demo-party-retailer-2' as PartyId, name: 'Retail Partner B', area: 'Margao' },
] as const;

/** One admin, two staff, two retailers and one staff sign-up awaiting approval. */
export const DEMO_ACCOUNTS: readonly DemoAccount[] = [
  { email: 'admin@d-oms.test', password: 'demo-admin-1', name: 'Asha Admin', role: 'admin', status: 'active' },
  { email: 'staff1@d-oms.test', password: 'demo-staff-1', name: 'Suresh Staff', role: 'staff', status: 'active' },
  { email: 'staff2@d-oms.test', password: 'demo-staff-2', name: 'Meena Staff', role: 'staff', status: 'active' },
  {
    email: 'retailer1@d-oms.test',
    password: 'demo-retailer-1',
    name: 'Ravi (Retail Partner A)',
    role: 'retailer',
    status: 'active',
    partyId: DEMO_RETAILER_PARTIES[0].id,
  },
  {
    email: 'retailer2@d-oms.test',
    password: 'demo-retailer-2',
    name: 'Fatima (Retail Partner B)',
    role: 'retailer',
    status: 'active',
    partyId: DEMO_RETAILER_PARTIES[1].id,
  },
  { email: 'newstaff@d-oms.test', password: 'demo-pending-1', name: 'Nikhil (awaiting approval)', role: 'staff', status: 'pending' },
];
