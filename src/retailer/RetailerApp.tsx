import { useEffect } from 'preact/hooks';
import { accessSignal } from '../data/access.ts';
import { hold } from '../data/liveCollection.ts';
import { portalCatalog } from '../data/portal.ts';
import { signIn, signOut } from '../data/auth.ts';
import { Loading } from '../ui/Loading.tsx';
import { Notice } from '../ui/Notice.tsx';
import { SignInForm } from '../ui/SignInForm.tsx';
import { route } from './shell/routes.ts';
import { RetailerShell } from './shell/RetailerShell.tsx';

const access = accessSignal('retailer');

/**
 * Opened on Place order or Stock check: listen to the catalogue as soon as the session is known,
 * alongside the user record rather than after it (one round trip less before the screen is usable;
 * the rules decide on the server's record either way).
 */
function useEarlyCatalogue(uid: string | undefined): void {
  const id = route.value.id;
  const isOrdering = id === 'order' || id === 'stock';
  useEffect(() => (uid !== undefined && isOrdering ? hold(portalCatalog) : undefined), [uid, isOrdering]);
}
const signOutAction = { label: 'Sign out', onClick: () => void signOut() };

/** The retailer portal: sign-in, then the retailer's own shop. */
export function RetailerApp() {
  const a = access.value;
  useEarlyCatalogue(a.kind === 'loading' || a.kind === 'ready' ? a.user.uid : undefined);
  switch (a.kind) {
    case 'starting':
      return <Loading label="Starting…" />;
    case 'signed-out':
      return <SignInForm title="D-OMS" subtitle="Retailer sign-in" onSubmit={signIn} />;
    case 'loading':
      return <Loading label="Loading your account…" />;
    case 'no-record':
      return (
        <Notice title="No account record" action={signOutAction}>
          <p>You are signed in as {a.user.email ?? 'this user'}, but your distributor has not set up your account yet.</p>
        </Notice>
      );
    case 'denied':
      return (
        <Notice title="Account not readable" action={signOutAction}>
          <p>The database refused to show your account ({a.user.email ?? 'this user'}). Contact your distributor.</p>
        </Notice>
      );
    case 'invalid-record':
      return (
        <Notice title="Account record incomplete" action={signOutAction}>
          <p>Your account record cannot be used ({a.problem}). Contact your distributor.</p>
        </Notice>
      );
    case 'pending':
      return (
        <Notice title="Waiting for approval" action={signOutAction}>
          <p>Hello {a.record.name}. Your distributor has to approve your account before you can order. This page updates by itself.</p>
        </Notice>
      );
    case 'removed':
      return (
        <Notice title={a.record.status === 'disabled' ? 'Account disabled' : 'Account removed'} action={signOutAction}>
          <p>Your account has been {a.record.status === 'disabled' ? 'disabled' : 'removed'}. Contact your distributor.</p>
        </Notice>
      );
    case 'wrong-app':
      return (
        <Notice title="This is the retailer portal" action={signOutAction}>
          <p>
            Staff work in the <a href="./">staff app</a>.
          </p>
        </Notice>
      );
    case 'ready':
      if (a.record.partyId !== undefined) return <RetailerShell uid={a.user.uid} record={a.record} partyId={a.record.partyId} />;
      return (
        <Notice title="No shop linked" action={signOutAction}>
          <p>Your account is not linked to a shop yet. Contact your distributor.</p>
        </Notice>
      );
  }
}
