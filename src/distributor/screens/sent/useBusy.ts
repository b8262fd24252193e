import { useRef, useState } from 'preact/hooks';
import { showToast } from '../../../ui/toasts.ts';

/**
 * Runs one async action at a time: `busy` names the running action (for "Working…" labels and
 * disabled buttons), a second tap while it runs is ignored, and a failure becomes an error toast.
 */
export function useBusy(): { busy: string | null; run: (name: string, action: () => Promise<void>) => Promise<void> } {
  const [busy, setBusy] = useState<string | null>(null);
  const running = useRef(false);
  const run = async (name: string, action: () => Promise<void>): Promise<void> => {
    if (running.current) return;
    running.current = true;
    setBusy(name);
    try {
      await action();
    } catch (e) {
      showToast('error', e instanceof Error ? e.message : String(e));
    } finally {
      running.current = false;
      setBusy(null);
    }
  };
  return { busy, run };
}
