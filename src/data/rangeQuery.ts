import { endAt, endBefore, limitToLast, orderByChild, orderByValue, query, ref, startAt, type Database, type Query, type QueryConstraint } from 'firebase/database';
import type { PageRange } from '../domain/historyWindows.ts';
import type { QuerySpec } from './querySpecs.ts';

/** The ordering of `spec`: by its (indexed) child, or by value for a spec ordered by '.value' (tombstones). */
export const orderedBy = (spec: QuerySpec): QueryConstraint => (spec.orderBy === '.value' ? orderByValue() : orderByChild(spec.orderBy));

/** The SDK query of `range` on `spec`'s collection, ordered by its (indexed) child. */
export function rangeQuery(db: Database, spec: QuerySpec, range: PageRange): Query {
  const c: QueryConstraint[] = [orderedBy(spec)];
  // A key narrows a bound among records with equal values; without one, the bound takes them all.
  if (range.start !== undefined) c.push(startAt(range.start.value, range.start.key));
  if (range.end !== undefined) c.push(range.isEndInclusive === true ? endAt(range.end.value, range.end.key) : endBefore(range.end.value, range.end.key));
  if (range.limit !== undefined) c.push(limitToLast(range.limit));
  return query(ref(db, spec.path), ...c);
}
