import { signal } from '@preact/signals';

/** A short message at the top of the screen; errors stay until dismissed. */
export type Toast = { id: number; kind: 'success' | 'error' | 'warning' | 'info'; text: string };

export const toasts = signal<readonly Toast[]>([]);
let counter = 0;

/** Shows a toast; success and info go away after `ms`, errors and warnings stay until dismissed. */
export function showToast(kind: Toast['kind'], text: string, ms = 3000): number {
  const id = ++counter;
  toasts.value = [...toasts.value.slice(-3), { id, kind, text }];
  if (kind === 'success' || kind === 'info') setTimeout(() => dismissToast(id), ms);
  return id;
}

export function dismissToast(id: number): void {
  toasts.value = toasts.value.filter((t) => t.id !== id);
}
