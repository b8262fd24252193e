/**
 * A history collection read in pages (docs/data-model.md, "What each screen reads"): the newest
 * page first, older ones on demand, each page its own bounded live query on an indexed child, so
 * a year of history is never downloaded whole and loading a page never downloads the others
 * again. After each oldest page arrives, one record is probed below it (a `limit 1` query) to
 * learn whether anything older exists, and, by days, how far back the next page must reach to
 * hold something. The page ranges are pure (`src/domain/historyWindows.ts`); this module only
 * runs the queries. It takes its database as a parameter, so the tests drive it on the local server.
 */
import { signal, type ReadonlySignal } from '@preact/signals-core';
import { get, onValue, type Database, type DataSnapshot } from 'firebase/database';
import { firstPage, loadedSince, mergePages, olderPage, pinnedFirst, probeRange, type PageContent, type PageRange, type Paging, type Probed } from '../domain/historyWindows.ts';
import type { Schema } from '../domain/schema.ts';
import { parsedCollection, type ReadProblem } from './parsedCollection.ts';
import type { QuerySpec } from './querySpecs.ts';
import { rangeQuery } from './rangeQuery.ts';

/** Whether records exist below the loaded pages: unknown until the probe has answered. */
export type OlderState = 'unknown' | 'none' | 'some';

/** The loaded pages as a screen reads them. */
export type WindowedView<T> = PageContent<T> & {
  /** How many pages are loaded (the newest included). */
  pageCount: number;
  /** True while an older page is on its way. */
  isLoadingOlder: boolean;
  older: OlderState;
  /** Paging by days: where the loaded days begin (local midnight); otherwise null. */
  since: number | null;
};

/** A paged history collection: its view (listened to while read) and the command that adds the next older page. */
export type WindowedCollection<T> = { readonly view: ReadonlySignal<WindowedView<T>>; loadOlder(): void };

type Slot<T> = { range: PageRange; content: PageContent<T>; oldest: Probed | null; count: number; stop: (() => void) | null };

/**
 * The collection under `spec.path`, paged as `paging` says from `now` (the caller's estimate of
 * server time), each record checked with `schema`; refused listens and bad records go to `report`.
 */
export function windowedCollection<T>(db: Database, spec: QuerySpec, schema: Schema<T>, paging: Paging, now: number, report: ReadProblem): WindowedCollection<T> {
  const slots: Slot<T>[] = [{ range: firstPage(paging, now), content: { state: 'loading' }, oldest: null, count: 0, stop: null }];
  const reported = new Set<string>();
  let older: OlderState = 'unknown';
  let probed: Probed | null = null;
  let probeSeq = 0;
  let isWatched = false;

  const compose = (): WindowedView<T> => {
    const oldest = slots[slots.length - 1] as Slot<T>;
    return {
      ...mergePages(slots.map((s) => s.content)),
      pageCount: slots.length,
      isLoadingOlder: slots.length > 1 && oldest.content.state === 'loading',
      older,
      since: loadedSince(paging, oldest.range, oldest.oldest, oldest.count),
    };
  };
  const view = signal<WindowedView<T>>(compose(), {
    watched() {
      isWatched = true;
      for (const s of slots) start(s);
    },
    unwatched() {
      isWatched = false;
      for (const s of slots) stop(s);
    },
  });
  const update = (): void => {
    view.value = compose();
  };

  /** Looks for the newest record below the oldest page (one record), once that page has arrived. */
  const probe = (): void => {
    const oldest = slots[slots.length - 1] as Slot<T>;
    const range = probeRange(paging, oldest.range, oldest.oldest, oldest.count);
    const seq = ++probeSeq;
    if (range === null) {
      older = 'none';
      return update();
    }
    get(rangeQuery(db, spec, range)).then(
      (snap) => {
        if (seq !== probeSeq) return; // an older page was added meanwhile: its own probe answers
        probed = null;
        snap.forEach((child) => {
          probed = { key: child.key as string, value: child.child(spec.orderBy).val() as unknown };
        });
        older = probed === null ? 'none' : 'some';
        update();
      },
      (error: unknown) => {
        if (seq !== probeSeq) return;
        older = 'none';
        update();
        report(spec.path, error);
      },
    );
  };

  const onSnapshot = (slot: Slot<T>, snap: DataSnapshot): void => {
    slot.content = parsedCollection(snap, spec.path, schema, reported, report);
    slot.count = snap.size;
    slot.oldest = null;
    snap.forEach((child) => {
      // Query order: the first child is the oldest.
      slot.oldest ??= { key: child.key as string, value: child.child(spec.orderBy).val() as unknown };
    });
    const isOldest = slot === slots[slots.length - 1];
    if (isOldest && older === 'unknown') probe();
    update();
  };

  function start(slot: Slot<T>): void {
    if (slot.stop !== null) return;
    slot.stop = onValue(
      rangeQuery(db, spec, slot.range),
      (snap) => onSnapshot(slot, snap),
      (error) => {
        slot.content = { state: 'denied' };
        update();
        report(spec.path, error);
      },
    );
  }
  function stop(slot: Slot<T>): void {
    slot.stop?.();
    slot.stop = null;
  }

  const loadOlder = (): void => {
    const oldest = slots[slots.length - 1] as Slot<T>;
    if (older !== 'some' || probed === null || oldest.content.state !== 'ready') return;
    // The page below is worked out from the oldest page as it was read, before the first page
    // (which may be that same page) is pinned.
    const range = olderPage(paging, oldest.range, oldest.oldest, oldest.count, probed);
    const first = slots[0] as Slot<T>;
    if (slots.length === 1) {
      const pinned = pinnedFirst(paging, first.range, first.oldest);
      if (pinned !== first.range) {
        // Re-listened from its oldest record up: it keeps what it shows until the new listen answers.
        stop(first);
        first.range = pinned;
        if (isWatched) start(first);
      }
    }
    const slot: Slot<T> = { range, content: { state: 'loading' }, oldest: null, count: 0, stop: null };
    slots.push(slot);
    older = 'unknown';
    probed = null;
    probeSeq++;
    if (isWatched) start(slot);
    update();
  };

  return { view, loadOlder };
}
