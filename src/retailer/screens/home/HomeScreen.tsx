import { useEffect } from 'preact/hooks';
import { signOut } from '../../../data/auth.ts';
import { partySignal } from '../../../data/party.ts';
import { startPresence } from '../../../data/presenceSession.ts';
import type { PartyId, Uid, UserRecord } from '../../../domain/types.ts';
import { clearSyncError, syncState } from '../../../data/sync.ts';
import { AccountMenu } from '../../../ui/AccountMenu.tsx';
import { AppHeader } from '../../../ui/AppHeader.tsx';
import { SyncStatus } from '../../../ui/SyncStatus.tsx';
import { YourOrders } from './YourOrders.tsx';
import './HomeScreen.css';

/** Retailer home: the retailer's name, their shop (party) and their orders, live. */
export function HomeScreen({ uid, record, partyId }: { uid: Uid; record: UserRecord; partyId: PartyId }) {
  const sync = syncState.value;
  const party = partySignal(partyId).value;
  // Online presence and last seen, for the admins' Users screen (as on the staff app).
  useEffect(() => startPresence(uid), [uid]);
  return (
    <>
      <AppHeader title="D-OMS · Retailer">
        <AccountMenu name={record.name} detail={record.email} onSignOut={() => void signOut()} />
      </AppHeader>
      <SyncStatus isConnected={sync.isConnected} error={sync.lastError?.message ?? null} onDismiss={clearSyncError} />
      <main class="screen">
        <section class="party-card" data-testid="retailer-party" aria-busy={party.state === 'loading'}>
          {party.state === 'ready' ? (
            <>
              <h1 class="party-card__name">{party.value.name}</h1>
              <p class="party-card__area">{party.value.area}</p>
            </>
          ) : (
            <p>{party.state === 'loading' ? 'Loading your shop…' : 'Your shop cannot be shown. Contact your distributor.'}</p>
          )}
        </section>
        <nav class="home-links" aria-label="Portal">
          <a class="button button--quiet" href="#/orders">
            Track your orders
          </a>
          <a class="button button--quiet" href="#/support">
            Report a problem
          </a>
        </nav>
        <YourOrders uid={uid} />
      </main>
    </>
  );
}
