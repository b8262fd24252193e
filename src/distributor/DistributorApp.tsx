import { accessSignal } from '../data/access.ts';
import { signIn, signOut } from '../data/auth.ts';
import { Loading } from '../ui/Loading.tsx';
import { Notice } from '../ui/Notice.tsx';
import { SignInForm } from '../ui/SignInForm.tsx';
import { StaffShell } from './shell/StaffShell.tsx';

const access = accessSignal('staff');
const signOutAction = { label: 'Sign out', onClick: () => void signOut() };

/** The staff app: sign-in, then the screen the signed-in person may see. */
export function DistributorApp() {
  const a = access.value;
  switch (a.kind) {
    case 'starting':
      return <Loading label="Starting…" />;
    case 'signed-out':
      return <SignInForm title="D-OMS" subtitle="Staff sign-in" onSubmit={signIn} />;
    case 'loading':
      return <Loading label="Loading your account…" />;
    case 'no-record':
      return (
        <Notice title="No account record" action={signOutAction}>
          <p>You are signed in as {a.user.email ?? 'this user'}, but there is no D-OMS account for you yet. Ask an admin.</p>
        </Notice>
      );
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
