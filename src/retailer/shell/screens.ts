/**
 * Each route's screen component (routes.ts lists the routes). Home is in the first bundle; the
 * other screens (ordering, tracking, support) load on first use, and in the background once Home is
 * on screen, so the first screen's JS stays small (bench:portal, docs/benchmarks.md).
 */
import type { ComponentType } from 'preact';
import { h } from 'preact';
import type { PartyId, Uid, UserRecord } from '../../domain/types.ts';
import { HomeScreen } from '../screens/home/HomeScreen.tsx';
import { LazyScreen, screenLoader, type ScreenLoader } from './LazyScreen.tsx';
import { route } from './routes.ts';

/** What every portal screen is given: the signed-in retailer and their party. */
export type ScreenProps = { uid: Uid; record: UserRecord; partyId: PartyId };

const order = screenLoader(() => import('../screens/order/PlaceOrderScreen.tsx').then((m) => m.PlaceOrderScreen));
const stock = screenLoader(() => import('../screens/stock/StockCheckScreen.tsx').then((m) => m.StockCheckScreen));
const orders = screenLoader(() => import('../screens/orders/OrdersScreen.tsx').then((m) => m.OrdersScreen));
const support = screenLoader(() => import('../screens/support/SupportScreen.tsx').then((m) => m.SupportScreen));

const lazy = (loader: ScreenLoader): ComponentType<ScreenProps> => (props) => h(LazyScreen, { ...props, loader });

export const SCREENS: Readonly<Record<string, ComponentType<ScreenProps>>> = {
  home: HomeScreen,
  order: lazy(order),
  stock: lazy(stock),
  orders: lazy(orders),
  support: lazy(support),
};

// Opened straight on a lazily loaded screen (a bookmark, a reload): load its code now, alongside
// sign-in. In a production build the page has already started fetching it (buildTools/routePreload.ts).
const LOADERS: Readonly<Record<string, ScreenLoader>> = { order, stock, orders, support };
void LOADERS[route.peek().id]?.load().catch(() => undefined);

/** Fetches the lazily loaded screens' code without showing them (after Home is on screen). */
export function prefetchScreens(): void {
  for (const loader of Object.values(LOADERS)) void loader.load().catch(() => undefined);
}
