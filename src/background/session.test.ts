import { afterEach, describe, expect, test, vi } from 'vitest';
import browser from 'webextension-polyfill';
import { installFakeFetch, jsonResponse, makeJwt, ALICE_PROFILE } from '../testing/fake-fetch';
import { grantedOrigins, storedCookies } from '../testing/fake-browser';
import { cancelCode, readView, signIn, signOut, submitCode } from './session';
import { pendingLoginItem, sessionItem } from './store';

const ALICE = { username: 'alice', password: 'correct horse' };
const EXPIRY_SECONDS = 1_900_000_000;
const TOKEN = makeJwt(EXPIRY_SECONDS);
const CODE_REQUIRED = { success: false, error: 'ERR_TOTP_TOKEN IS REQUIRED' };

afterEach(() => {
  vi.unstubAllGlobals();
});

async function headerRules() {
  return browser.declarativeNetRequest.getDynamicRules();
}

describe('signIn', () => {
  test('stores the session and shows the profile without the token', async () => {
    installFakeFetch(jsonResponse({ success: true, token: TOKEN }), jsonResponse(ALICE_PROFILE));

    const view = await signIn(ALICE);
    expect(view).toMatchObject({
      status: 'signedIn',
      studioOrigin: 'https://studio.edgeimpulse.com',
      profile: { username: 'alice', name: 'Alice Example' },
      expiresAt: EXPIRY_SECONDS * 1000,
    });
    expect(JSON.stringify(view)).not.toContain(TOKEN);
    expect((await sessionItem.get())?.token).toBe(TOKEN);
  });

  test('adds the header rule and the cookie', async () => {
    installFakeFetch(jsonResponse({ success: true, token: TOKEN }), jsonResponse(ALICE_PROFILE));

    await signIn(ALICE);
    const rules = await headerRules();
    expect(rules).toHaveLength(1);
    expect(rules[0]?.action.requestHeaders?.[0]).toEqual({
      header: 'x-jwt-token',
      operation: 'set',
      value: TOKEN,
    });
    expect(storedCookies()).toEqual([
      expect.objectContaining({
        name: 'jwt',
        value: TOKEN,
        secure: true,
        sameSite: 'lax',
        expirationDate: EXPIRY_SECONDS,
      }),
    ]);
  });

  test('trims the username but not the password', async () => {
    const { calls } = installFakeFetch(
      jsonResponse({ success: true, token: TOKEN }),
      jsonResponse(ALICE_PROFILE),
    );

    await signIn({ username: '  alice ', password: ' spaced ' });
    expect(JSON.parse(calls[0]?.body ?? '')).toEqual({ username: 'alice', password: ' spaced ' });
  });

  test('a rejected password leaves a notice and no session', async () => {
    installFakeFetch(
      jsonResponse({ success: false, error: 'Password is incorrect' }),
      jsonResponse({ success: true, needPassword: false }),
    );

    const view = await signIn(ALICE);
    expect(view).toEqual({
      status: 'signedOut',
      studioOrigin: 'https://studio.edgeimpulse.com',
      username: 'alice',
      failure: { kind: 'rejected', serverMessage: 'Password is incorrect' },
    });
    expect(await sessionItem.get()).toBeUndefined();
    expect(await headerRules()).toEqual([]);
  });

  test('a rejected password of an SSO-only account is ssoOnly', async () => {
    const { calls } = installFakeFetch(
      jsonResponse({ success: false, error: 'Password is incorrect' }),
      jsonResponse({ success: true, needPassword: true, email: 'sam@example.com' }),
    );

    const view = await signIn({ username: 'sam', password: 'guess' });
    expect(view).toMatchObject({ status: 'signedOut', failure: { kind: 'ssoOnly' } });
    expect(calls[1]?.url).toContain('/v1/api-user-need-to-set-password/sam');
  });

  test('a failed SSO check keeps the original failure', async () => {
    installFakeFetch(
      jsonResponse({ success: false, error: 'Password is incorrect' }),
      new TypeError('offline'),
      new TypeError('offline'),
    );

    const view = await signIn(ALICE);
    expect(view).toMatchObject({ failure: { kind: 'rejected' } });
  });

  test('two calls at once send one login', async () => {
    const { calls } = installFakeFetch(
      jsonResponse({ success: true, token: TOKEN }),
      jsonResponse(ALICE_PROFILE),
    );

    const [first, second] = await Promise.all([signIn(ALICE), signIn(ALICE)]);
    expect(calls.filter((call) => call.url.endsWith('/api-login'))).toHaveLength(1);
    expect(first.status).toBe('signedIn');
    expect(second.status).toBe('signedIn');
  });

  test('a profile that fails to load still signs in with the username', async () => {
    installFakeFetch(jsonResponse({ success: true, token: TOKEN }), new TypeError('offline'));

    const view = await signIn(ALICE);
    expect(view).toMatchObject({
      status: 'signedIn',
      profile: { username: 'alice', name: 'alice' },
    });
  });

  test('a token that Studio rejects at once ends the sign-in', async () => {
    installFakeFetch(
      jsonResponse({ success: true, token: TOKEN }),
      jsonResponse({ success: false, error: 'Invalid token' }, 401),
    );

    const view = await signIn(ALICE);
    expect(view).toMatchObject({ status: 'signedOut', failure: { kind: 'http', status: 401 } });
    expect(await sessionItem.get()).toBeUndefined();
  });
});

