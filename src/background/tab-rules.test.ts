import { describe, expect, test } from 'vitest';
import browser from 'webextension-polyfill';
import { makeJwt } from '../testing/fake-fetch';
import { deauthenticateBrowser } from './injection';
import { handleTabRemoved, readAuthenticatedTabs, setTabAuthenticated } from './tab-rules';

const credential = {
  token: makeJwt(1_900_000_000),
  studioOrigin: 'https://studio.edgeimpulse.com',
};

describe('tab rules', () => {
  test('a session rule limited to the tab carries the token', async () => {
    expect(await setTabAuthenticated(42, true, credential)).toBe(true);

    const [rule] = await browser.declarativeNetRequest.getSessionRules();
    expect(rule?.condition.tabIds).toEqual([42]);
    expect(rule?.condition.requestDomains).toEqual(['studio.edgeimpulse.com']);
    expect(rule?.action.requestHeaders?.[0]?.value).toBe(credential.token);
  });

  test('nothing is set without a session', async () => {
    expect(await setTabAuthenticated(42, true, undefined)).toBe(false);
    expect(await browser.declarativeNetRequest.getSessionRules()).toEqual([]);
  });

  test('a closed tab loses its rule', async () => {
    await setTabAuthenticated(42, true, credential);

    await handleTabRemoved(42);
    expect(await browser.declarativeNetRequest.getSessionRules()).toEqual([]);
    expect(await readAuthenticatedTabs()).toEqual([]);
  });

  test('sign-out removes every tab rule', async () => {
    await setTabAuthenticated(42, true, credential);
    await setTabAuthenticated(43, true, credential);

    await deauthenticateBrowser(credential);
    expect(await browser.declarativeNetRequest.getSessionRules()).toEqual([]);
  });
});
