import type { ComponentChildren } from 'preact';

type Props = {
  title: string;
  children?: ComponentChildren;
  /** The one thing the person can do here, at the bottom where the thumb is. */
  action?: { label: string; onClick: () => void };
};

/** A full-screen message: waiting for approval, wrong app, no access. */
export function Notice({ title, children, action }: Props) {
  return (
    <main class="notice">
      <div class="notice__body" role="status">
        <h1 class="notice__title">{title}</h1>
        {children}
      </div>
      {action !== undefined && (
        <button class="button button--primary" type="button" onClick={action.onClick}>
          {action.label}
        </button>
      )}
    </main>
  );
}
