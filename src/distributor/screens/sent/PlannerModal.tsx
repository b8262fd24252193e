import { useState } from 'preact/hooks';
import { serverClock } from '../../../data/expiryJob.ts';
import { markCardsDelivered, type RecordFailure } from '../../../data/historyCommands.ts';
import { deliveryPlan } from '../../../data/settings.ts';
import { areasOn, cardsForDay, weekdayOf, WEEKDAY_LABEL, WEEKDAYS, type Weekday } from '../../../domain/delivery.ts';
import type { SentCard } from '../../../domain/sentHistory.ts';
import type { Party } from '../../../domain/types.ts';
import { Modal } from '../../../ui/Modal.tsx';
import { showToast } from '../../../ui/toasts.ts';
import { formatDate } from '../../../ui/dates.ts';
import { PlanEditor } from './PlanEditor.tsx';

type Props = { cards: readonly SentCard[]; parties: ReadonlyMap<string, Party>; isAdmin: boolean; onClose: () => void };

/** Delivery planner: pick a weekday, see the undelivered cards of its areas, tick and mark them delivered. */
export function PlannerModal({ cards, parties, isAdmin, onClose }: Props) {
  const [day, setDay] = useState<Weekday>(() => weekdayOf(serverClock()));
  const [selected, setSelected] = useState<ReadonlySet<string>>(new Set());
  const [isBusy, setBusy] = useState(false);
  const [failures, setFailures] = useState<RecordFailure[]>([]);
  const [isEditing, setEditing] = useState(false);
  const plan = deliveryPlan.value;
  const due = cardsForDay(cards, parties, plan, day);
  const areas = areasOn(plan, day);
  const chosen = due.filter((c) => selected.has(c.key));

  const pickDay = (d: Weekday) => {
    setDay(d);
    setSelected(new Set());
    setFailures([]);
  };
  const toggle = (key: string) => setSelected((s) => (s.has(key) ? new Set([...s].filter((k) => k !== key)) : new Set([...s, key])));
  const markSelected = async () => {
    if (isBusy || chosen.length === 0) return;
    setBusy(true);
    setFailures([]);
    try {
      const r = await markCardsDelivered(chosen);
      setFailures(r.failures);
      if (r.done > 0) showToast('success', `${r.done} order(s) marked delivered`);
      setSelected(new Set());
    } finally {
      setBusy(false);
    }
  };

  return (
    <Modal
      title="Delivery planner"
      onClose={onClose}
      testId="planner"
      footer={
        <button type="button" class="button button--primary" disabled={isBusy || chosen.length === 0} onClick={() => void markSelected()} data-testid="mark-selected">
          {isBusy ? 'Marking…' : `Mark selected delivered (${chosen.length})`}
        </button>
      }
    >
      <div class="planner-days" role="group" aria-label="Weekday">
        {WEEKDAYS.map((d) => (
          <button key={d} type="button" class="button button--small button--quiet" aria-pressed={d === day} onClick={() => pickDay(d)}>
            {WEEKDAY_LABEL[d].slice(0, 3)}
          </button>
        ))}
      </div>
      <p class="history-note" data-testid="planner-areas">
        {WEEKDAY_LABEL[day]}: {areas.length === 0 ? 'no areas planned' : areas.join(', ')}
      </p>
      {due.length === 0 ? (
        <p class="empty-state">{areas.length === 0 ? 'No areas are planned for this day.' : 'Nothing undelivered for these areas.'}</p>
      ) : (
        <>
          <button type="button" class="button button--small button--quiet" onClick={() => setSelected(new Set(due.map((c) => c.key)))}>
            Select all ({due.length})
          </button>
          <ul class="planner-list">
            {due.map((c) => (
              <li key={c.key}>
                <label data-testid="planner-card">
                  <input type="checkbox" checked={selected.has(c.key)} onChange={() => toggle(c.key)} />
                  <span>
                    <strong>{c.number}</strong> · {c.partyName} · {parties.get(c.partyId)?.area ?? ''} · billed {formatDate(c.latest)} · {c.total} pcs
                  </span>
                </label>
              </li>
            ))}
          </ul>
        </>
      )}
      {failures.length > 0 && (
        <div class="form-error" role="alert" data-testid="planner-failures">
          Not marked:
          <ul>
            {failures.map((f) => (
              <li key={f.label}>
                {f.label}: {f.message}
              </li>
            ))}
          </ul>
        </div>
      )}
      {isAdmin &&
        (isEditing ? (
          <PlanEditor plan={plan} onDone={() => setEditing(false)} />
        ) : (
          <button type="button" class="button button--small button--quiet" onClick={() => setEditing(true)}>
            Edit the weekly plan
          </button>
        ))}
    </Modal>
  );
}
