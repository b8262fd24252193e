import type { RefObject } from 'preact';
import { useEffect, useRef } from 'preact/hooks';
import { focusSearch } from './SearchSelect.tsx';

type Keys = {
  /** The Product search box: `/` focuses it (and selects its text, so typing starts a new search). */
  search: RefObject<HTMLInputElement | null>;
  /** Ctrl+Enter (⌘+Enter on a Mac): go on to the order summary. */
  onProcess?: () => void;
};

/** Whether typing `/` into this element should type a slash: text fields, but not the grid's number cells. */
function isTextEntry(el: EventTarget | null): boolean {
  if (!(el instanceof HTMLElement)) return false;
  if (el.isContentEditable || el instanceof HTMLTextAreaElement || el instanceof HTMLSelectElement) return true;
  if (!(el instanceof HTMLInputElement) || el.hasAttribute('data-cell')) return false;
  return !['button', 'checkbox', 'radio', 'range', 'color', 'file', 'submit', 'reset', 'image'].includes(el.type);
}

/**
 * The order screens' keys, anywhere on the screen while no dialog is open: `/` jumps to Product
 * search (in a text field it types a slash; in a quantity cell it jumps), Ctrl+Enter processes
 * the order.
 */
export function useOrderKeys({ search, onProcess }: Keys): void {
  const latest = useRef(onProcess);
  latest.current = onProcess;
  useEffect(() => {
    const onKeyDown = (e: KeyboardEvent) => {
      if (e.defaultPrevented || document.querySelector('dialog[open]') !== null) return;
      if (e.key === '/' && !e.ctrlKey && !e.metaKey && !e.altKey && !isTextEntry(e.target)) {
        e.preventDefault();
        focusSearch(search.current);
      } else if (e.key === 'Enter' && (e.ctrlKey || e.metaKey) && latest.current !== undefined) {
        e.preventDefault();
        latest.current();
      }
    };
    document.addEventListener('keydown', onKeyDown);
    return () => document.removeEventListener('keydown', onKeyDown);
  }, [search]);
}
