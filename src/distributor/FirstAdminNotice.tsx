import { useEffect, useState } from 'preact/hooks';
import { claimFirstAdmin, firstAdminOpen } from '../data/accounts.ts';
import { Notice } from '../ui/Notice.tsx';

type Props = { email: string | null; onSignOut: () => void };

/**
 * Signed in without a `users/{uid}` record. In a brand-new project (no `meta/firstAdmin` yet)
 * the person may make themselves the first admin; the rules let only one person ever do so.
 */
export function FirstAdminNotice({ email, onSignOut }: Props) {
  const [isOpen, setOpen] = useState(false);
  const [name, setName] = useState('');
  const [problem, setProblem] = useState<string | null>(null);
  const [isBusy, setBusy] = useState(false);
  useEffect(() => {
    firstAdminOpen().then(setOpen, () => setOpen(false));
  }, []);
  const claim = async (e: Event) => {
    e.preventDefault();
    if (isBusy) return;
    setBusy(true);
    setProblem(await claimFirstAdmin(name));
    setBusy(false);
  };
  return (
    <Notice title="No account record" action={{ label: 'Sign out', onClick: onSignOut }}>
      <p>You are signed in as {email ?? 'this user'}, but there is no D-OMS account for you yet. Ask an admin.</p>
      {isOpen && (
        <form onSubmit={(e) => void claim(e)} aria-busy={isBusy}>
          <p>This D-OMS has no admin yet. If you are setting it up, become its first admin.</p>
          <label class="field">
            <span class="field__label">Your name</span>
            <input class="field__input" value={name} maxLength={80} onInput={(e) => setName(e.currentTarget.value)} />
          </label>
          {problem !== null && (
            <p class="form-error" role="alert">
              {problem}
            </p>
          )}
          <button class="button button--primary" type="submit" disabled={isBusy}>
            {isBusy ? 'Working…' : 'Become the first admin'}
          </button>
        </form>
      )}
    </Notice>
  );
}
