import { signOut } from '../../../data/auth.ts';
import { orderCounts } from '../../../data/counts.ts';
import type { UserRecord } from '../../../domain/types.ts';
import { clearSyncError, syncState } from '../../../data/sync.ts';
import { AppHeader } from '../../../ui/AppHeader.tsx';
import { SyncStatus } from '../../../ui/SyncStatus.tsx';
import { OrderCountTiles } from './OrderCountTiles.tsx';

/** Staff home: who is signed in and how many orders wait in each collection, live. */
export function HomeScreen({ record }: { record: UserRecord }) {
  const sync = syncState.value;
  return (
    <>
      <AppHeader title="D-OMS · Staff" userName={record.name} onSignOut={() => void signOut()} />
      <SyncStatus isConnected={sync.isConnected} error={sync.lastError?.message ?? null} onDismiss={clearSyncError} />
      <main class="screen">
        <h1 class="visually-hidden">Orders</h1>
        <OrderCountTiles counts={orderCounts.value} />
      </main>
    </>
  );
}
