import { useState } from 'preact/hooks';
import { CUP_SIZES, CUSTOM_SIZE_SLOTS, customSizeProblem, GENERAL_SIZES, newProduct } from '../../../domain/newProduct.ts';
import { PRODUCT_CODE_MAX } from '../../../domain/productLabel.ts';
import { LIMITS } from '../../../domain/validate.ts';
import { Modal } from '../../../ui/Modal.tsx';

type Props = { initialName: string; onSave: (name: string, sizes: string[], code: string) => Promise<void>; onClose: () => void };

const FIELD_TEXT: Readonly<Record<string, string>> = { name: 'Item name', code: 'Code', sizes: 'Sizes' };

/** One group of size checkboxes; `ticked` is in the order the boxes were ticked. */
function SizeBoxes({ legend, sizes, ticked, onToggle }: { legend: string; sizes: readonly string[]; ticked: readonly string[]; onToggle: (s: string) => void }) {
  return (
    <fieldset class="new-product__sizes">
      <legend>{legend}</legend>
      {sizes.map((s) => (
        <label class="new-product__size" key={s}>
          <input type="checkbox" checked={ticked.includes(s)} onChange={() => onToggle(s)} />
          {s}
        </label>
      ))}
    </fieldset>
  );
}

/**
 * "Add as a new item": the name, the cup and general sizes and up to two custom sizes (a typed
 * custom size becomes a ticked box when the field loses focus). Sizes are saved in the order ticked.
 */
export function NewProductModal({ initialName, onSave, onClose }: Props) {
  const [name, setName] = useState(initialName.trim());
  const [code, setCode] = useState('');
  const [ticked, setTicked] = useState<string[]>([]);
  const [customs, setCustoms] = useState<string[]>([]);
  const [drafts, setDrafts] = useState<string[]>(() => Array.from({ length: CUSTOM_SIZE_SLOTS }, () => ''));
  const [isBusy, setBusy] = useState(false);
  const [problem, setProblem] = useState<{ field: string; message: string } | null>(null);
  const toggle = (s: string) => setTicked((t) => (t.includes(s) ? t.filter((x) => x !== s) : [...t, s]));
  /** Turns custom field `i` into a ticked box, or says why it cannot. */
  const commitCustom = (i: number): void => {
    const text = (drafts[i] ?? '').trim();
    if (text === '') return;
    const why = customSizeProblem(text, [...CUP_SIZES, ...GENERAL_SIZES, ...customs]);
    if (why !== null) return setProblem({ field: 'custom', message: `Custom size ${why}.` });
    setCustoms((c) => [...c, text]);
    setTicked((t) => [...t, text]);
    // Keep the open fields first: the field used becomes a box, the rest move up.
    setDrafts((d) => [...d.filter((_, j) => j !== i), '']);
    setProblem(null);
  };
  const save = async () => {
    if (isBusy) return;
    // A custom size typed but not yet turned into a box (Enter in its field) counts as ticked too.
    const pending = drafts.slice(0, CUSTOM_SIZE_SLOTS - customs.length).map((d) => d.trim()).filter((d) => d !== '');
    for (const [k, p] of pending.entries()) {
      const why = customSizeProblem(p, [...CUP_SIZES, ...GENERAL_SIZES, ...customs, ...pending.slice(0, k)]);
      if (why !== null) return setProblem({ field: 'custom', message: `Custom size ${why}.` });
    }
    const sizes = [...ticked, ...pending];
    const check = newProduct(name, sizes, code);
    if (!check.ok) {
      const e = check.errors[0];
      setProblem({ field: e?.field ?? 'name', message: `${FIELD_TEXT[e?.field ?? 'name'] ?? 'Item name'} ${e?.message ?? 'is not valid'}.` });
      return;
    }
    setBusy(true);
    setProblem(null);
    try {
      await onSave(name, sizes, code);
    } catch (e) {
      setProblem({ field: 'save', message: e instanceof Error ? e.message : String(e) });
      setBusy(false);
    }
  };
  return (
    <Modal
      title="Add a new item"
      onClose={onClose}
      testId="new-product"
      footer={
        <>
          <button type="button" class="button button--quiet" onClick={onClose}>
            Cancel
          </button>
          <button type="submit" form="new-product-form" class="button button--primary" disabled={isBusy}>
            {isBusy ? 'Saving…' : 'Save item'}
          </button>
        </>
      }
    >
      <form
        id="new-product-form"
        class="new-product"
        onSubmit={(e) => {
          e.preventDefault();
          void save();
        }}
      >
        <label class="field">
          <span class="field__label">Item name</span>
          <input class="field__input" value={name} maxLength={LIMITS.name} aria-invalid={problem?.field === 'name'} onInput={(e) => setName(e.currentTarget.value)} />
        </label>
        <label class="field">
          <span class="field__label">Code (optional, for example HIP-014)</span>
          <input class="field__input" value={code} maxLength={PRODUCT_CODE_MAX} autoComplete="off" aria-invalid={problem?.field === 'code'} onInput={(e) => setCode(e.currentTarget.value)} />
        </label>
        <SizeBoxes legend="Cup sizes" sizes={CUP_SIZES} ticked={ticked} onToggle={toggle} />
        <SizeBoxes legend="General sizes" sizes={GENERAL_SIZES} ticked={ticked} onToggle={toggle} />
        {customs.length > 0 && <SizeBoxes legend="Custom sizes" sizes={customs} ticked={ticked} onToggle={toggle} />}
        {customs.length < CUSTOM_SIZE_SLOTS && (
          <div class="new-product__custom">
            {drafts.slice(0, CUSTOM_SIZE_SLOTS - customs.length).map((d, i) => (
              <label class="field" key={i}>
                <span class="field__label">Custom size {customs.length + i + 1}</span>
                <input
                  class="field__input"
                  value={d}
                  maxLength={LIMITS.size}
                  aria-invalid={problem?.field === 'custom'}
                  onInput={(e) => {
                    const v = e.currentTarget.value;
                    setDrafts((x) => x.map((y, j) => (j === i ? v : y)));
                  }}
                  onBlur={() => commitCustom(i)}
                />
              </label>
            ))}
          </div>
        )}
        <p class="new-product__order" data-testid="new-product-sizes">
          {ticked.length === 0 ? 'No size ticked yet.' : `Sizes, in this order: ${ticked.join(', ')}`}
        </p>
        {problem !== null && (
          <p class="form-error" role="alert">
            {problem.message}
          </p>
        )}
      </form>
    </Modal>
  );
}
