import { useEffect, useState } from 'preact/hooks';

/** Cards rendered at first, and added per "Show more". */
export const RENDER_STEP = 50;

/**
 * How many of a long list to render: `step` at first, `step` more per `showMore`, back to `step`
 * whenever `resetKey` changes (a new search or filter). A loaded week of Sent can hold a thousand
 * cards; rendering them all made some 25,000 DOM nodes. `total` is the list's length.
 */
export function useRenderLimit(total: number, resetKey: unknown, step = RENDER_STEP): { limit: number; hasMore: boolean; showMore: () => void } {
  const [limit, setLimit] = useState(step);
  useEffect(() => setLimit(step), [resetKey, step]);
  return { limit: Math.min(limit, total), hasMore: total > limit, showMore: () => setLimit((n) => n + step) };
}
