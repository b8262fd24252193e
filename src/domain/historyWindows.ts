/**
 * Paging of the history collections (`sent`, `deleted`, `expired`): a screen never listens to a
 * whole collection. It opens the newest page (the last few local days, or the newest few records
 * of one party) and pages older ones in on demand, each page its own bounded query, so loading a
 * page never downloads the others again. This module is the pure part: page ranges from `now`,
 * where to look for something older, and merging what the pages hold. `src/data/windowedCollection.ts`
 * turns each range into a live query.
 */
/** One end of a page on the ordered child: the child's value and, among equal values, the key. */
export type Bound = { value: number | string; key?: string };

/**
 * A page: the children from `start` (inclusive) up to `end` (exclusive, or inclusive when
 * `isEndInclusive`), open where a bound is absent; with `limit`, only the last `limit` of them.
 */
export type PageRange = { start?: Bound; end?: Bound; isEndInclusive?: boolean; limit?: number };

/**
 * How a screen pages: by `days` local days of a time child (Sent by `billedAt`), at most `size`
 * records a page (the newest; a busy week is read in chunks of `size`); or by the newest `size`
 * records whose child equals `value`, older ones by key (Sent of one party). By days with `until`
 * (a date filter: local midnight after the chosen day), the pages stop below it.
 */
export type Paging = { kind: 'days'; days: number; size: number; until?: number } | { kind: 'equal'; value: string; size: number };

/** A record found at the edge of a page: its key and the value it is ordered by. */
export type Probed = { key: string; value: unknown };

/** What one page holds, as the data layer's live collections say it (loading, denied, or records by key). */
export type PageContent<T> =
  | { state: 'loading' }
  | { state: 'denied' }
  | { state: 'ready'; items: ReadonlyMap<string, T>; invalid: readonly { key: string; problem: string }[] };

/** Local midnight of the day of `ms`, moved `daysBack` calendar days earlier (daylight-saving days count as one). */
export function localDayStart(ms: number, daysBack = 0): number {
  const d = new Date(ms);
  d.setHours(0, 0, 0, 0);
  d.setDate(d.getDate() - daysBack);
  return d.getTime();
}

/**
 * The newest page. By days: the newest `size` records of today and the `days - 1` local days
 * before it, open at the top so records written from now on (their time is the server's now)
 * arrive in it live. By value: the newest `size` records equal to `value` (equal values are
 * ordered by key; push ids are time-ordered, so the last keys are the newest).
 */
export function firstPage(p: Paging, now: number): PageRange {
  if (p.kind === 'days') {
    if (p.until === undefined) return { start: { value: localDayStart(now, p.days - 1) }, limit: p.size };
    return { start: { value: localDayStart(p.until - 1, p.days - 1) }, end: { value: p.until }, limit: p.size };
  }
  return { start: { value: p.value }, end: { value: p.value }, isEndInclusive: true, limit: p.size };
}

/** A page holding `count` records is full: records may remain below its oldest within its range. */
const isFull = (p: Paging, count: number): boolean => count >= p.size;

/** An exclusive bound just below a record. */
const below = (oldest: Probed): Bound => ({ value: oldest.value as number | string, key: oldest.key });

/**
 * Where to look (one record: `limit` 1) for the newest record below the oldest loaded page, or
 * null when nothing older can exist. `oldest` is that page's oldest record (null when it is
 * empty) and `count` how many records it holds. By value, a page that is not full is the end;
 * by days, a full page may have more of its days below its oldest record, else look below its days.
 */
export function probeRange(p: Paging, page: PageRange, oldest: Probed | null, count: number): PageRange | null {
  if (oldest !== null && isFull(p, count)) return p.kind === 'days' ? { end: below(oldest), limit: 1 } : { start: { value: p.value }, end: below(oldest), limit: 1 };
  if (p.kind === 'equal') return null;
  return page.start === undefined ? null : { end: page.start, limit: 1 };
}

/**
 * The page below the oldest loaded one (`page`, holding `count` records, `oldest` the oldest of
 * them), once the probe found `probed` below it. A full page continues with the next `size`
 * records below its oldest, over the same days. Otherwise, by days: the `days` local days before
 * it; when the newest older record is older still, the `days` local days up to that record's day
 * and the empty days between (so a gap of empty weeks costs one tap, not one per week).
 */
export function olderPage(p: Paging, page: PageRange, oldest: Probed | null, count: number, probed: Probed): PageRange {
  if (p.kind === 'equal') return { start: { value: p.value }, end: below(oldest ?? probed), limit: p.size };
  if (oldest !== null && isFull(p, count)) return { ...(page.start === undefined ? {} : { start: page.start }), end: below(oldest), limit: p.size };
  const end = Number(page.start?.value);
  const week = localDayStart(end, p.days);
  const at = typeof probed.value === 'number' ? probed.value : week;
  return { start: { value: at >= week ? week : localDayStart(at, p.days - 1) }, end: { value: end }, limit: p.size };
}

/**
 * The newest page once older pages hang below it. It is "the last `size`", which slides up when a
 * record is added: its oldest record would then fall between it and the page below. So it is
 * pinned at its oldest record (everything from there up, no limit); an empty one keeps its start.
 */
export function pinnedFirst(p: Paging, first: PageRange, oldest: Probed | null): PageRange {
  if (first.limit === undefined) return first;
  if (p.kind === 'equal') return oldest === null ? first : { start: { value: p.value, key: oldest.key }, end: { value: p.value }, isEndInclusive: true };
  const end = first.end === undefined ? {} : { end: first.end, ...(first.isEndInclusive === undefined ? {} : { isEndInclusive: first.isEndInclusive }) };
  if (oldest === null) return first.start === undefined ? end : { start: first.start, ...end };
  return { start: { value: oldest.value as number | string, key: oldest.key }, ...end };
}

/**
 * The loaded pages as one collection: loading until the newest page has arrived, denied when any
 * page was refused, else every record of the pages that have arrived (an older page still
 * loading adds nothing yet) and every record that could not be read.
 */
export function mergePages<T>(pages: readonly PageContent<T>[]): PageContent<T> {
  const first = pages[0];
  if (first === undefined || first.state === 'loading') return { state: 'loading' };
  if (pages.some((p) => p.state === 'denied')) return { state: 'denied' };
  const items = new Map<string, T>();
  const invalid: { key: string; problem: string }[] = [];
  for (const page of pages) {
    if (page.state !== 'ready') continue;
    for (const [k, v] of page.items) items.set(k, v);
    invalid.push(...page.invalid);
  }
  return { state: 'ready', items, invalid };
}

/**
 * Where the loaded days begin, or null when paging is not by days: the oldest page's start, or
 * the day of its oldest record when that page is full (its earlier days are not loaded yet).
 */
export function loadedSince(p: Paging, page: PageRange, oldest: Probed | null, count: number): number | null {
  if (p.kind !== 'days') return null;
  if (oldest !== null && isFull(p, count) && typeof oldest.value === 'number') return oldest.value;
  return typeof page.start?.value === 'number' ? page.start.value : null;
}

/** Local midnight after the day of a date input's value ("2027-03-10"), or null when it is empty or not a date. */
export function untilAfterDay(value: string): number | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  if (m === null) return null;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const day = new Date(y, mo - 1, d);
  if (day.getFullYear() !== y || day.getMonth() !== mo - 1 || day.getDate() !== d) return null;
  return new Date(y, mo - 1, d + 1).getTime();
}
