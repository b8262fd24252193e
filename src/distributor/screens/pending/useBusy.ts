import { useState } from 'preact/hooks';
import { showToast } from '../../../ui/toasts.ts';

/**
 * Runs one action at a time per key and tells which one is running; a failure becomes an error
 * toast starting with `what failed`, and the action can be tried again.
 */
export function useBusy(): { busy: string | null; run: (key: string, failed: string, action: () => Promise<void>) => Promise<void> } {
  const [busy, setBusy] = useState<string | null>(null);
  const run = async (key: string, failed: string, action: () => Promise<void>): Promise<void> => {
    if (busy !== null) return;
    setBusy(key);
    try {
      await action();
    } catch (e) {
      showToast('error', `${failed}: ${e instanceof Error ? e.message : String(e)}`);
    } finally {
      setBusy(null);
    }
  };
  return { busy, run };
}
