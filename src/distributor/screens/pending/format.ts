/** "12 Mar 2025" in local time (dates are shown where the person is; stored as epoch ms). */
export const formatDay = (at: number): string => new Intl.DateTimeFormat('en-IN', { day: 'numeric', month: 'short', year: 'numeric' }).format(at);

/** "3 Mar 2025 – 12 Mar 2025", or one date when both fall on the same day. */
export function formatRange(from: number, to: number): string {
  const a = formatDay(from);
  const b = formatDay(to);
  return a === b ? a : `${a} – ${b}`;
}
