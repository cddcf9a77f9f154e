import { describe, expect, test } from 'vitest';
import { isWellFormedJwt, readJwtExpiry } from './jwt';

function makeJwt(payload: object): string {
  const encode = (value: object) => Buffer.from(JSON.stringify(value)).toString('base64url');
  return `${encode({ alg: 'HS256', typ: 'JWT' })}.${encode(payload)}.c2lnbmF0dXJl`;
}

describe('readJwtExpiry', () => {
  test('returns exp in milliseconds', () => {
    expect(readJwtExpiry(makeJwt({ exp: 1_800_000_000 }))).toBe(1_800_000_000_000);
  });

  test('reads payloads with non-ASCII text', () => {
    expect(readJwtExpiry(makeJwt({ name: 'Zoë Ünal', exp: 1_800_000_001 }))).toBe(
      1_800_000_001_000,
    );
  });

  test.each([
    ['no exp claim', makeJwt({ sub: 'alice' })],
    ['exp is a string', makeJwt({ exp: '1800000000' })],
    ['payload is not JSON', 'aGVhZA.bm90IGpzb24.c2ln'],
    ['payload is not base64url', 'aGVhZA.%%%.c2ln'],
    ['one part only', 'aGVhZA'],
  ])('returns undefined when %s', (_, token) => {
    expect(readJwtExpiry(token)).toBeUndefined();
  });
});

describe('isWellFormedJwt', () => {
  test('accepts three base64url parts', () => {
    expect(isWellFormedJwt(makeJwt({ exp: 1 }))).toBe(true);
  });

  test.each([
    ['a number', 42],
    ['an empty string', ''],
    ['two parts', 'aGVhZA.cGF5bG9hZA'],
    ['four parts', 'a.b.c.d'],
    ['an empty part', 'aGVhZA..c2ln'],
    ['a space', 'aGVhZA.cGF5 bG9hZA.c2ln'],
    ['a line break', 'aGVhZA.cGF5bG9hZA.c2ln\n'],
    ['base64 padding', 'aGVhZA==.cGF5bG9hZA.c2ln'],
    ['over 4,000 characters', `${'a'.repeat(3997)}.b.c`],
  ])('rejects %s', (_, token) => {
    expect(isWellFormedJwt(token)).toBe(false);
  });
});
