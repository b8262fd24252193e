/**
 * Image and PDF of a sent card: the shared order document (src/domain/orderDocument.ts) with the
 * bill dates, who billed, remarks and delivery status. jsPDF and the canvas renderer load inside
 * src/exports on first use.
 */
import { orderDocument, type DocumentCatalog } from '../../../domain/orderDocument.ts';
import type { SentCard } from '../../../domain/sentHistory.ts';
import { renderDocumentPng } from '../../../exports/documentImage.ts';
import { renderDocumentPdf } from '../../../exports/documentPdf.ts';
import { shareOrDownload } from '../../../exports/share.ts';

/** What the document shows besides the card: catalogue, the party's area, names of who billed. */
export type CardContext = { catalog: DocumentCatalog; area: string | undefined; billedBy: string };

const DELIVERY = { delivered: 'Delivered', undelivered: 'Undelivered', mixed: 'Partly delivered' } as const;

function cardDocument(card: SentCard, ctx: CardContext) {
  return orderDocument({
    title: 'Sent Order',
    lines: card.lines,
    catalog: ctx.catalog,
    party: { name: card.partyName, ...(ctx.area === undefined ? {} : { area: ctx.area }) },
    number: card.number,
    dates: [{ label: 'Order date', at: card.orderDate }, ...card.billDates.map((at) => ({ label: 'Bill date', at }))],
    extraMeta: [
      { label: 'Billed by', value: ctx.billedBy },
      ...(card.remarks.length === 0 ? [] : [{ label: 'Remarks', value: card.remarks.join('; ') }]),
      { label: 'Delivery', value: DELIVERY[card.deliveryStatus] },
    ],
  });
}

/** Downloads (or shares, on phones) the card as a PDF: "<party>_<day>.pdf". */
export async function saveCardPdf(card: SentCard, ctx: CardContext): Promise<void> {
  const doc = cardDocument(card, ctx);
  await shareOrDownload(await renderDocumentPdf(doc), `${doc.fileBase}.pdf`);
}

/** Downloads (or shares, on phones) the card as a PNG image: "<party>_<day>.png". */
export async function saveCardImage(card: SentCard, ctx: CardContext): Promise<void> {
  const doc = cardDocument(card, ctx);
  await shareOrDownload(await renderDocumentPng(doc), `${doc.fileBase}.png`);
}

/** The delivery status as a person reads it. */
export const deliveryLabel = (s: SentCard['deliveryStatus']): string => DELIVERY[s];
