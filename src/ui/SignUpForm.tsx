import { useRef, useState } from 'preact/hooks';
import './SignInForm.css';

/** A problem to show: `field` names the input it concerns (null: the form as a whole). */
export type SignUpProblem = { field: 'name' | 'email' | 'password' | 'party' | null; message: string };

type InputKind = { type: 'text'; autoComplete: 'name' } | { type: 'email'; autoComplete: 'username' } | { type: 'password'; autoComplete: 'new-password' };

type Props = {
  title: string;
  /** Resolves to null when the account exists, else what to tell the user. */
  onSubmit: (name: string, email: string, password: string) => Promise<SignUpProblem | null>;
  onBack: () => void;
};

/** Staff sign-up: name, email and a new password; an admin approves the account afterwards. */
export function SignUpForm({ title, onSubmit, onBack }: Props) {
  const [values, setValues] = useState({ name: '', email: '', password: '' });
  const [problem, setProblem] = useState<SignUpProblem | null>(null);
  const [isBusy, setIsBusy] = useState(false);
  const inputs = { name: useRef<HTMLInputElement>(null), email: useRef<HTMLInputElement>(null), password: useRef<HTMLInputElement>(null) };

  const submit = async (e: Event) => {
    e.preventDefault();
    if (isBusy) return;
    setIsBusy(true);
    setProblem(null);
    try {
      const p = await onSubmit(values.name, values.email, values.password);
      setProblem(p);
      if (p !== null && p.field !== null && p.field !== 'party') inputs[p.field].current?.focus();
    } finally {
      setIsBusy(false);
    }
  };

  const field = (key: 'name' | 'email' | 'password', label: string, kind: InputKind) => (
    <label class="field">
      <span class="field__label">{label}</span>
      <input
        ref={inputs[key]}
        class="field__input"
        {...kind}
        name={key}
        autoFocus={key === 'name'}
        required
        value={values[key]}
        onInput={(e) => setValues({ ...values, [key]: e.currentTarget.value })}
        aria-invalid={problem?.field === key}
        aria-describedby={problem?.field === key ? 'sign-up-error' : undefined}
      />
    </label>
  );

  return (
    <main class="sign-in">
      <form class="sign-in__form" onSubmit={(e) => void submit(e)} noValidate aria-busy={isBusy}>
        <h1 class="sign-in__title">{title}</h1>
        <p class="sign-in__subtitle">Create a staff account. An admin approves it before you can work.</p>
        {field('name', 'Your name', { type: 'text', autoComplete: 'name' })}
        {field('email', 'Email', { type: 'email', autoComplete: 'username' })}
        {field('password', 'New password (at least 8 characters)', { type: 'password', autoComplete: 'new-password' })}
        {problem !== null && (
          <p id="sign-up-error" class="sign-in__error" role="alert">
            {problem.message}
          </p>
        )}
        <button class="button button--primary sign-in__submit" type="submit" disabled={isBusy}>
          {isBusy ? 'Creating account…' : 'Create account'}
        </button>
        <button class="button button--quiet" type="button" onClick={onBack} disabled={isBusy}>
          Back to sign-in
        </button>
      </form>
    </main>
  );
}
