import { useEffect, useState } from 'preact/hooks';
import { signOut } from '../../data/auth.ts';
import { billingQueue, hold, holdMasterData, pendingOrders } from '../../data/collections.ts';
import { startDispatchReminders } from '../../data/dispatchReminders.ts';
import { startExpiryJob } from '../../data/expiryJob.ts';
import { currentUser } from '../../data/auth.ts';
import { startPresence } from '../../data/presenceSession.ts';
import { clearSyncError, syncState } from '../../data/sync.ts';
import type { UserRecord } from '../../domain/types.ts';
import { AccountMenu } from '../../ui/AccountMenu.tsx';
import { AppHeader } from '../../ui/AppHeader.tsx';
import { SyncStatus } from '../../ui/SyncStatus.tsx';
import { Toasts } from '../../ui/Toasts.tsx';
import { ApprovalsScreen } from '../screens/approvals/ApprovalsScreen.tsx';
import { BillingScreen } from '../screens/billing/BillingScreen.tsx';
import { DeletedScreen } from '../screens/deleted/DeletedScreen.tsx';
import { ExpiredScreen } from '../screens/expired/ExpiredScreen.tsx';
import { HomeScreen } from '../screens/home/HomeScreen.tsx';
import { NewOrderScreen } from '../screens/newOrder/NewOrderScreen.tsx';
import { PendingScreen } from '../screens/pending/PendingScreen.tsx';
import { showDispatchReminder } from '../screens/sent/dispatchReminder.ts';
import { SentScreen } from '../screens/sent/SentScreen.tsx';
import { StockScreen } from '../screens/stock/StockScreen.tsx';
import { SupportScreen } from '../screens/support/SupportScreen.tsx';
import { UsersScreen } from '../screens/users/UsersScreen.tsx';
import { StaffNav } from './StaffNav.tsx';
import { route } from './route.ts';

/** The signed-in staff app: header, screen tabs, sync state, toasts and the current screen. */
export function StaffShell({ record }: { record: UserRecord }) {
  const sync = syncState.value;
  // Expiry and the deleted-orders purge run on every staff device; they are conditional transitions, so devices racing do no harm.
  useEffect(() => startExpiryJob(), []);
  // The catalogue and parties stay listened to for the session once a screen past Home needs them:
  // one download, not one per screen (Home itself needs neither, and opens within its byte budget).
  const isPastHome = useLatch(route.value !== 'home');
  useEffect(() => (isPastHome ? holdMasterData() : undefined), [isPastHome]);
  // Likewise the two working sets, once their screen has been opened: coming back costs only
  // what changed meanwhile, not the whole of them again (megabytes in a busy year).
  const hasOpenedPending = useLatch(route.value === 'pending');
  useEffect(() => (hasOpenedPending ? hold(pendingOrders) : undefined), [hasOpenedPending]);
  const hasOpenedBilling = useLatch(route.value === 'billing');
  useEffect(() => (hasOpenedBilling ? hold(billingQueue.view) : undefined), [hasOpenedBilling]);
  // The daily "Dispatch pending" reminder (docs/decisions/003-dispatch-reminders.md).
  useEffect(() => startDispatchReminders(showDispatchReminder), []);
  // Online presence and last seen for the Users directory (onDisconnect marks this device offline).
  const uid = currentUser.value?.uid;
  useEffect(() => (uid === undefined ? undefined : startPresence(uid)), [uid]);
  return (
    <div class="app-shell">
      <AppHeader title="D-OMS">
        <AccountMenu name={record.name} detail={`${record.email} · ${record.role}`} onSignOut={() => void signOut()} />
      </AppHeader>
      <StaffNav isAdmin={record.role === 'admin'} />
      <div class="app-shell__main">
        <SyncStatus isConnected={sync.isConnected} error={sync.lastError?.message ?? null} onDismiss={clearSyncError} />
        <Toasts />
        <Screen record={record} />
      </div>
    </div>
  );
}

function Screen({ record }: { record: UserRecord }) {
  switch (route.value) {
    case 'home':
      return <HomeScreen record={record} />;
    case 'new':
      return <NewOrderScreen record={record} />;
    case 'pending':
      return <PendingScreen record={record} />;
    case 'billing':
      return <BillingScreen record={record} />;
    case 'sent':
      return <SentScreen record={record} />;
    case 'deleted':
      return <DeletedScreen record={record} />;
    case 'expired':
      return <ExpiredScreen record={record} />;
    case 'stock':
      return <StockScreen record={record} />;
    case 'approvals':
      return record.role === 'admin' ? <ApprovalsScreen /> : <HomeScreen record={record} />;
    case 'users':
      return record.role === 'admin' ? <UsersScreen /> : <HomeScreen record={record} />;
    case 'support':
      return record.role === 'admin' ? <SupportScreen record={record} /> : <HomeScreen record={record} />;
  }
}

/** False until `condition` is first true, then true for good. */
function useLatch(condition: boolean): boolean {
  const [isSet, set] = useState(condition);
  if (condition && !isSet) set(true);
  return isSet || condition;
}
