import './ListFoot.css';
import { useEffect, useRef } from 'preact/hooks';

type Props = { shown: number; total: number | null; noun: string; onMore: () => void; isLoading?: boolean };

/**
 * The end of a list rendered (or read) in steps (`useRenderLimit`, a growing window): "Showing 50
 * of 312" (or "Showing 50" when the total is not known) and a "Show more" button, which also
 * presses itself when it scrolls into view (an IntersectionObserver), so scrolling down keeps
 * going while the page holds only what has been scrolled past. `isLoading` while more is on its way.
 */
export function ShowMore({ shown, total, noun, onMore, isLoading = false }: Props) {
  const self = useRef<HTMLDivElement>(null);
  const more = useRef(onMore);
  more.current = onMore;
  useEffect(() => {
    const el = self.current;
    if (el === null || typeof IntersectionObserver === 'undefined') return;
    const observer = new IntersectionObserver((entries) => {
      if (entries.some((e) => e.isIntersecting)) more.current();
    });
    observer.observe(el);
    return () => observer.disconnect();
  }, [shown]);
  return (
    <div ref={self} class="list-foot" data-testid="show-more-bar">
      <p class="history-note" data-testid="shown-count">
        Showing {shown} {total === null ? noun : `of ${total} ${noun}`}
      </p>
      {isLoading ? (
        <p class="history-note" aria-busy="true" data-testid="loading-more">
          Loading more {noun}…
        </p>
      ) : (
        <button type="button" class="button button--small button--quiet" onClick={onMore} data-testid="show-more">
          Show more
        </button>
      )}
    </div>
  );
}
