const when = (ms: number): string => new Date(ms).toLocaleString(undefined, { day: 'numeric', month: 'short', hour: '2-digit', minute: '2-digit', second: '2-digit' });

/** Shown while the stock on screen is the copy saved on this device, not live. */
export function OfflineBanner({ savedAt }: { savedAt: number }) {
  return (
    <p class="stock-offline" role="status" data-testid="stock-offline">
      Offline: showing stock saved at {when(savedAt)}. Changes are disabled until the connection is back.
    </p>
  );
}
