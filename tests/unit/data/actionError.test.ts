import { describe, expect, it } from 'vitest';
import { ActionError, isDenied, toActionError } from '../../../src/data/actionError.ts';
import { DomainError } from '../../../src/domain/errors.ts';

/** An error as the firebase SDK makes it: a message, and `code` on some calls. */
const sdkError = (message: string, code?: string): Error => Object.assign(new Error(message), code === undefined ? {} : { code });

describe('isDenied: the one test for a database refusal', () => {
  it.each([
    ['an update refused by the rules', sdkError('PERMISSION_DENIED: Permission denied', 'PERMISSION_DENIED'), true],
    ['the lower-case form with a path', sdkError('permission_denied at /orders/o1: Client doesn\u2019t have permission'), true],
    ['only the code says so', sdkError('update failed', 'PERMISSION_DENIED'), true],
    ['a string thrown as is', 'PERMISSION_DENIED', true],
    ['a network failure', sdkError('Client is offline.'), false],
    ['an auth error', sdkError('Firebase: Error (auth/wrong-password).', 'auth/wrong-password'), false],
    ['a domain refusal', new DomainError('picked[0].qty: 5 is more than the 3 available'), false],
  ])('%s → %s', (_, e, expected) => {
    expect(isDenied(e)).toBe(expected);
  });
});

describe('toActionError', () => {
  it('passes an ActionError through unchanged, subclasses included', () => {
    const e = new ActionError('Reason: required.', 'reason', 'invalid');
    expect(toActionError(e)).toBe(e);
  });

  it('turns a DomainError into "invalid" with its message and first field', () => {
    const e = toActionError(new DomainError('picked[0].qty: 5 is more than the 3 available', [{ field: 'picked[0].qty', message: 'is more than the 3 available' }]));
    expect([e.code, e.field, e.message]).toEqual(['invalid', 'picked[0].qty', 'picked[0].qty: 5 is more than the 3 available']);
  });

  it('turns a refusal into "denied" and anything else into "failed" with the cause in the message', () => {
    expect(toActionError(sdkError('PERMISSION_DENIED: Permission denied', 'PERMISSION_DENIED')).code).toBe('denied');
    const other = toActionError(sdkError('Client is offline.'));
    expect([other.code, other.message]).toEqual(['failed', 'The change could not be saved: Client is offline.']);
  });
});
