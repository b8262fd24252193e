import './AppHeader.css';

type Props = { title: string; userName: string; onSignOut: () => void };

/** The top bar of a signed-in screen: app name, who is signed in, and sign out. */
export function AppHeader({ title, userName, onSignOut }: Props) {
  return (
    <header class="app-header">
      <div class="app-header__text">
        <span class="app-header__title">{title}</span>
        <span class="app-header__user" data-testid="user-name">
          {userName}
        </span>
      </div>
      <button class="button button--quiet" type="button" onClick={onSignOut}>
        Sign out
      </button>
    </header>
  );
}
