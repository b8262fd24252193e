/**
 * The files of a pending order: its PDF and PNG (the shared order document) and its
 * purchase-order sheet. The heavy libraries load inside src/exports on first use.
 */
import { markOrderExported } from '../../../data/pendingCommands.ts';
import { orderDocument, type DocumentCatalog } from '../../../domain/orderDocument.ts';
import { purchaseOrderFileName, purchaseOrderRows } from '../../../domain/purchaseOrderSheet.ts';
import type { OrderId, PendingRecord, ProductId } from '../../../domain/types.ts';
import { renderDocumentPdf } from '../../../exports/documentPdf.ts';
import { renderDocumentPng } from '../../../exports/documentImage.ts';
import { purchaseOrderXlsx } from '../../../exports/purchaseOrderXlsx.ts';
import { downloadBlob, shareOrDownload } from '../../../exports/share.ts';

/** Who/what a pending order's document shows besides the record itself. */
export type DocumentContext = { catalog: DocumentCatalog; area: string | undefined; createdByName: string };

function pendingDocument(record: PendingRecord, ctx: DocumentContext) {
  return orderDocument({
    title: 'Pending Order',
    lines: record.lines,
    catalog: ctx.catalog,
    // The party name comes from the order itself (the original read it from an unrelated modal: blank).
    party: { name: record.partyName, ...(ctx.area === undefined ? {} : { area: ctx.area }) },
    number: record.number,
    dates: [{ label: 'Date', at: record.createdAt }],
    createdBy: ctx.createdByName,
    notes: record.note,
  });
}

/** Downloads (or shares, on phones) the order's PDF, "Order-K12.pdf". */
export async function saveOrderPdf(record: PendingRecord, ctx: DocumentContext): Promise<void> {
  await shareOrDownload(await renderDocumentPdf(pendingDocument(record, ctx)), `Order-${record.number}.pdf`);
}

/** Downloads (or shares, on phones) the order's PNG card, "Order-K12.png". */
export async function saveOrderImage(record: PendingRecord, ctx: DocumentContext): Promise<void> {
  await shareOrDownload(await renderDocumentPng(pendingDocument(record, ctx)), `Order-${record.number}.png`);
}

/** Downloads the purchase-order sheet of the order's pending lines, then marks the order exported. */
export async function exportPurchaseOrder(orderId: OrderId, record: PendingRecord, nameOf: (id: ProductId) => string): Promise<void> {
  const blob = await purchaseOrderXlsx(purchaseOrderRows(record.lines, nameOf));
  downloadBlob(blob, purchaseOrderFileName(record.number));
  await markOrderExported(orderId);
}
