import { useRef, useState } from 'preact/hooks';
import { NavIcon, type NavIconName } from './NavIcon.tsx';
import { useDismiss } from './useDismiss.ts';
import './AppNav.css';

/** One destination of the app's navigation. */
export type NavItem<Id extends string> = {
  id: Id;
  label: string;
  icon: NavIconName;
  /** Work waiting there (a live count); null or 0 shows no badge. */
  badge?: number | null;
  /** On phones, primary items sit in the bottom bar; the rest are in the More sheet. */
  isPrimary: boolean;
};

type Props<Id extends string> = {
  items: readonly NavItem<Id>[];
  current: Id;
  onNavigate: (id: Id) => void;
};

const badgeText = (n: number): string => (n > 99 ? '99+' : String(n));
const hasBadge = (n: number | null | undefined): n is number => n !== null && n !== undefined && n > 0;

/**
 * The app's screens. Desktop (≥ 60rem): a side column with every screen. Phone: a bottom bar
 * with the primary screens within thumb reach and a More button opening a sheet with the rest.
 * One set of links serves both (CSS decides which show), so the URL (`#/id`) stays the one
 * source of truth and a test or a screen reader finds each screen once.
 */
export function AppNav<Id extends string>({ items, current, onNavigate }: Props<Id>) {
  const [isMoreOpen, setMoreOpen] = useState(false);
  const navRef = useRef<HTMLElement>(null);
  const secondary = items.filter((i) => !i.isPrimary);
  const moreBadge = secondary.reduce((n, i) => n + (hasBadge(i.badge) ? i.badge : 0), 0);
  const isCurrentSecondary = secondary.some((i) => i.id === current);
  useDismiss(isMoreOpen, navRef, () => setMoreOpen(false));
  const link = (i: NavItem<Id>) => (
    <li key={i.id} class={`app-nav__item${i.isPrimary ? ' app-nav__item--primary' : ''}`}>
      <a
        href={`#/${i.id}`}
        class="app-nav__link"
        aria-current={current === i.id ? 'page' : undefined}
        onClick={(e) => {
          e.preventDefault();
          setMoreOpen(false);
          onNavigate(i.id);
        }}
      >
        <NavIcon name={i.icon} />
        <span class="app-nav__label">{i.label}</span>
        {hasBadge(i.badge) && (
          <span class="app-nav__badge">
            <span aria-hidden="true" data-testid={`badge-${i.id}`}>
              {badgeText(i.badge)}
            </span>
            <span class="visually-hidden">, {i.badge} waiting</span>
          </span>
        )}
      </a>
    </li>
  );
  return (
    <nav ref={navRef} class={`app-nav${isMoreOpen ? ' app-nav--more-open' : ''}`} aria-label="Screens">
      <ul class="app-nav__list">
        {items.filter((i) => i.isPrimary).map(link)}
        {/* No More button when every screen fits the bar (the retailer portal). */}
        {secondary.length > 0 && (
          <li class="app-nav__item app-nav__item--more">
            <button
              type="button"
              class="app-nav__link"
              aria-expanded={isMoreOpen}
              aria-controls="app-nav-more"
              aria-current={isCurrentSecondary ? 'page' : undefined}
              onClick={() => setMoreOpen(!isMoreOpen)}
            >
              <NavIcon name="more" />
              <span class="app-nav__label">More</span>
              {moreBadge > 0 && (
                <span class="app-nav__badge">
                  <span aria-hidden="true" data-testid="badge-more">
                    {badgeText(moreBadge)}
                  </span>
                  <span class="visually-hidden">, {moreBadge} waiting</span>
                </span>
              )}
            </button>
          </li>
        )}
      </ul>
      <ul class="app-nav__list app-nav__list--more" id="app-nav-more">
        {secondary.map(link)}
      </ul>
    </nav>
  );
}
