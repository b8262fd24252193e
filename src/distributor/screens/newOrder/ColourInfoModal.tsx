import { colourInfo } from '../../../domain/newProduct.ts';
import type { Product } from '../../../domain/types.ts';
import { Modal } from '../../../ui/Modal.tsx';

/** 🎨 Colour information: each colour's code, full name and MRP per size. Escape, × or outside click close it. */
export function ColourInfoModal({ product, onClose }: { product: Product; onClose: () => void }) {
  const rows = colourInfo(product);
  return (
    <Modal title={`Colour information: ${product.name}`} onClose={onClose} testId="colour-info">
      <table class="table colour-info">
        <thead>
          <tr>
            <th>Code</th>
            <th>Colour</th>
            <th>MRP</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <tr key={r.code} data-testid="colour-info-row">
              <td>{r.code}</td>
              <td>{r.name}</td>
              <td>{r.mrp.length === 0 ? <span class="colour-info__none">no MRP</span> : r.mrp.map((m) => `${m.size} ${m.text}`).join(', ')}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </Modal>
  );
}
