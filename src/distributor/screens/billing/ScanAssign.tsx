import { useState } from 'preact/hooks';
import { lineKey } from '../../../domain/lines.ts';
import type { Line } from '../../../domain/types.ts';
import { itemName, type Catalog } from './billingText.ts';

type Props = {
  /** The unknown code of the last scan. */
  code: string;
  lines: readonly Line[];
  catalog: Catalog;
  /** Assigns `code` to the line and counts the scan (Stock's barcode command); rejects with a message. */
  onAssign: (code: string, line: Line) => Promise<void>;
};

/**
 * "Assign this code to …" under an unknown scan: the lines of the order being billed, one button
 * each (product label, colour, size). Choosing one assigns the code there, as Stock's barcode
 * screen does, and counts the scan; Cancel changes nothing.
 */
export function ScanAssign({ code, lines, catalog, onAssign }: Props) {
  const [isOpen, setOpen] = useState(false);
  const [busy, setBusy] = useState<string | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  if (!isOpen) {
    return (
      <button type="button" class="button button--quiet scan-assign__open" onClick={() => setOpen(true)} data-testid="scan-assign-open">
        Assign this code to …
      </button>
    );
  }
  const choose = async (line: Line) => {
    if (busy !== null) return;
    setBusy(lineKey(line));
    setProblem(null);
    try {
      await onAssign(code, line);
      setOpen(false);
    } catch (e) {
      setProblem(e instanceof Error ? e.message : String(e));
    } finally {
      setBusy(null);
    }
  };
  const headingId = `scan-assign-${code.replace(/[^A-Za-z0-9_-]/g, '_')}`;
  return (
    <section class="scan-assign" aria-labelledby={headingId} data-testid="scan-assign">
      <p class="scan-assign__title" id={headingId}>
        Assign <code>{code}</code> to which line?
      </p>
      <ul class="scan-assign__list">
        {lines.map((l) => {
          const k = lineKey(l);
          return (
            <li key={k}>
              <button type="button" class="button button--quiet scan-assign__line" disabled={busy !== null} onClick={() => void choose(l)}>
                {busy === k ? 'Assigning…' : `${itemName(l, catalog)} · ${l.size}`}
              </button>
            </li>
          );
        })}
      </ul>
      {problem !== null && (
        <p class="form-error" role="alert">
          {problem}
        </p>
      )}
      <button
        type="button"
        class="button button--quiet"
        disabled={busy !== null}
        onClick={() => {
          setOpen(false);
          setProblem(null);
        }}
      >
        Cancel
      </button>
    </section>
  );
}
