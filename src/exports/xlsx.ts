/**
 * The only place that loads SheetJS (decision 002: `@e965/xlsx`, a byte-identical
 * republication of SheetJS 0.20.3). Loaded on first use so it stays out of the first bundle.
 */

import type * as SheetJs from '@e965/xlsx';

/** The SheetJS module type, for callers that receive it from `loadXlsx` (a type-only import: erased from the bundle). */
export type Xlsx = typeof SheetJs;

let pending: Promise<Xlsx> | null = null;

/** Loads SheetJS lazily (once); the promise is shared by every caller. */
export function loadXlsx(): Promise<Xlsx> {
  if (!pending) {
    pending = import('@e965/xlsx').catch((err: unknown) => {
      pending = null; // a failed chunk load may succeed on the next try
      throw err;
    });
  }
  return pending;
}
