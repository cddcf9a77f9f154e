import { describe, expect, test, vi } from 'vitest';
import browser from 'webextension-polyfill';
import { storedCookies } from '../testing/fake-browser';
import { makeJwt } from '../testing/fake-fetch';
import { authenticateBrowser, deauthenticateBrowser, EXPIRY_ALARM } from './injection';

const ORIGIN = 'https://studio.edgeimpulse.com';
const EXPIRES_AT = 1_900_000_000_000;
const TOKEN = makeJwt(EXPIRES_AT / 1000);
const credential = { token: TOKEN, studioOrigin: ORIGIN, expiresAt: EXPIRES_AT };

describe('authenticateBrowser', () => {
  test('persistent: dynamic rule and cookie with expiry', async () => {
    await authenticateBrowser({ ...credential, persistent: true });

    expect(await browser.declarativeNetRequest.getDynamicRules()).toHaveLength(1);
    expect(await browser.declarativeNetRequest.getSessionRules()).toEqual([]);
    expect(storedCookies()[0]).toMatchObject({ expirationDate: EXPIRES_AT / 1000, httpOnly: true });
  });

  test('not persistent: session rule and session cookie', async () => {
    await authenticateBrowser({ ...credential, persistent: false });

    expect(await browser.declarativeNetRequest.getDynamicRules()).toEqual([]);
    expect(await browser.declarativeNetRequest.getSessionRules()).toHaveLength(1);
    expect(storedCookies()[0]).not.toHaveProperty('expirationDate');
  });

  test('schedules the expiry alarm a minute early', async () => {
    await authenticateBrowser(credential);

    const alarm = await browser.alarms.get(EXPIRY_ALARM);
    expect(alarm?.scheduledTime).toBe(EXPIRES_AT - 60_000);
  });
});

describe('authenticateBrowser again', () => {
  test('leaves matching rules, alarm and cookie alone', async () => {
    await authenticateBrowser(credential);
    const updateRules = vi.spyOn(browser.declarativeNetRequest, 'updateDynamicRules');
    const setCookie = vi.spyOn(browser.cookies, 'set');

    await authenticateBrowser(credential);
    expect(updateRules).not.toHaveBeenCalled();
    expect(setCookie).not.toHaveBeenCalled();
  });

  test('rewrites them for a new token', async () => {
    await authenticateBrowser(credential);
    const token = makeJwt(EXPIRES_AT / 1000, 'bob');

    await authenticateBrowser({ ...credential, token });
    const [rule] = await browser.declarativeNetRequest.getDynamicRules();
    expect(rule?.action.requestHeaders?.[0]?.value).toBe(token);
    expect(storedCookies().map((cookie) => cookie.value)).toEqual([token]);
  });
});

describe('deauthenticateBrowser', () => {
  test('removes rules, alarm and own cookie', async () => {
    await authenticateBrowser(credential);

    await deauthenticateBrowser(credential);
    expect(await browser.declarativeNetRequest.getDynamicRules()).toEqual([]);
    expect(await browser.alarms.get(EXPIRY_ALARM)).toBeFalsy();
    expect(storedCookies()).toEqual([]);
  });

  test('recognises its own cookie without the token', async () => {
    await authenticateBrowser(credential);

    await deauthenticateBrowser();
    expect(storedCookies()).toEqual([]);
  });

  test('security: removes its cookie despite a planted domain cookie', async () => {
    await browser.cookies.set({
      url: `${ORIGIN}/`,
      domain: 'edgeimpulse.com',
      name: 'jwt',
      value: 'x',
    });
    await authenticateBrowser(credential);

    await deauthenticateBrowser(credential);
    expect(storedCookies().map((cookie) => cookie.value)).toEqual(['x']);
  });

  test('keeps a cookie Studio set itself', async () => {
    await authenticateBrowser(credential);
    const studioToken = makeJwt(EXPIRES_AT / 1000, 'bob');
    await browser.cookies.set({ url: `${ORIGIN}/`, name: 'jwt', value: studioToken });

    await deauthenticateBrowser();
    expect(storedCookies().map((cookie) => cookie.value)).toEqual([studioToken]);
  });

  test('stores no token for recognising the cookie', async () => {
    await authenticateBrowser(credential);

    const stored = JSON.stringify(await browser.storage.local.get());
    expect(stored).toContain('cookieFingerprint');
    expect(stored).not.toContain(TOKEN);
  });
});
