import { useState } from 'preact/hooks';
import { Modal } from '../../../ui/Modal.tsx';

type Props = { productName: string; onSave: (c: { code: string; name: string; swatch: string }) => Promise<void>; onClose: () => void };

/** Adds a colour to the product's catalogue entry; quantities already typed stay in the grid. */
export function AddColourModal({ productName, onSave, onClose }: Props) {
  const [code, setCode] = useState('');
  const [name, setName] = useState('');
  const [swatch, setSwatch] = useState('#9ca3af');
  const [isBusy, setBusy] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  const save = async () => {
    if (isBusy) return;
    if (code.trim() === '') return setProblem('Colour code is required.');
    setBusy(true);
    setProblem(null);
    try {
      await onSave({ code: code.trim(), name: name.trim(), swatch });
    } catch (e) {
      setProblem(e instanceof Error ? e.message : String(e));
      setBusy(false);
    }
  };
  return (
    <Modal
      title={`Add a colour to ${productName}`}
      onClose={onClose}
      testId="add-colour"
      footer={
        <>
          <button type="button" class="button button--quiet" onClick={onClose}>
            Cancel
          </button>
          <button type="submit" form="add-colour-form" class="button button--primary" disabled={isBusy}>
            {isBusy ? 'Adding…' : 'Add colour'}
          </button>
        </>
      }
    >
      <form
        id="add-colour-form"
        class="add-colour"
        onSubmit={(e) => {
          e.preventDefault();
          void save();
        }}
      >
        <label class="field">
          <span class="field__label">Colour code</span>
          <input class="field__input" value={code} maxLength={40} required aria-invalid={problem !== null} onInput={(e) => setCode(e.currentTarget.value.toUpperCase())} />
        </label>
        <label class="field">
          <span class="field__label">Colour name (optional)</span>
          <input class="field__input" value={name} maxLength={60} onInput={(e) => setName(e.currentTarget.value)} />
        </label>
        <label class="field">
          <span class="field__label">Swatch</span>
          <input class="field__input" type="color" value={swatch} onInput={(e) => setSwatch(e.currentTarget.value)} />
        </label>
        {problem !== null && (
          <p class="form-error" role="alert">
            {problem}
          </p>
        )}
      </form>
    </Modal>
  );
}
