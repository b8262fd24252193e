import { useEffect, useState } from 'preact/hooks';
import { changeUserStatus, sendRetailerPasswordReset, STATUS_MOVES, users } from '../../../data/accounts.ts';
import { currentUser } from '../../../data/auth.ts';
import { itemsOf } from '../../../data/collections.ts';
import { presence, presenceText } from '../../../data/presence.ts';
import type { Uid, UserRecord } from '../../../domain/types.ts';
import { showToast } from '../../../ui/toasts.ts';
import { partyNameOf } from '../approvals/partyName.ts';
import { CreateRetailerDialog } from './CreateRetailerDialog.tsx';
import { ReauthDialog } from '../../ReauthDialog.tsx';
import './UsersScreen.css';

type Move = keyof typeof STATUS_MOVES;
/** What an admin does to an account: a status move, or a password-reset email (retailers). */
type Action = Move | 'reset';
const LABEL: Record<Action, string> = { approve: 'Approve', reject: 'Reject', remove: 'Remove', disable: 'Disable', enable: 'Enable', reset: 'Reset password' };
const STATUS_ORDER = { pending: 0, active: 1, disabled: 2, removed: 3 } as const;

/** What the password dialog says an action does to `email`. */
function consequence(action: Action, email: string): string {
  switch (action) {
    case 'approve':
    case 'enable':
      return `${email} gets access ${action === 'enable' ? 'back ' : 'to all business data '}at once.`;
    case 'reset':
      return `A password-reset email goes to ${email}; their current password works until they set a new one.`;
    case 'disable':
      return `${email} loses access at once, even while signed in, until an admin enables the account again.`;
    default:
      return `${email} loses access at once, even while signed in.`;
  }
}

/** Admins: everyone's account, role, party (retailers), status and presence; approve, reject, remove, disable, password reset, new retailers. */
export function UsersScreen() {
  const list = users.value;
  const seen = itemsOf(presence.value);
  const me = currentUser.value?.uid;
  const [now, setNow] = useState(Date.now());
  const [pending, setPending] = useState<{ uid: Uid; user: UserRecord; action: Action } | null>(null);
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
          const isRetailer = u.role === 'retailer';
          // A retailer is disabled (reversibly) rather than removed: Disable takes Remove's place on their row.
          const moves: Action[] = (Object.keys(STATUS_MOVES) as Move[]).filter(
            (m) => STATUS_MOVES[m].from === u.status && (isRetailer ? m !== 'remove' : STATUS_MOVES[m].isRetailerOnly !== true),
          );
          if (isRetailer && u.status !== 'removed') moves.push('reset');
          return (
            <li key={uid} class="card users__row" data-testid="user-row" data-email={u.email}>
              <div class="users__who">
                <strong>{u.name}</strong> <span class="users__meta">{u.email}</span>
                <div class="users__meta">
                  {/* A retailer's party stands for the role (one line on a phone; the role is read out). */}
                  {u.partyId === undefined ? (
                    u.role
                  ) : (
                    <>
                      <span class="visually-hidden">retailer of </span>
                      <span data-testid="user-party">{partyNameOf(u.partyId)}</span>
                    </>
                  )}{' '}
                  · <span data-testid="user-status">{u.status}</span> ·{' '}
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
                      class={`button button--small ${m === 'approve' || m === 'enable' ? 'button--primary' : m === 'reset' ? '' : 'button--danger'}`}
                      onClick={() => setPending({ uid: uid as Uid, user: u, action: m })}
                    >
                      {LABEL[m]}
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
          title={pending.action === 'reset' ? `Send ${pending.user.name} a password-reset email?` : `${LABEL[pending.action]} ${pending.user.name}?`}
          confirmLabel={pending.action === 'reset' ? 'Send email' : LABEL[pending.action]}
          isDanger={pending.action !== 'approve' && pending.action !== 'enable' && pending.action !== 'reset'}
          onCancel={() => setPending(null)}
          onConfirmed={async () => {
            const { action, user } = pending;
            if (action === 'reset') {
              const problem = await sendRetailerPasswordReset(user.email);
              if (problem !== null) throw new Error(problem);
              showToast('success', `Password-reset email sent to ${user.email}.`);
            } else {
              await changeUserStatus(pending.uid, action);
              showToast('success', `${user.name}: ${STATUS_MOVES[action].to}.`);
            }
            setPending(null);
          }}
        >
          <p>{consequence(pending.action, pending.user.email)} Re-enter your own password to confirm.</p>
        </ReauthDialog>
      )}
      {isCreating && <CreateRetailerDialog onClose={() => setCreating(false)} />}
    </main>
  );
}
