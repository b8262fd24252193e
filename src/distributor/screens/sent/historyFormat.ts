/** Date and number texts shared by the Sent, Deleted and Expired screens (device time zone). */

const dateFmt = new Intl.DateTimeFormat('en-IN', { day: 'numeric', month: 'short', year: 'numeric' });
const dateTimeFmt = new Intl.DateTimeFormat('en-IN', { day: 'numeric', month: 'short', year: 'numeric', hour: '2-digit', minute: '2-digit', hour12: false });
const dayFmt = new Intl.DateTimeFormat('en-IN', { weekday: 'long', day: 'numeric', month: 'long', year: 'numeric' });

/** "12 Mar 2025". */
export const formatDate = (ms: number): string => dateFmt.format(ms);
/** "12 Mar 2025, 14:05". */
export const formatDateTime = (ms: number): string => dateTimeFmt.format(ms);

/** "Wednesday, 12 March 2025" for a 'YYYY-MM-DD' local day. */
export function formatDay(day: string): string {
  const [y, m, d] = day.split('-').map(Number);
  return dayFmt.format(new Date(y ?? 1970, (m ?? 1) - 1, d ?? 1));
}

/** "1 day" / "3 days". */
export const daysText = (n: number): string => `${n} day${n === 1 ? '' : 's'}`;
