/** Each route's screen component (routes.ts lists the routes). */
import type { ComponentType } from 'preact';
import type { PartyId, Uid, UserRecord } from '../../domain/types.ts';
import { HomeScreen } from '../screens/home/HomeScreen.tsx';
import { PlaceOrderScreen } from '../screens/order/PlaceOrderScreen.tsx';
import { StockCheckScreen } from '../screens/stock/StockCheckScreen.tsx';

/** What every portal screen is given: the signed-in retailer and their party. */
export type ScreenProps = { uid: Uid; record: UserRecord; partyId: PartyId };

export const SCREENS: Readonly<Record<string, ComponentType<ScreenProps>>> = {
  home: HomeScreen,
  order: PlaceOrderScreen,
  stock: StockCheckScreen,
};
