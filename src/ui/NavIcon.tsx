/** The navigation's icons (24 px line drawings; decorative: the label beside each names it). */
const PATHS = {
  home: 'M3 11l9-8 9 8M5 9.5V21h5v-6h4v6h5V9.5',
  new: 'M12 5v14M5 12h14',
  pending: 'M12 7v5l3 3M12 21a9 9 0 100-18 9 9 0 000 18z',
  billing: 'M4 5v14M7 5v14M10 5v14M14 5v14M17 5v14M20 5v14',
  sent: 'M3 7h11v9H3zM14 10h4l3 3v3h-7M7 19a2 2 0 100-4 2 2 0 000 4zM17 19a2 2 0 100-4 2 2 0 000 4z',
  deleted: 'M4 7h16M9 7V4h6v3M6 7l1 13h10l1-13',
  expired: 'M12 8v4M12 16h.01M10.3 3.9L2 18a2 2 0 001.7 3h16.6a2 2 0 001.7-3L13.7 3.9a2 2 0 00-3.4 0z',
  stock: 'M3 7l9-4 9 4-9 4-9-4zM3 7v10l9 4 9-4V7M12 11v10',
  approvals: 'M9 12l2 2 4-4M12 21a9 9 0 100-18 9 9 0 000 18z',
  users: 'M9 11a4 4 0 100-8 4 4 0 000 8zM2 21v-1a6 6 0 0112 0v1M16 3.1a4 4 0 010 7.8M22 21v-1a6 6 0 00-4-5.6',
  support: 'M21 12a8 8 0 01-11.8 7L3 21l2-6.2A8 8 0 1121 12zM12 8v4M12 15h.01',
  orders: 'M9 5h10M9 12h10M9 19h10M5 5h.01M5 12h.01M5 19h.01',
  more: 'M5 12h.01M12 12h.01M19 12h.01',
} as const;

export type NavIconName = keyof typeof PATHS;

/** One navigation icon. */
export function NavIcon({ name }: { name: NavIconName }) {
  return (
    <svg class="nav-icon" viewBox="0 0 24 24" width="24" height="24" aria-hidden="true" focusable="false">
      <path d={PATHS[name]} fill="none" stroke="currentColor" stroke-width="2" stroke-linecap="round" stroke-linejoin="round" />
    </svg>
  );
}
