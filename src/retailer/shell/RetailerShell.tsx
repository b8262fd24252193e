import { useEffect } from 'preact/hooks';
import { signOut } from '../../data/auth.ts';
import { holdOrderingData } from '../../data/portal.ts';
import { startPresence } from '../../data/presenceSession.ts';
import { clearSyncError, syncState } from '../../data/sync.ts';
import { AccountMenu } from '../../ui/AccountMenu.tsx';
import { AppHeader } from '../../ui/AppHeader.tsx';
import { AppNav } from '../../ui/AppNav.tsx';
import { SyncStatus } from '../../ui/SyncStatus.tsx';
import { Toasts } from '../../ui/Toasts.tsx';
import { navigate, route, ROUTES } from './routes.ts';
import { prefetchScreens, SCREENS, type ScreenProps } from './screens.ts';

const NAV = ROUTES.map((r) => ({ id: r.id, label: r.label, icon: r.icon, isPrimary: r.isPrimary }));

/** The signed-in portal: header with the account menu, navigation (bottom bar on phones, side column on desktop), sync state, toasts and the screen. */
export function RetailerShell(props: ScreenProps) {
  const sync = syncState.value;
  // Online presence and last seen, for the admins' Users screen (as on the staff app).
  useEffect(() => startPresence(props.uid), [props.uid]);
  // Once the first screen is up: the other screens' code, and the catalogue (a tap on Place order
  // then waits for nothing, and the next visit opens on a fresh saved copy).
  useEffect(() => {
    let release: (() => void) | null = null;
    const t = setTimeout(() => {
      prefetchScreens();
      release = holdOrderingData();
    }, 1000);
    return () => {
      clearTimeout(t);
      release?.();
    };
  }, []);
  const id = route.value.id;
  const Screen = SCREENS[id] ?? SCREENS['home'];
  return (
    <div class="app-shell">
      <AppHeader title="D-OMS · Retailer">
        <AccountMenu name={props.record.name} detail={props.record.email} onSignOut={() => void signOut()} />
      </AppHeader>
      <AppNav items={NAV} current={id} onNavigate={navigate} />
      <div class="app-shell__main">
        <SyncStatus isConnected={sync.isConnected} error={sync.lastError?.message ?? null} onDismiss={clearSyncError} />
        <Toasts />
        {Screen !== undefined && <Screen {...props} />}
      </div>
    </div>
  );
}
