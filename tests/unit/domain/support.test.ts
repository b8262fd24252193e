import { describe, expect, it } from 'vitest';
import { createSupportPatch, parseSupportInput, replySupportPatch } from '../../../src/domain/support.ts';
import type { OrderId, PartyId, Uid } from '../../../src/domain/types.ts';

const own = new Set(['o-mine']);
const errorsOf = (input: { subject: string; text: string; orderId: string }) => {
  const r = parseSupportInput(input, own);
  return r.ok ? [] : r.errors.map((e) => `${e.field} ${e.message}`);
};

describe('parseSupportInput', () => {
  it('accepts a subject, a text and one of their own orders (trimmed)', () => {
    expect(parseSupportInput({ subject: ' Torn box ', text: 'Two wet.\nPlease replace.', orderId: 'o-mine' }, own)).toEqual({ ok: true, value: { subject: 'Torn box', text: 'Two wet.\nPlease replace.', orderId: 'o-mine' } });
    expect(parseSupportInput({ subject: 'Torn box', text: 'Wet.', orderId: '' }, own)).toEqual({ ok: true, value: { subject: 'Torn box', text: 'Wet.' } });
  });

  it.each<[string, { subject: string; text: string; orderId: string }, string]>([
    ['an empty subject', { subject: '  ', text: 'x', orderId: '' }, 'subject is required'],
    ['a 10,000-character text', { subject: 'x', text: 'y'.repeat(10_000), orderId: '' }, 'text must be at most 2000 characters'],
    ['HTML in the subject', { subject: '<b>x</b>', text: 'y', orderId: '' }, 'subject must not contain < or > (no HTML)'],
    ['HTML in the text', { subject: 'x', text: '<script>1</script>', orderId: '' }, 'text must not contain < or > (no HTML)'],
    ["someone else's order", { subject: 'x', text: 'y', orderId: 'o-theirs' }, 'orderId is not one of your orders'],
  ])('refuses %s, naming the field', (_, input, message) => expect(errorsOf(input)).toEqual([message]));
});

describe('the patches', () => {
  it('a new request is open, with its times', () => {
    expect(createSupportPatch('s1', { subject: 'a', text: 'b', orderId: 'o1' as OrderId }, { uid: 'u1' as Uid, partyId: 'p1' as PartyId }, 5)).toEqual({
      'support/s1': { retailerUid: 'u1', partyId: 'p1', subject: 'a', text: 'b', orderId: 'o1', status: 'open', createdAt: 5, updatedAt: 5 },
    });
  });

  it('a reply answers it in the admin’s name; an empty or HTML reply is refused', () => {
    expect(replySupportPatch('s1', ' On its way ', { uid: 'a1' as Uid, name: 'Ada' }, 9)).toEqual({
      'support/s1/reply': 'On its way',
      'support/s1/repliedBy': 'a1',
      'support/s1/repliedByName': 'Ada',
      'support/s1/repliedAt': 9,
      'support/s1/status': 'answered',
      'support/s1/updatedAt': 9,
    });
    expect(() => replySupportPatch('s1', ' ', { uid: 'a1' as Uid, name: 'Ada' }, 9)).toThrow(/reply is required/);
    expect(() => replySupportPatch('s1', '<b>x</b>', { uid: 'a1' as Uid, name: 'Ada' }, 9)).toThrow(/no HTML/);
  });
});
