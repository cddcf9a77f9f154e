import { afterEach, beforeEach, describe, expect, test, vi } from 'vitest';
import browser from 'webextension-polyfill';
import { storedCookies } from '../testing/fake-browser';
import { makeJwt } from '../testing/fake-fetch';
import { authenticateBrowser, deauthenticateBrowser, EXPIRY_ALARM } from './injection';

const ORIGIN = 'https://studio.edgeimpulse.com';
const EXPIRES_AT = 1_900_000_000_000;
const TOKEN = makeJwt(EXPIRES_AT / 1000);
const credential = { token: TOKEN, studioOrigin: ORIGIN, expiresAt: EXPIRES_AT };

/** The fake's own cookie methods, captured before any test replaces them. */
const fakeCookies = { ...browser.cookies };

/**
 * Makes the fake cookie jar delete cookies as `browserName` does. A cookie set with an expiry in
 * the past replaces the cookie with the same name, host and path, and then both are gone.
 * cookies.remove deletes every cookie of that name the URL receives in Chromium 156. Firefox 153
 * deletes only the first, ordered by longest path, then earliest creation.
 */
function emulateCookieDeletion(browserName: 'chromium' | 'firefox'): void {
  vi.spyOn(browser.cookies, 'set').mockImplementation(async (details) => {
    const expired =
      details.expirationDate !== undefined && details.expirationDate * 1000 <= Date.now();
    if (!expired) return fakeCookies.set(details);
    // The fake's remove deletes only cookies whose domain is the URL's host.
    await fakeCookies.remove({ url: details.url, name: details.name ?? '' });
    return undefined as never;
  });
  vi.spyOn(browser.cookies, 'remove').mockImplementation(async ({ url, name }) => {
    // Every cookie in these tests has path `/`, and the fake lists them oldest first.
    const matching = await fakeCookies.getAll({ url, name });
    const deleted = browserName === 'firefox' ? matching.slice(0, 1) : matching;
    for (const cookie of deleted) {
      await fakeCookies.remove({ url: `https://${cookie.domain}/`, name });
    }
    return null;
  });
}

/** Sets a `jwt` cookie for all of edgeimpulse.com, as a page on any subdomain can. */
async function plantDomainCookie(value: string): Promise<void> {
  await browser.cookies.set({ url: `${ORIGIN}/`, domain: 'edgeimpulse.com', name: 'jwt', value });
}

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
  beforeEach(() => emulateCookieDeletion('firefox'));
  afterEach(() => {
    vi.mocked(browser.cookies.set).mockRestore();
    vi.mocked(browser.cookies.remove).mockRestore();
  });

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

  test.each(['chromium', 'firefox'] as const)(
    'security: %s keeps a planted domain cookie',
    async (browserName) => {
      emulateCookieDeletion(browserName);
      await plantDomainCookie('x');
      await authenticateBrowser(credential);

      await deauthenticateBrowser(credential);
      expect(storedCookies().map((cookie) => cookie.value)).toEqual(['x']);
    },
  );

  test('security: fingerprint removal keeps planted cookie', async () => {
    await plantDomainCookie('x');
    await authenticateBrowser(credential);

    await deauthenticateBrowser();
    expect(storedCookies().map((cookie) => cookie.value)).toEqual(['x']);
  });

  test('security: keeps a domain cookie carrying the token', async () => {
    await plantDomainCookie(TOKEN);
    await authenticateBrowser(credential);

    await deauthenticateBrowser(credential);
    const remaining = storedCookies();
    expect(remaining).toHaveLength(1);
    expect(remaining[0]).toMatchObject({ domain: 'edgeimpulse.com', hostOnly: false });
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
