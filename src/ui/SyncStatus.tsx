import './SyncStatus.css';

type Props = { isConnected: boolean; error: string | null; onDismiss: () => void };

/** Connection state and the last sync error, as a strip under the header. */
export function SyncStatus({ isConnected, error, onDismiss }: Props) {
  return (
    <div class="sync-status" aria-live="polite">
      {!isConnected && <p class="sync-status__offline">Connecting… changes show when the connection is back.</p>}
      {error !== null && (
        <p class="sync-status__error" role="alert">
          <span>{error}</span>
          <button class="button button--quiet" type="button" onClick={onDismiss}>
            Dismiss
          </button>
        </p>
      )}
    </div>
  );
}
