import type { UserRecord } from '../../../domain/types.ts';

/** PLACEHOLDER while the screen is being built (issue 4). */
export function StockScreen(_props: { record: UserRecord }) {
  return <main class="screen"><h1>Stock</h1></main>;
}
