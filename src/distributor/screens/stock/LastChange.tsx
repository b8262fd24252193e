import { lastImport } from '../../../data/stockCommands.ts';

const when = (ms: number): string => new Date(ms).toLocaleString(undefined, { day: 'numeric', month: 'short', year: 'numeric', hour: '2-digit', minute: '2-digit' });

/** The band under the title: when stock last changed, and who imported which file when. */
export function LastChange({ lastChange }: { lastChange: number | null }) {
  const imp = lastImport.value;
  return (
    <div class="stock-band" data-testid="stock-last-change">
      <span>Last stock change: {lastChange === null ? 'never' : when(lastChange)}</span>
      <span data-testid="stock-last-import">
        {imp.state === 'ready'
          ? `Last import: ${when(imp.value.at)} by ${imp.value.actorName || 'someone'} (${imp.value.file}: ${imp.value.added} new, ${imp.value.changed} changed, ${imp.value.removed} removed${imp.value.errors > 0 ? `, ${imp.value.errors} rows with errors` : ''})`
          : imp.state === 'none'
            ? 'No import yet'
            : imp.state === 'denied'
              ? 'Last import: not readable'
              : 'Last import: loading…'}
      </span>
    </div>
  );
}
