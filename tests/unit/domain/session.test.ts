import { describe, expect, it } from 'vitest';
import { parseRememberedSession, rememberedSession } from '../../../src/domain/session.ts';
import type { Uid } from '../../../src/domain/types.ts';

describe('the remembered session (localStorage, untrusted)', () => {
  it('reads back what was stored', () => {
    const user = { uid: 'aB3_x-9' as Uid, email: 'ravi@example.test' };
    expect(parseRememberedSession(rememberedSession(user))).toEqual(user);
    expect(parseRememberedSession(rememberedSession({ uid: 'u1' as Uid, email: null }))).toEqual({ uid: 'u1', email: null });
  });

  it('stores the uid and email only, whatever else the user object carries', () => {
    const stored = JSON.parse(rememberedSession({ uid: 'u1', email: 'a@b.test', token: 'secret' } as never)) as object;
    expect(Object.keys(stored).sort()).toEqual(['email', 'uid']);
  });

  it.each([
    ['nothing stored', null],
    ['not JSON', '{uid:'],
    ['JSON null', 'null'],
    ['an array', '["u1"]'],
    ['a string', '"u1"'],
    ['no uid', '{"email":"a@b.test"}'],
    ['a numeric uid', '{"uid":42,"email":null}'],
    ['an empty uid', '{"uid":"","email":null}'],
    ['a uid that is a path', '{"uid":"u1/../users","email":null}'],
    ['a uid with a dot', '{"uid":"u.1","email":null}'],
    ['a uid over 128 characters', JSON.stringify({ uid: 'u'.repeat(129), email: null })],
    ['an email that is not a string', '{"uid":"u1","email":{"x":1}}'],
    ['a missing email', '{"uid":"u1"}'],
    ['an email over 320 characters', JSON.stringify({ uid: 'u1', email: `${'a'.repeat(320)}@b.test` })],
  ])('ignores %s', (_what, raw) => {
    expect(parseRememberedSession(raw)).toBeUndefined();
  });
});
