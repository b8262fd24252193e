import type { WindowedCollection, WindowedView } from '../../data/windowedCollection.ts';

/**
 * What a paged history screen (Sent, Deleted, Expired) hands its list foot: the render steps of
 * `useRenderLimit` and where the loaded pages stand, with the command that adds an older page.
 */
export function pagedListState<T>(view: WindowedView<T>, windows: WindowedCollection<T>, render: { hasMore: boolean; showMore: () => void }) {
  return {
    hasMore: render.hasMore,
    showMore: render.showMore,
    since: view.since,
    older: view.older,
    isLoadingOlder: view.isLoadingOlder,
    loadOlder: windows.loadOlder,
  };
}
