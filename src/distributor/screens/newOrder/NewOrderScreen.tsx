import type { UserRecord } from '../../../domain/types.ts';

/** PLACEHOLDER while the screen is being built (issue 4). */
export function NewOrderScreen(_props: { record: UserRecord }) {
  return <main class="screen"><h1>NewOrder</h1></main>;
}
