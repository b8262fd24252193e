import { ADMIN_SCREENS, route, navigate, SCREENS } from './route.ts';
import './NavBar.css';

/** Screen tabs: a scrollable bar under the header on phones, a row on desktops. */
export function NavBar({ isAdmin = false }: { isAdmin?: boolean }) {
  return (
    <nav class="nav-bar" aria-label="Screens">
      {SCREENS.filter((s) => isAdmin || !ADMIN_SCREENS.includes(s.id)).map((s) => (
        <a
          key={s.id}
          href={`#/${s.id}`}
          class="nav-bar__link"
          aria-current={route.value === s.id ? 'page' : undefined}
          onClick={(e) => {
            e.preventDefault();
            navigate(s.id);
          }}
        >
          {s.label}
        </a>
      ))}
    </nav>
  );
}
