import { useEffect, useRef } from 'preact/hooks';

/**
 * Performance marks of a screen's open (docs/benchmarks.md, `npm run bench:screens`):
 * `screen-open:<screen>` at its first render, `screen-ready:<screen>` once `isReady` (its data
 * has arrived) and the frame holding that data has been painted, and the measure `screen:<screen>`
 * between them. Visible in the browser's performance panel; nothing else reads them.
 */
export function useScreenTiming(screen: string, isReady: boolean): void {
  const isOpened = useRef(false);
  const isMarked = useRef(false);
  if (!isOpened.current) {
    isOpened.current = true;
    performance.mark(`screen-open:${screen}`);
  }
  useEffect(() => {
    if (!isReady || isMarked.current) return;
    isMarked.current = true;
    // After the next paint: a rAF runs before the frame is painted, a task queued from it after.
    requestAnimationFrame(() =>
      setTimeout(() => {
        performance.mark(`screen-ready:${screen}`);
        performance.measure(`screen:${screen}`, `screen-open:${screen}`, `screen-ready:${screen}`);
      }, 0),
    );
  }, [isReady, screen]);
}
