import './ListFoot.css';

type Props = {
  /** What the list holds, plural: "sent orders". */
  noun: string;
  /** Where the loaded records begin, as the person reads it ("since 3 Mar 2027"), or null. */
  since: string | null;
  /** Whether older records exist: unknown while that is checked. */
  older: 'unknown' | 'none' | 'some';
  isLoading: boolean;
  onShowOlder: () => void;
};

/**
 * The foot of a history list read in pages: where the loaded records begin, and "Show older"
 * while older ones exist (each tap loads one more bounded page), or that there are none.
 */
export function ShowOlder({ noun, since, older, isLoading, onShowOlder }: Props) {
  return (
    <div class="list-foot" data-testid="show-older-bar">
      {since !== null && (
        <p class="history-note" data-testid="loaded-since">
          Showing {noun} {since}.
        </p>
      )}
      {isLoading ? (
        <p class="history-note" aria-busy="true" data-testid="loading-older">
          Loading older {noun}…
        </p>
      ) : older === 'some' ? (
        <button type="button" class="button button--quiet" onClick={onShowOlder} data-testid="show-older">
          Show older
        </button>
      ) : older === 'none' ? (
        <p class="history-note" data-testid="no-older">
          No older {noun}.
        </p>
      ) : (
        <p class="history-note" aria-busy="true">
          Looking for older {noun}…
        </p>
      )}
    </div>
  );
}
