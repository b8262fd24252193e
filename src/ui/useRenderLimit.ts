import { useEffect, useState } from 'preact/hooks';

/** Cards rendered at first, and added per "Show more". */
export const RENDER_STEP = 50;

/**
 * Cards drawn in the first frame that shows the list: more than a tall screen holds. The rest of
 * the first step follows a frame later, so a screen shows its data without first laying out 50
 * cards nobody sees yet (Sent at year scale: 2,500 DOM nodes, most of a second at 4× CPU slowdown).
 */
export const FIRST_FRAME = 12;

/**
 * How many of a long list to render: `step` at first (the first FIRST_FRAME of them in the first
 * frame with items, the rest in the next), `step` more per `showMore`, back to `step` whenever
 * `resetKey` changes (a new search or filter). A loaded week of Sent can hold a thousand cards;
 * rendering them all made some 25,000 DOM nodes. `total` is the list's length.
 */
export function useRenderLimit(total: number, resetKey: unknown, step = RENDER_STEP): { limit: number; hasMore: boolean; showMore: () => void } {
  const [limit, setLimit] = useState(step);
  const [isFirstFrame, setFirstFrame] = useState(true);
  useEffect(() => {
    setLimit(step);
    setFirstFrame(true);
  }, [resetKey, step]);
  const hasItems = total > 0;
  useEffect(() => {
    if (!isFirstFrame || !hasItems) return;
    // In the next frame, once the one with the first cards is painted and whatever waited for
    // that paint has run (useScreenTiming's mark, for one): its own animation frame callback.
    let frame = requestAnimationFrame(() => {
      frame = requestAnimationFrame(() => setFirstFrame(false));
    });
    return () => cancelAnimationFrame(frame);
  }, [isFirstFrame, hasItems]);
  const drawn = isFirstFrame ? Math.min(limit, FIRST_FRAME) : limit;
  // No "Show more" in the first frame: it could sit in view below the first few rows and press itself.
  return { limit: Math.min(drawn, total), hasMore: !isFirstFrame && total > limit, showMore: () => setLimit((n) => n + step) };
}
