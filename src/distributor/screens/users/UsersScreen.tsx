import { useEffect, useState } from 'preact/hooks';
import { changeUserStatus, STATUS_MOVES, users } from '../../../data/accounts.ts';
import { currentUser } from '../../../data/auth.ts';
import { itemsOf } from '../../../data/collections.ts';
import { presence, presenceText } from '../../../data/presence.ts';
import type { Uid, UserRecord } from '../../../domain/types.ts';
import { showToast } from '../../../ui/toasts.ts';
import { CreateRetailerDialog } from './CreateRetailerDialog.tsx';
import { ReauthDialog } from '../../ReauthDialog.tsx';
import './UsersScreen.css';

type Move = keyof typeof STATUS_MOVES;
const MOVE_LABEL: Record<Move, string> = { approve: 'Approve', reject: 'Reject', remove: 'Remove' };
const STATUS_ORDER = { pending: 0, active: 1, removed: 2 } as const;

/** Admins: everyone's account, role, status and presence; approve, reject, remove, new retailers. */
export function UsersScreen() {
  const list = users.value;
  const seen = itemsOf(presence.value);
  const me = currentUser.value?.uid;
  const [now, setNow] = useState(Date.now());
  const [pending, setPending] = useState<{ uid: Uid; user: UserRecord; move: Move } | null>(null);
  const [isCreating, setCreating] = useState(false);
  // "last seen 5 min ago" moves on by itself.
  useEffect(() => {
    const t = setInterval(() => setNow(Date.now()), 30_000);
    return () => clearInterval(t);
  }, []);

  const rows = [...itemsOf(list)].sort((a, b) => STATUS_ORDER[a[1].status] - STATUS_ORDER[b[1].status] || a[1].name.localeCompare(b[1].name));
  return (
    <main class="screen" data-testid="users-screen">
      <h1>Users</h1>
      <button type="button" class="button button--primary" onClick={() => setCreating(true)}>
        New retailer account
      </button>
      {list.state === 'loading' && (
        <p class="empty-state" aria-busy="true">
          Loading users…
        </p>
      )}
      {list.state === 'denied' && (
        <p class="form-error" role="alert">
          The database refused the user list. Only active admins may see it.
        </p>
      )}
      {list.state === 'ready' && rows.length === 0 && <p class="empty-state">No users yet.</p>}
      <ul class="users__list">
        {rows.map(([uid, u]) => {
          const status = presenceText(seen.get(uid), now);
          const moves = (Object.keys(STATUS_MOVES) as Move[]).filter((m) => STATUS_MOVES[m].from === u.status);
          return (
            <li key={uid} class="card users__row" data-testid="user-row" data-email={u.email}>
              <div class="users__who">
                <strong>{u.name}</strong> <span class="users__meta">{u.email}</span>
                <div class="users__meta">
                  {u.role} · <span data-testid="user-status">{u.status}</span> ·{' '}
                  <span data-testid="user-presence" class={status === 'online' ? 'users__online' : undefined}>
                    {status}
                  </span>
                </div>
              </div>
              <div class="users__buttons">
                {uid === me ? (
                  <span class="users__meta">You (another admin changes your account)</span>
                ) : (
                  moves.map((m) => (
                    <button
                      key={m}
                      type="button"
                      class={`button button--small ${m === 'approve' ? 'button--primary' : 'button--danger'}`}
                      onClick={() => setPending({ uid: uid as Uid, user: u, move: m })}
                    >
                      {MOVE_LABEL[m]}
                    </button>
                  ))
                )}
              </div>
            </li>
          );
        })}
      </ul>
      {pending !== null && (
        <ReauthDialog
          title={`${MOVE_LABEL[pending.move]} ${pending.user.name}?`}
          confirmLabel={MOVE_LABEL[pending.move]}
          isDanger={pending.move !== 'approve'}
          onCancel={() => setPending(null)}
          onConfirmed={async () => {
            await changeUserStatus(pending.uid, pending.move);
            showToast('success', `${pending.user.name}: ${STATUS_MOVES[pending.move].to}.`);
            setPending(null);
          }}
        >
          <p>
            {pending.move === 'approve'
              ? `${pending.user.email} gets access to all business data at once.`
              : `${pending.user.email} loses access at once, even while signed in.`}{' '}
            Re-enter your own password to confirm.
          </p>
        </ReauthDialog>
      )}
      {isCreating && <CreateRetailerDialog onClose={() => setCreating(false)} />}
    </main>
  );
}
