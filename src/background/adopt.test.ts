import { afterEach, describe, expect, test, vi } from 'vitest';
import browser from 'webextension-polyfill';
import { ALICE_PROFILE, installFakeFetch, jsonResponse, makeJwt } from '../testing/fake-fetch';
import { adoptStudioSession } from './adopt';
import { readView } from './session';
import { sessionItem } from './store';

const ORIGIN = 'https://studio.edgeimpulse.com';

afterEach(() => {
  vi.unstubAllGlobals();
});

function setStudioCookie(value: string) {
  return browser.cookies.set({ url: `${ORIGIN}/`, name: 'jwt', value });
}

function jwtWithClaims(claims: object): string {
  const encode = (value: object) => Buffer.from(JSON.stringify(value)).toString('base64url');
  return `${encode({ alg: 'HS256' })}.${encode(claims)}.c2ln`;
}

describe('Studio session offer', () => {
  test('names the user from the cookie without a request', async () => {
    const { calls } = installFakeFetch();
    await setStudioCookie(jwtWithClaims({ username: 'alice', exp: 4_000_000_000 }));

    expect(await readView()).toMatchObject({ studioSession: { username: 'alice' } });
    expect(calls).toHaveLength(0);
  });

  test.each([
    ['an expired token', jwtWithClaims({ username: 'alice', exp: 1 })],
    ['a value that is not a JWT', 'session-id-123'],
  ])('is not made for %s', async (_, value) => {
    await setStudioCookie(value);

    expect(await readView()).not.toHaveProperty('studioSession');
  });

  test('security: ignores a domain-wide cookie a sibling subdomain could plant', async () => {
    await browser.cookies.set({
      url: `${ORIGIN}/`,
      domain: 'edgeimpulse.com',
      name: 'jwt',
      value: jwtWithClaims({ username: 'mallory', exp: 4_000_000_000 }),
    });

    expect(await readView()).not.toHaveProperty('studioSession');
  });

  test('drops a username with markup', async () => {
    await setStudioCookie(jwtWithClaims({ username: '<img src=x>', exp: 4_000_000_000 }));

    expect(await readView()).toMatchObject({ studioSession: { username: undefined } });
  });
});

describe('adoptStudioSession', () => {
  test('validates the cookie token and stores it', async () => {
    const token = makeJwt(4_000_000_000);
    await setStudioCookie(token);
    const { calls } = installFakeFetch(jsonResponse(ALICE_PROFILE));

    const view = await adoptStudioSession(ORIGIN);
    expect(calls[0]?.headers.get('x-jwt-token')).toBe(token);
    expect(view).toMatchObject({ status: 'signedIn', profile: { username: 'alice' } });
    expect((await sessionItem.get())?.token).toBe(token);
  });

  test('a token Studio rejects is not stored', async () => {
    await setStudioCookie(makeJwt(4_000_000_000));
    installFakeFetch(jsonResponse({ success: false, error: 'Invalid token' }, 401));

    const view = await adoptStudioSession(ORIGIN);
    expect(view).toMatchObject({ status: 'signedOut', failure: { kind: 'http', status: 401 } });
    expect(await sessionItem.get()).toBeUndefined();
  });

  test('a profile that cannot be loaded is not adopted', async () => {
    await setStudioCookie(makeJwt(4_000_000_000));
    installFakeFetch(new TypeError('offline'), new TypeError('offline'));

    const view = await adoptStudioSession(ORIGIN);
    expect(view).toMatchObject({ status: 'signedOut', failure: { kind: 'network' } });
  });
});
