import type { ComponentChildren } from 'preact';
import { useRef, useState } from 'preact/hooks';
import './SignInForm.css';

/** A problem to show: `field` names the input it concerns (null: the form as a whole). */
export type FormProblem = { field: 'email' | 'password' | null; message: string };

type Props = {
  title: string;
  subtitle: string;
  /** Resolves to null when signed in, else what to tell the user. */
  onSubmit: (email: string, password: string) => Promise<FormProblem | null>;
  /** Below the form, e.g. a link to create an account. */
  footer?: ComponentChildren;
};

/** Email and password sign-in, with errors named after their field and a busy state. */
export function SignInForm({ title, subtitle, onSubmit, footer }: Props) {
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [problem, setProblem] = useState<FormProblem | null>(null);
  const [isBusy, setIsBusy] = useState(false);
  const emailInput = useRef<HTMLInputElement>(null);
  const passwordInput = useRef<HTMLInputElement>(null);

  const show = (p: FormProblem | null) => {
    setProblem(p);
    // Move focus to the field to fix, so a keyboard or screen-reader user lands on it.
    if (p?.field === 'email') emailInput.current?.focus();
    if (p?.field === 'password') passwordInput.current?.focus();
  };

  const submit = async (e: Event) => {
    e.preventDefault();
    if (isBusy) return;
    if (email.trim() === '') return show({ field: 'email', message: 'Email: enter your email address.' });
    if (password === '') return show({ field: 'password', message: 'Password: enter your password.' });
    setIsBusy(true);
    setProblem(null);
    try {
      show(await onSubmit(email, password));
    } finally {
      setIsBusy(false);
    }
  };

  const errorId = (field: FormProblem['field']) => (problem !== null && problem.field === field ? 'sign-in-error' : undefined);

  return (
    <main class="sign-in">
      <form class="sign-in__form" onSubmit={(e) => void submit(e)} noValidate aria-busy={isBusy}>
        <h1 class="sign-in__title">{title}</h1>
        <p class="sign-in__subtitle">{subtitle}</p>
        <label class="field">
          <span class="field__label">Email</span>
          <input
            ref={emailInput}
            class="field__input"
            type="email"
            name="email"
            autoComplete="username"
            inputMode="email"
            autoFocus
            required
            value={email}
            onInput={(e) => setEmail(e.currentTarget.value)}
            aria-invalid={problem?.field === 'email'}
            aria-describedby={errorId('email')}
          />
        </label>
        <label class="field">
          <span class="field__label">Password</span>
          <input
            ref={passwordInput}
            class="field__input"
            type="password"
            name="password"
            autoComplete="current-password"
            required
            value={password}
            onInput={(e) => setPassword(e.currentTarget.value)}
            aria-invalid={problem?.field === 'password'}
            aria-describedby={errorId('password')}
          />
        </label>
        {problem !== null && (
          <p id="sign-in-error" class="sign-in__error" role="alert">
            {problem.message}
          </p>
        )}
        <button class="button button--primary sign-in__submit" type="submit" disabled={isBusy}>
          {isBusy ? 'Signing in…' : 'Sign in'}
        </button>
        {footer}
      </form>
    </main>
  );
}
