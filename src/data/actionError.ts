/**
 * The one error type every command throws, and the one test for a database refusal. Commands
 * translate whatever went wrong (a domain refusal, PERMISSION_DENIED, a network failure) into an
 * ActionError whose message a person can act on; screens read `message`, `field` and `code`.
 */
import { DomainError } from '../domain/errors.ts';

/** What kind of failure: bad input or record, a race lost to another device, a refusal by the rules, no connection, anything else. */
export type ActionErrorCode = 'invalid' | 'stale' | 'denied' | 'offline' | 'failed';

/** An action that failed, with what a person should read; `field` names the input at fault, if any. */
export class ActionError extends Error {
  constructor(
    message: string,
    readonly field: string | null = null,
    readonly code: ActionErrorCode = 'failed',
  ) {
    super(message);
    this.name = 'ActionError';
  }
}

/**
 * True when the database refused a write or read (PERMISSION_DENIED). The SDK puts it in the
 * error's message ("PERMISSION_DENIED: Permission denied" or "permission_denied at /path") and in
 * its `code`, so both are checked.
 */
export function isDenied(e: unknown): boolean {
  const text = e instanceof Error ? `${e.message} ${(e as { code?: unknown }).code ?? ''}` : String(e);
  return /permission[_ ]denied/i.test(text);
}

/** Translates a domain or database failure into an ActionError (an ActionError passes through). */
export function toActionError(e: unknown): ActionError {
  if (e instanceof ActionError) return e;
  if (e instanceof DomainError) return new ActionError(e.message, e.errors[0]?.field ?? null, 'invalid');
  if (isDenied(e)) return new ActionError('The database refused this change: you may not have permission for it.', null, 'denied');
  return new ActionError(`The change could not be saved: ${e instanceof Error ? e.message : String(e)}`, null, 'failed');
}
