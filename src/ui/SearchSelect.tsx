import type { Ref } from 'preact';
import { useState } from 'preact/hooks';
import './SearchSelect.css';

/** One entry of the list. */
export type SearchOption = { id: string; label: string };

type Props = {
  label: string;
  /** What the box shows. */
  value: string;
  placeholder?: string;
  options: readonly SearchOption[];
  onInput: (text: string) => void;
  /** A pick by Enter says 'keyboard', so the screen may move focus on to the next field. */
  onPick: (id: string, how: PickedBy) => void;
  /** "Add "<text>" as a new party": offered when nothing matches. */
  createLabel?: string | null;
  onCreate?: (how: PickedBy) => void;
  error?: string | null;
  isBusy?: boolean;
  testId: string;
  /** The input, for a screen that moves focus here (Enter in a grid, a shortcut key). */
  inputRef?: Ref<HTMLInputElement>;
};

/** How an option was picked. */
export type PickedBy = 'keyboard' | 'pointer';

/**
 * Moves focus to a search box with its text selected, so typing starts a new search, without
 * opening the list over the screen (typing or Down opens it): for focus a screen moves itself.
 */
export function focusSearch(input: HTMLInputElement | null): void {
  if (input === null) return;
  input.dataset['quietFocus'] = '1';
  input.focus();
  input.select();
  delete input.dataset['quietFocus'];
}

/**
 * A search box with a list (ARIA combobox): the full list on focus, filtered as you type,
 * Up/Down to move, Enter to pick, Escape to close. Only a pick selects; typing never does.
 */
export function SearchSelect({ label, value, placeholder, options, onInput, onPick, createLabel, onCreate, error, isBusy = false, testId, inputRef }: Props) {
  const [isOpen, setOpen] = useState(false);
  const [active, setActive] = useState(0);
  const listId = `${testId}-list`;
  const canCreate = options.length === 0 && createLabel !== undefined && createLabel !== null && onCreate !== undefined;
  const count = options.length + (canCreate ? 1 : 0);
  const choose = (i: number, how: PickedBy) => {
    const o = options[i];
    if (o !== undefined) onPick(o.id, how);
    else if (canCreate) onCreate?.(how);
    setOpen(false);
  };
  return (
    <div class="search-select" data-testid={testId}>
      <label class="field">
        <span class="field__label">{label}</span>
        <input
          ref={inputRef}
          class="field__input"
          role="combobox"
          aria-expanded={isOpen}
          aria-controls={listId}
          aria-autocomplete="list"
          aria-invalid={error !== null && error !== undefined}
          aria-activedescendant={isOpen && count > 0 ? `${listId}-${Math.min(active, count - 1)}` : undefined}
          autocomplete="off"
          placeholder={placeholder}
          value={value}
          disabled={isBusy}
          onFocus={(e) => {
            setOpen(e.currentTarget.dataset['quietFocus'] === undefined);
            setActive(0);
          }}
          onClick={() => setOpen(true)}
          onBlur={() => setOpen(false)}
          onInput={(e) => {
            onInput(e.currentTarget.value);
            setOpen(true);
            setActive(0);
          }}
          onKeyDown={(e) => {
            if (e.key === 'ArrowDown') {
              e.preventDefault();
              setOpen(true);
              setActive((a) => (count === 0 ? 0 : (a + 1) % count));
            } else if (e.key === 'ArrowUp') {
              e.preventDefault();
              setActive((a) => (count === 0 ? 0 : (a - 1 + count) % count));
            } else if (e.key === 'Enter' && !e.ctrlKey && !e.metaKey && !e.altKey && isOpen && count > 0) {
              e.preventDefault();
              choose(Math.min(active, count - 1), 'keyboard');
            } else if (e.key === 'Escape' && isOpen) {
              e.preventDefault();
              e.stopPropagation();
              setOpen(false);
            }
          }}
        />
      </label>
      {isOpen && count > 0 && (
        <ul class="search-select__list" id={listId} role="listbox" aria-label={label}>
          {options.map((o, i) => (
            <li
              key={o.id}
              id={`${listId}-${i}`}
              role="option"
              aria-selected={i === active}
              class={i === active ? 'search-select__option search-select__option--active' : 'search-select__option'}
              onMouseDown={(e) => e.preventDefault()}
              onClick={() => choose(i, 'pointer')}
            >
              {o.label}
            </li>
          ))}
          {canCreate && (
            <li
              id={`${listId}-0`}
              role="option"
              aria-selected={active === 0}
              class="search-select__option search-select__option--create search-select__option--active"
              onMouseDown={(e) => e.preventDefault()}
              onClick={() => choose(0, 'pointer')}
            >
              {createLabel}
            </li>
          )}
        </ul>
      )}
      {error !== null && error !== undefined && (
        <p class="form-error" role="alert">
          {error}
        </p>
      )}
    </div>
  );
}
