import type { ComponentChildren } from 'preact';
import './AppHeader.css';

type Props = { title: string; children?: ComponentChildren };

/** The top bar of a signed-in app: its name, and on the right what the app puts there (the account menu). */
export function AppHeader({ title, children }: Props) {
  return (
    <header class="app-header">
      <span class="app-header__title">{title}</span>
      {children}
    </header>
  );
}
