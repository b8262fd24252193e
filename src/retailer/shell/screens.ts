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

// Opened straight on an ordering screen (a bookmark, a reload): fetch its code now, alongside sign-in.
const start = location.hash.replace(/^#\/?/, '');
if (start.startsWith('order')) void order.load().catch(() => undefined);
if (start.startsWith('stock')) void stock.load().catch(() => undefined);
if (start.startsWith('orders')) void orders.load().catch(() => undefined);
if (start.startsWith('support')) void support.load().catch(() => undefined);

/** Fetches the lazily loaded screens' code without showing them (after Home is on screen). */
export function prefetchScreens(): void {
  void order.load().catch(() => undefined);
  void stock.load().catch(() => undefined);
  void orders.load().catch(() => undefined);
  void support.load().catch(() => undefined);
}
