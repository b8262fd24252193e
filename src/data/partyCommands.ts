/**
 * Creating a party from the new-order screen ("NAME - AREA"). The party gets a push id (a name
 * is not a key: names repeat and may hold characters keys cannot); the rules let staff create a
 * party but not change or delete one (docs/data-model.md).
 */
import { ref, set } from 'firebase/database';
import { findSameParty, parsePartyText } from '../domain/orderForm.ts';
import { SERVER_TIMESTAMP } from '../domain/patch.ts';
import type { Party, PartyId } from '../domain/types.ts';
import { ActionError, toActionError } from './actionError.ts';
import { db } from './firebase.ts';
import { actorUid, newPushId } from './orderStore.ts';

/** A party the form can select: its id and record. */
export type CreatedParty = { id: PartyId; party: Party; isNew: boolean };

/**
 * Adds the party written as "NAME - AREA" to `parties/{newPushId}`; when one with the same
 * name and area exists already it is returned instead (no duplicate). Throws an ActionError
 * naming the field when the text is not in that form.
 */
export async function addPartyFromText(text: string, existing: ReadonlyMap<string, Party>): Promise<CreatedParty> {
  const r = parsePartyText(text);
  if (!r.ok) {
    const e = r.errors[0];
    throw new ActionError(`Party ${e === undefined ? 'is not valid' : e.message}.`, 'party', 'invalid');
  }
  const same = findSameParty(existing, r.value);
  if (same !== null) {
    const party = existing.get(same);
    if (party !== undefined) return { id: same as PartyId, party, isNew: false };
  }
  actorUid();
  const id = newPushId() as PartyId;
  try {
    await set(ref(db, `parties/${id}`), { ...r.value, updatedAt: SERVER_TIMESTAMP });
  } catch (e) {
    throw toActionError(e);
  }
  return { id, party: r.value, isNew: true };
}
