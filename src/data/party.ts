import type { ReadonlySignal } from '@preact/signals-core';
import type { Party, PartyId } from '../domain/types.ts';
import { partySchema } from '../domain/validate.ts';
import { liveRecord, type Live } from './live.ts';

const parties = new Map<PartyId, ReadonlySignal<Live<Party>>>();

/** A party's `parties/{partyId}` record, live while something reads it. */
export function partySignal(partyId: PartyId): ReadonlySignal<Live<Party>> {
  let party = parties.get(partyId);
  if (party === undefined) {
    party = liveRecord(`parties/${partyId}`, partySchema);
    parties.set(partyId, party);
  }
  return party;
}
