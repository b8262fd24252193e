import { useEffect, useRef, useState } from 'preact/hooks';
import type { CameraScanner } from '../../../exports/cameraScanner.ts';
import { lineKey, totalQty } from '../../../domain/lines.ts';
import type { BillingRecord, Line, OrderId } from '../../../domain/types.ts';
import { Modal } from '../../../ui/Modal.tsx';
import { billedLines, itemName, linesSignature, type Catalog } from './billingText.ts';
import { BillStepper } from './BillStepper.tsx';
import { ScanAssign } from './ScanAssign.tsx';
import { useScanPanel } from './useScanPanel.ts';

type Props = {
  id: OrderId;
  record: BillingRecord;
  catalog: Catalog;
  isBusy: boolean;
  /** Paused while a confirmation sits on top: scans must not change what is being confirmed. */
  isPaused: boolean;
  /** Bills `billed`; `seen` is what billing held when the panel opened (refused if it changed). */
  onBill: (billed: Line[], seen: Line[]) => Promise<boolean>;
  onClose: () => void;
};

type Camera = { state: 'off' } | { state: 'starting' } | { state: 'on'; scanner: CameraScanner } | { state: 'failed'; reason: string };

/**
 * Scan mode of one order: quantities start at 0 and each scan adds 1 to its line. A hand
 * scanner works with nothing focused (keyboard wedge); the camera and a typed code also work.
 */
export function ScanPanel({ id, record, catalog, isBusy, isPaused, onBill, onClose }: Props) {
  const panel = useScanPanel(record.lines, catalog, { isPaused: isPaused || isBusy });
  const [seen] = useState(record.lines);
  const isChanged = linesSignature(seen) !== linesSignature(record.lines);
  const [manual, setManual] = useState('');
  const [camera, setCamera] = useState<Camera>({ state: 'off' });
  const cameraRef = useRef<Camera>(camera);
  cameraRef.current = camera;
  const cameraId = `scan-camera-${id}`;

  const startCamera = async () => {
    setCamera({ state: 'starting' });
    const { startCameraScanner } = await import('../../../exports/cameraScanner.ts');
    const r = await startCameraScanner(cameraId, panel.scan);
    setCamera(r.ok ? { state: 'on', scanner: r.scanner } : { state: 'failed', reason: r.reason });
  };
  const stopCamera = async () => {
    const c = cameraRef.current;
    setCamera({ state: 'off' });
    if (c.state === 'on') await c.scanner.stop();
  };
  useEffect(() => {
    // Phones open on the camera, as the original did; desktops usually have a hand scanner.
    if (matchMedia('(pointer: coarse)').matches) void startCamera();
    return () => void stopCamera();
  }, []);

  const last = panel.log.value[0];
  const quantities = panel.quantities.value;
  const scanned = totalQty(billedLines(record.lines, quantities));
  return (
    <Modal
      title={`Scan · ${record.number}`}
      onClose={onClose}
      testId="scan-panel"
      footer={
        <>
          <button type="button" class="button button--quiet" onClick={onClose} disabled={isBusy}>
            Close
          </button>
          <button type="button" class="button button--primary" disabled={isBusy || scanned === 0} onClick={() => void onBill(billedLines(record.lines, quantities), seen).then((ok) => ok && onClose())}>
            {isBusy ? 'Billing…' : `Bill scanned (${scanned})`}
          </button>
        </>
      }
    >
      <p class="scan-panel__meta">
        {record.partyName} · <span data-testid="scan-count">{panel.count.value}</span> scans {panel.isReady ? '' : '· loading barcodes, scans are queued…'}
      </p>
      <div class="scan-camera">
        <div id={cameraId} class={`scan-camera__view${camera.state === 'on' ? ' scan-camera__view--on' : ''}`} />
        {camera.state === 'failed' && (
          <p class="form-error" role="alert" data-testid="camera-problem">
            {camera.reason}
          </p>
        )}
        <button type="button" class="button button--quiet button--small" disabled={camera.state === 'starting'} onClick={() => void (camera.state === 'on' ? stopCamera() : startCamera())}>
          {camera.state === 'on' ? 'Stop camera' : camera.state === 'starting' ? 'Starting camera…' : 'Use camera'}
        </button>
      </div>
      <form
        class="scan-manual"
        onSubmit={(e) => {
          e.preventDefault();
          if (manual.trim() !== '') panel.scan(manual);
          setManual('');
        }}
      >
        <label class="field__label" for={`scan-code-${id}`}>
          Barcode (scanner, camera, or type it and press Enter)
        </label>
        <div class="scan-manual__row">
          <input id={`scan-code-${id}`} class="field__input" autoComplete="off" inputMode="text" value={manual} onInput={(e) => setManual(e.currentTarget.value)} />
          <button type="submit" class="button button--quiet">
            Add
          </button>
        </div>
      </form>
      {isChanged && (
        <p class="billing-changed" role="alert">
          This order changed on another device since you opened the scanner. Close and scan again.
        </p>
      )}
      <p class={`scan-message scan-message--${last?.kind ?? 'idle'}`} role="status" data-testid="scan-message" data-kind={last?.kind ?? 'idle'} key={last?.n}>
        {last?.message ?? 'Ready: scan an item.'}
      </p>
      {panel.unknownCode.value !== null && <ScanAssign key={`${panel.unknownCode.value}:${last?.n ?? 0}`} code={panel.unknownCode.value} lines={record.lines} catalog={catalog} onAssign={panel.assignAndCount} />}
      <table class="table bill-table scan-table">
        <thead>
          <tr>
            <th>Item</th>
            <th>Size</th>
            <th class="num">In billing</th>
            <th class="num">Scanned</th>
          </tr>
        </thead>
        <tbody>
          {record.lines.map((l) => {
            const k = lineKey(l);
            const flash = last !== undefined && last.skuId === k ? ` bill-row--${last.kind}` : '';
            return (
              <tr key={`${k}:${flash === '' ? 0 : (last?.n ?? 0)}`} class={`bill-row${flash}`} data-testid="scan-line">
                <td>{itemName(l, catalog)}</td>
                <td>{l.size}</td>
                <td class="num">{l.qty}</td>
                <td class="num">
                  <BillStepper value={quantities.get(k) ?? 0} max={l.qty} label={`Scanned ${itemName(l, catalog)} ${l.size}`} onChange={(q) => panel.adjust(k, q)} isTypable={false} />
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
      {panel.log.value.length > 1 && (
        <ol class="scan-log" aria-label="Earlier scans" data-testid="scan-log">
          {panel.log.value.slice(1).map((e) => (
            <li key={e.n} class={`scan-log__item scan-log__item--${e.kind}`}>
              {e.message}
            </li>
          ))}
        </ol>
      )}
    </Modal>
  );
}
