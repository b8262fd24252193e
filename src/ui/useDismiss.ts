import type { RefObject } from 'preact';
import { useEffect } from 'preact/hooks';

/** While `isOpen`, Escape or a tap outside `ref` closes a menu or sheet (as native menus behave). */
export function useDismiss(isOpen: boolean, ref: RefObject<HTMLElement | null>, close: () => void): void {
  useEffect(() => {
    if (!isOpen) return;
    const onKey = (e: KeyboardEvent) => e.key === 'Escape' && close();
    const onDown = (e: PointerEvent) => {
      if (ref.current !== null && !ref.current.contains(e.target as Node)) close();
    };
    addEventListener('keydown', onKey);
    addEventListener('pointerdown', onDown);
    return () => {
      removeEventListener('keydown', onKey);
      removeEventListener('pointerdown', onDown);
    };
  }, [isOpen]);
}
