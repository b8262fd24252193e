import { userNameOf } from '../../../data/userNames.ts';
import type { PendingRecord } from '../../../domain/types.ts';
import { saveOrderImage, saveOrderPdf, type DocumentContext } from './orderFiles.ts';
import { useBusy } from './useBusy.ts';

type Props = { record: PendingRecord; context: Omit<DocumentContext, 'createdByName'> };

/** "Image" and "PDF" of one order, each showing progress while it is made. */
export function DocumentButtons({ record, context }: Props) {
  const { busy, run } = useBusy();
  const ctx: DocumentContext = { ...context, createdByName: userNameOf(record.createdBy) };
  return (
    <div class="pending__actions">
      <button type="button" class="button button--quiet button--small" disabled={busy !== null} onClick={() => void run('img', `Image of ${record.number} failed`, () => saveOrderImage(record, ctx))}>
        {busy === 'img' ? 'Making image…' : 'Download image'}
      </button>
      <button type="button" class="button button--quiet button--small" disabled={busy !== null} onClick={() => void run('pdf', `PDF of ${record.number} failed`, () => saveOrderPdf(record, ctx))}>
        {busy === 'pdf' ? 'Making PDF…' : 'Download PDF'}
      </button>
    </div>
  );
}
