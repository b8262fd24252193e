/** Texts shared by the Sent, Deleted and Expired screens (dates: src/ui/dates.ts). */

/** "1 day" / "3 days". */
export const daysText = (n: number): string => `${n} day${n === 1 ? '' : 's'}`;
