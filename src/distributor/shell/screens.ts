/** The staff app's screens, addressed by the URL hash (`#/pending`), so Back and reload work. */
export const SCREENS = [
  { id: 'home', label: 'Home' },
  { id: 'new', label: 'New order' },
  { id: 'pending', label: 'Pending' },
  { id: 'billing', label: 'Billing' },
  { id: 'sent', label: 'Sent' },
  { id: 'deleted', label: 'Deleted' },
  { id: 'expired', label: 'Expired' },
  { id: 'stock', label: 'Stock' },
  { id: 'approvals', label: 'Approvals' },
  { id: 'users', label: 'Users' },
  { id: 'support', label: 'Support' },
] as const;
export type ScreenId = (typeof SCREENS)[number]['id'];

/** The daily screens: on phones they sit in the bottom bar, the rest in its More sheet. */
export const PRIMARY_SCREENS: readonly ScreenId[] = ['new', 'pending', 'billing', 'sent'];

/** Screens only admins see (the rules refuse the data to others anyway). */
export const ADMIN_SCREENS: readonly ScreenId[] = ['approvals', 'users', 'support'];
