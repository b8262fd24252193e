import { partySignal } from '../../../data/party.ts';
import type { PartyId } from '../../../domain/types.ts';

/** The party's name, live (read it while rendering); its id while loading or when it cannot be read. */
export function partyNameOf(partyId: PartyId): string {
  const p = partySignal(partyId).value;
  return p.state === 'ready' ? p.value.name : p.state === 'loading' ? '…' : `party ${partyId}`;
}
