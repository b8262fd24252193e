import type { UserRecord } from '../../../domain/types.ts';

/** PLACEHOLDER while the screen is being built (issue 4). */
export function PendingScreen(_props: { record: UserRecord }) {
  return <main class="screen"><h1>Pending</h1></main>;
}
