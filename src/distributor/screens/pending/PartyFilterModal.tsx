import { useState } from 'preact/hooks';
import type { PartyChoice } from '../../../domain/pending.ts';
import { Modal } from '../../../ui/Modal.tsx';

type Props = {
  choices: readonly PartyChoice[];
  current: ReadonlySet<string> | null;
  onApply: (selected: ReadonlySet<string>) => void;
  onClose: () => void;
};

/** Choose parties to show. Closing without applying keeps the filter as it was. */
export function PartyFilterModal({ choices, current, onApply, onClose }: Props) {
  const [selected, setSelected] = useState<Set<string>>(() => new Set(current ?? []));
  const [problem, setProblem] = useState<string | null>(null);
  const toggle = (id: string) => {
    setProblem(null);
    setSelected((s) => {
      const next = new Set(s);
      if (next.has(id)) next.delete(id);
      else next.add(id);
      return next;
    });
  };
  const apply = () => {
    if (selected.size === 0) return setProblem('Select at least one party, or close to keep all parties.');
    onApply(selected);
  };
  return (
    <Modal
      title="Filter by party"
      onClose={onClose}
      testId="party-filter"
      footer={
        <>
          <button type="button" class="button button--quiet" onClick={onClose}>
            Cancel
          </button>
          <button type="button" class="button button--primary" onClick={apply}>
            Show results
          </button>
        </>
      }
    >
      <div class="party-filter__tools">
        <button type="button" class="button button--quiet button--small" onClick={() => (setProblem(null), setSelected(new Set(choices.map((c) => c.partyId))))}>
          Select all
        </button>
        <button type="button" class="button button--quiet button--small" onClick={() => setSelected(new Set())}>
          Select none
        </button>
        <span role="status" data-testid="party-filter-count">
          {selected.size} of {choices.length} parties selected
        </span>
      </div>
      <fieldset class="party-filter__list">
        <legend class="visually-hidden">Parties</legend>
        {choices.map((c) => (
          <label key={c.partyId} class="party-filter__choice">
            <input type="checkbox" checked={selected.has(c.partyId)} onChange={() => toggle(c.partyId)} />
            <span>{c.name}</span>
            <span class="pending__muted">
              {c.orders} order{c.orders === 1 ? '' : 's'}
            </span>
          </label>
        ))}
      </fieldset>
      {problem !== null && (
        <p class="form-error" role="alert">
          {problem}
        </p>
      )}
    </Modal>
  );
}
