/**
 * Dates as the apps show them, in the device's time zone (stored as epoch ms). Each formatter is
 * built once: building an `Intl.DateTimeFormat` costs far more than using one, and a year of
 * pending orders called it a thousand times per render (0.9 s of Pending's first show).
 */

const dateFmt = new Intl.DateTimeFormat('en-IN', { day: 'numeric', month: 'short', year: 'numeric' });
const dateTimeFmt = new Intl.DateTimeFormat('en-IN', { day: 'numeric', month: 'short', year: 'numeric', hour: '2-digit', minute: '2-digit', hour12: false });
const weekdayFmt = new Intl.DateTimeFormat('en-IN', { weekday: 'long', day: 'numeric', month: 'long', year: 'numeric' });

/** "12 Mar 2025". */
export const formatDate = (ms: number): string => dateFmt.format(ms);

/** "12 Mar 2025, 14:05". */
export const formatDateTime = (ms: number): string => dateTimeFmt.format(ms);

/** "Wednesday, 12 March 2025" for a 'YYYY-MM-DD' local day. */
export function formatWeekday(day: string): string {
  const [y, m, d] = day.split('-').map(Number);
  return weekdayFmt.format(new Date(y ?? 1970, (m ?? 1) - 1, d ?? 1));
}

/** "3 Mar 2025 – 12 Mar 2025", or one date when both fall on the same day. */
export function formatRange(from: number, to: number): string {
  const a = formatDate(from);
  const b = formatDate(to);
  return a === b ? a : `${a} – ${b}`;
}
