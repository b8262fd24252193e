import { signal } from '@preact/signals';
import { signUpStaff } from '../data/accounts.ts';
import { accessSignal } from '../data/access.ts';
import { signIn, signOut } from '../data/auth.ts';
import { Loading } from '../ui/Loading.tsx';
import { Notice } from '../ui/Notice.tsx';
import { SignInForm } from '../ui/SignInForm.tsx';
import { SignUpForm } from '../ui/SignUpForm.tsx';
import { FirstAdminNotice } from './FirstAdminNotice.tsx';
import { StaffShell } from './shell/StaffShell.tsx';

const access = accessSignal('staff');
const signOutAction = { label: 'Sign out', onClick: () => void signOut() };
const signUp = async (name: string, email: string, password: string) => {
  const problem = await signUpStaff(name, email, password);
  if (problem === null) isSigningUp.value = false; // a later sign-out shows sign-in again
  return problem;
};
// The signed-out screen shows the sign-up form instead of sign-in.
const isSigningUp = signal(false);

/** The staff app: sign-in, then the screen the signed-in person may see. */
export function DistributorApp() {
  const a = access.value;
  switch (a.kind) {
    case 'starting':
      return <Loading label="Starting…" />;
    case 'signed-out':
      if (isSigningUp.value) return <SignUpForm title="D-OMS" onSubmit={signUp} onBack={() => (isSigningUp.value = false)} />;
      return (
        <SignInForm
          title="D-OMS"
          subtitle="Staff sign-in"
          onSubmit={signIn}
          footer={
            <button class="button button--quiet" type="button" onClick={() => (isSigningUp.value = true)}>
              Create an account
            </button>
          }
        />
      );
    case 'loading':
      return <Loading label="Loading your account…" />;
    case 'no-record':
      return <FirstAdminNotice email={a.user.email} onSignOut={signOutAction.onClick} />;
    case 'denied':
      return (
        <Notice title="Account not readable" action={signOutAction}>
          <p>The database refused to show your account ({a.user.email ?? 'this user'}). Ask an admin.</p>
        </Notice>
      );
    case 'invalid-record':
      return (
        <Notice title="Account record incomplete" action={signOutAction}>
          <p>Your account record cannot be used ({a.problem}). Ask an admin.</p>
        </Notice>
      );
    case 'pending':
      return (
        <Notice title="Waiting for approval" action={signOutAction}>
          <p>Hello {a.record.name}. An admin has to approve your account before you can use D-OMS. This page updates by itself.</p>
        </Notice>
      );
    case 'removed':
      return (
        <Notice title="Account removed" action={signOutAction}>
          <p>Your account has been removed. Ask an admin if this is a mistake.</p>
        </Notice>
      );
    case 'wrong-app':
      return (
        <Notice title="This is the staff app" action={signOutAction}>
          <p>
            Retailers order in the <a href="./retailer.html">retailer portal</a>.
          </p>
        </Notice>
      );
    case 'ready':
      return <StaffShell record={a.record} />;
  }
}
