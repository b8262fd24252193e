import { useRef, useState } from 'preact/hooks';
import { useDismiss } from './useDismiss.ts';
import './AccountMenu.css';

type Props = { name: string; detail: string; onSignOut: () => void };

/** The first letter of a name, upper-cased, for an avatar ("?" for an empty name). */
export function initialOf(name: string): string {
  return (Array.from(name.trim())[0] ?? '?').toLocaleUpperCase();
}

/** The header's account button: who is signed in, and Sign out, in a small menu. */
export function AccountMenu({ name, detail, onSignOut }: Props) {
  const [isOpen, setOpen] = useState(false);
  const ref = useRef<HTMLDivElement>(null);
  useDismiss(isOpen, ref, () => setOpen(false));
  return (
    <div class="account-menu" ref={ref}>
      <button type="button" class="account-menu__button" aria-expanded={isOpen} aria-controls="account-menu-panel" onClick={() => setOpen(!isOpen)}>
        <span class="account-menu__avatar" aria-hidden="true">
          {initialOf(name)}
        </span>
        <span class="account-menu__name" data-testid="user-name">
          {name}
        </span>
        <span class="visually-hidden">: account</span>
      </button>
      {isOpen && (
        <div class="account-menu__panel" id="account-menu-panel">
          <p class="account-menu__who">
            <strong>{name}</strong>
            <span class="account-menu__detail">{detail}</span>
          </p>
          <button type="button" class="button button--quiet account-menu__signout" onClick={onSignOut}>
            Sign out
          </button>
        </div>
      )}
    </div>
  );
}
