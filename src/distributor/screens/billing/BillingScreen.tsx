import type { UserRecord } from '../../../domain/types.ts';

/** PLACEHOLDER while the screen is being built (issue 4). */
export function BillingScreen(_props: { record: UserRecord }) {
  return <main class="screen"><h1>Billing</h1></main>;
}
