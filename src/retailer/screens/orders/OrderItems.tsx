import { useState } from 'preact/hooks';
import { partySignal } from '../../../data/party.ts';
import { portalCatalog } from '../../../data/portalCatalog.ts';
import { itemsOf } from '../../../data/liveCollection.ts';
import { lineKey } from '../../../domain/lines.ts';
import { orderDocument } from '../../../domain/orderDocument.ts';
import { productLabel } from '../../../domain/productLabel.ts';
import type { PartyId, RetailerOrder } from '../../../domain/types.ts';
import { dispatchedByLine } from './timeline.ts';

type Adjustment = { from: number; to: number };

/** Quantity changes the admin made at approval, when the order carries them (absent on most orders). */
function adjustmentsOf(order: RetailerOrder): { byLine: ReadonlyMap<string, Adjustment>; reason?: string } {
  const o = order as { adjustments?: Record<string, Adjustment>; adjustReason?: string };
  const byLine = new Map(Object.entries(o.adjustments ?? {}).filter(([, a]) => typeof a?.from === 'number' && typeof a.to === 'number'));
  return typeof o.adjustReason === 'string' ? { byLine, reason: o.adjustReason } : { byLine };
}

/** The ordered items (with any adjustment at approval and what was dispatched), and the order's PDF. */
export function OrderItems({ id, order, partyId }: { id: string; order: RetailerOrder; partyId: string }) {
  const products = itemsOf(portalCatalog.value);
  const party = partySignal(partyId as PartyId).value;
  const sent = dispatchedByLine(order);
  const adjusted = adjustmentsOf(order);
  const [pdfError, setPdfError] = useState<string | null>(null);
  const [isMaking, setMaking] = useState(false);
  const makePdf = async (): Promise<void> => {
    setMaking(true);
    setPdfError(null);
    try {
      const doc = orderDocument({
        title: 'Order',
        lines: order.lines,
        catalog: products,
        party: party.state === 'ready' ? { name: party.value.name, area: party.value.area } : { name: 'Your shop' },
        ...(order.orderNumber === undefined ? {} : { number: order.orderNumber }),
        dates: [{ label: 'Date', at: order.createdAt }],
        notes: order.note,
      });
      // jsPDF and the font load only now, never with the portal's first screen.
      const [{ renderDocumentPdf }, { downloadBlob }] = await Promise.all([import('../../../exports/documentPdf.ts'), import('../../../exports/share.ts')]);
      downloadBlob(await renderDocumentPdf(doc), `${doc.fileBase}.pdf`);
    } catch (e) {
      setPdfError(`The PDF could not be made: ${e instanceof Error ? e.message : String(e)}`);
    } finally {
      setMaking(false);
    }
  };
  return (
    <div id={id} class="order-items" data-testid="order-items">
      <table class="order-items__table">
        <thead>
          <tr>
            <th scope="col">Item</th>
            <th scope="col">Colour</th>
            <th scope="col">Size</th>
            <th scope="col" class="num">
              Qty
            </th>
            <th scope="col" class="num">
              Sent
            </th>
          </tr>
        </thead>
        <tbody>
          {order.lines.map((l) => {
            const k = lineKey(l);
            const a = adjusted.byLine.get(k);
            return (
              <tr key={k} data-testid="order-item">
                <td>{productLabel(products.get(l.productId))}</td>
                <td>{products.get(l.productId)?.colors.find((c) => c.code === l.color)?.name ?? l.color}</td>
                <td>{l.size}</td>
                <td class="num" data-testid="order-item-qty">
                  {a === undefined ? l.qty : <>{a.from} → {a.to}</>}
                </td>
                <td class="num">{sent.get(k) ?? 0}</td>
              </tr>
            );
          })}
        </tbody>
      </table>
      {adjusted.reason !== undefined && adjusted.reason !== '' && (
        <p class="order-items__reason" data-testid="adjust-reason">
          Changed at approval: {adjusted.reason}
        </p>
      )}
      {order.note !== '' && <p class="order-items__note">Note: {order.note}</p>}
      <button type="button" class="button button--quiet button--small" disabled={isMaking} onClick={() => void makePdf()}>
        {isMaking ? 'Making the PDF…' : 'Download PDF'}
      </button>
      {pdfError !== null && (
        <p class="form-error" role="alert">
          {pdfError}
        </p>
      )}
    </div>
  );
}
