import { useState } from 'preact/hooks';
import type { Party, PartyId } from '../../domain/types.ts';

/** Matches shown under the party field: a few, so a business with hundreds of parties adds a few nodes, not hundreds. */
const MAX_MATCHES = 8;

type Props = { id: string; partyId: PartyId | ''; parties: ReadonlyMap<string, Party>; onParty: (id: PartyId | '') => void };

/**
 * One party, typed: the matching parties (name or area) are offered as buttons under the field,
 * Enter takes the first; the chosen one shows with a Clear button. Replaces a select of every party
 * (560 options at a busy distributor, part of the screen's DOM on every open).
 */
export function PartyPicker({ id, partyId, parties, onParty }: Props) {
  const [text, setText] = useState('');
  const chosen = partyId === '' ? undefined : parties.get(partyId);
  if (partyId !== '') {
    return (
      <div class="field party-picker">
        <span class="field__label">Party</span>
        <div class="party-picker__chosen">
          <span data-testid={`${id}-party-chosen`}>{chosen === undefined ? 'A removed party' : `${chosen.name} · ${chosen.area}`}</span>
          <button type="button" class="button button--small button--quiet" onClick={() => onParty('')} data-testid={`${id}-party-clear`}>
            Clear
          </button>
        </div>
      </div>
    );
  }
  const words = text.trim().toLocaleLowerCase();
  const matches = words === '' ? [] : [...parties].filter(([, p]) => `${p.name} ${p.area}`.toLocaleLowerCase().includes(words)).sort((a, b) => a[1].name.localeCompare(b[1].name)).slice(0, MAX_MATCHES);
  const pick = (pid: string) => {
    setText('');
    onParty(pid as PartyId);
  };
  return (
    <div class="field party-picker">
      <label class="field__label" for={`${id}-party-input`}>
        Party
      </label>
      <input
        id={`${id}-party-input`}
        class="field__input"
        type="search"
        value={text}
        placeholder="All parties: type a name or area"
        autoComplete="off"
        onInput={(e) => setText(e.currentTarget.value)}
        onKeyDown={(e) => {
          if (e.key === 'Enter' && matches[0] !== undefined) pick(matches[0][0]);
        }}
        data-testid={`${id}-party`}
      />
      {words !== '' && (
        <ul class="party-picker__matches" aria-label="Matching parties">
          {matches.length === 0 && <li class="history-note">No party matches.</li>}
          {matches.map(([pid, p]) => (
            <li key={pid}>
              <button type="button" class="button button--small button--quiet" onClick={() => pick(pid)} data-testid="party-option">
                {p.name} · {p.area}
              </button>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