describe('authenticator code', () => {
  test('MFA prompt waits for the code and keeps the password out of the view', async () => {
    installFakeFetch(jsonResponse(CODE_REQUIRED));

    const view = await signIn(ALICE);
    expect(view).toEqual({
      status: 'needsCode',
      studioOrigin: 'https://studio.edgeimpulse.com',
      username: 'alice',
    });
    expect(JSON.stringify(view)).not.toContain(ALICE.password);
  });

  test('the code is sent with the same credentials', async () => {
    const { calls } = installFakeFetch(
      jsonResponse(CODE_REQUIRED),
      jsonResponse({ success: true, token: TOKEN }),
      jsonResponse(ALICE_PROFILE),
    );

    await signIn(ALICE);
    const view = await submitCode('123456');
    expect(JSON.parse(calls[1]?.body ?? '')).toEqual({ ...ALICE, totpToken: '123456' });
    expect(view.status).toBe('signedIn');
    expect(await pendingLoginItem.get()).toBeUndefined();
  });

  test('a wrong code stays on the code form with the message', async () => {
    installFakeFetch(
      jsonResponse(CODE_REQUIRED),
      jsonResponse({ success: false, error: 'ERR_TOTP_TOKEN IS INVALID' }),
    );

    await signIn(ALICE);
    const view = await submitCode('000000');
    expect(view).toMatchObject({
      status: 'needsCode',
      failure: { kind: 'codeRejected', serverMessage: 'ERR_TOTP_TOKEN IS INVALID' },
    });
  });

  test('cancel forgets the pending login and its password', async () => {
    installFakeFetch(jsonResponse(CODE_REQUIRED));

    await signIn(ALICE);
    const view = await cancelCode();
    expect(view.status).toBe('signedOut');
    expect(await pendingLoginItem.get()).toBeUndefined();
  });

  test('a code after the 5-minute window sends nothing', async () => {
    const { calls } = installFakeFetch(jsonResponse(CODE_REQUIRED));
    await signIn(ALICE);
    const pending = await pendingLoginItem.get();
    await pendingLoginItem.set({ ...pending!, startedAt: Date.now() - 5 * 60_000 - 1 });

    const view = await submitCode('123456');
    expect(calls).toHaveLength(1);
    expect(view.status).toBe('signedOut');
  });
});

describe('signOut', () => {
  test('removes token, rule and cookie', async () => {
    installFakeFetch(jsonResponse({ success: true, token: TOKEN }), jsonResponse(ALICE_PROFILE));
    await signIn(ALICE);

    const view = await signOut();
    expect(view).toEqual({ status: 'signedOut', studioOrigin: 'https://studio.edgeimpulse.com' });
    expect(await sessionItem.get()).toBeUndefined();
    expect(await headerRules()).toEqual([]);
    expect(storedCookies()).toEqual([]);
  });

  test('keeps a jwt cookie that Studio itself set', async () => {
    installFakeFetch(jsonResponse({ success: true, token: TOKEN }), jsonResponse(ALICE_PROFILE));
    await signIn(ALICE);
    const studioToken = makeJwt(EXPIRY_SECONDS, 'bob');
    await browser.cookies.set({
      url: 'https://studio.edgeimpulse.com/',
      name: 'jwt',
      value: studioToken,
    });

    await signOut();
    expect(storedCookies().map((cookie) => cookie.value)).toEqual([studioToken]);
  });

  test('signing in as another user replaces the token', async () => {
    const bobToken = makeJwt(EXPIRY_SECONDS, 'bob');
    installFakeFetch(
      jsonResponse({ success: true, token: TOKEN }),
      jsonResponse(ALICE_PROFILE),
      jsonResponse({ success: true, token: bobToken }),
      jsonResponse({ ...ALICE_PROFILE, id: 8, username: 'bob', name: 'Bob Builder' }),
    );
    await signIn(ALICE);
    await signOut();

    await signIn({ username: 'bob', password: 'battery staple' });
    const rules = await headerRules();
    expect(rules).toHaveLength(1);
    expect(rules[0]?.action.requestHeaders?.[0]?.value).toBe(bobToken);
    expect(storedCookies().map((cookie) => cookie.value)).toEqual([bobToken]);
  });
});

describe('missing host access', () => {
  test('the view names what is missing and no login is sent', async () => {
    grantedOrigins.delete('https://studio.edgeimpulse.com/*');
    const { calls } = installFakeFetch();

    expect(await readView()).toMatchObject({
      status: 'signedOut',
      missingAccess: ['https://studio.edgeimpulse.com/*'],
    });
    const view = await signIn(ALICE);
    expect(view).toMatchObject({
      failure: { kind: 'accessMissing', host: 'studio.edgeimpulse.com' },
    });
    expect(calls).toHaveLength(0);
  });
});

describe('readView', () => {
  test('starts signed out', async () => {
    expect(await readView()).toEqual({
      status: 'signedOut',
      studioOrigin: 'https://studio.edgeimpulse.com',
    });
  });
});
