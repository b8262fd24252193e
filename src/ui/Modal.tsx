import type { ComponentChildren } from 'preact';
import { useEffect, useRef } from 'preact/hooks';
import './Modal.css';

type Props = {
  title: string;
  onClose: () => void;
  children?: ComponentChildren;
  /** Buttons at the bottom, where the thumb is. */
  footer?: ComponentChildren;
  /** A test hook and style hook for the dialog element. */
  testId?: string;
};

/**
 * A modal dialog on the native <dialog>: focus moves into it and stays there, Escape closes it,
 * and the page behind is inert. A click on the backdrop closes it too.
 */
export function Modal({ title, onClose, children, footer, testId }: Props) {
  const ref = useRef<HTMLDialogElement>(null);
  useEffect(() => {
    const d = ref.current;
    if (d !== null && !d.open) d.showModal();
    return () => d?.close();
  }, []);
  return (
    <dialog
      ref={ref}
      class="modal"
      aria-label={title}
      data-testid={testId}
      onCancel={(e) => {
        e.preventDefault();
        onClose();
      }}
      onClick={(e) => {
        if (e.target === ref.current) onClose();
      }}
    >
      <div class="modal__panel">
        <header class="modal__header">
          <h2 class="modal__title">{title}</h2>
          <button type="button" class="modal__close" aria-label="Close" onClick={onClose}>
            ×
          </button>
        </header>
        <div class="modal__body">{children}</div>
        {footer !== undefined && <footer class="modal__footer">{footer}</footer>}
      </div>
    </dialog>
  );
}
