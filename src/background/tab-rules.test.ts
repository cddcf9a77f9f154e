import { beforeEach, describe, expect, test } from 'vitest';
import browser from 'webextension-polyfill';
import { DEFAULT_SETTINGS } from '../shared/messages';
import { fakeBrowser, grantedOrigins } from '../testing/fake-browser';
import { makeJwt } from '../testing/fake-fetch';
import { deauthenticateBrowser } from './injection';
import { settingsItem } from './store';
import {
  applyTabRules,
  handleTabRemoved,
  readAuthenticatedTabs,
  setTabAuthenticated,
} from './tab-rules';

const credential = {
  token: makeJwt(1_900_000_000),
  studioOrigin: 'https://studio.edgeimpulse.com',
};
const TOOL_HOST = 'tool.example';
const TOOL_PATTERN = `https://${TOOL_HOST}/*`;

beforeEach(() => {
  // The fake browser has only permissions.contains, so remove is added on the same grants.
  Object.assign(fakeBrowser.permissions, {
    async remove({ origins = [] }: { origins?: string[] }) {
      for (const origin of origins) grantedOrigins.delete(origin);
      return true;
    },
  });
});

/** Authenticates a tab as the Firefox popup does, after the user allowed the tool's site. */
async function authenticateWithGrant(tabId: number): Promise<boolean> {
  grantedOrigins.add(TOOL_PATTERN);
  return setTabAuthenticated(tabId, true, credential, {
    host: TOOL_HOST,
    grantedPattern: TOOL_PATTERN,
  });
}

describe('tab rules', () => {
  test('tab rule carries the token for its tab and host', async () => {
    expect(await setTabAuthenticated(42, true, credential, { host: TOOL_HOST })).toBe(true);

    const [rule] = await browser.declarativeNetRequest.getSessionRules();
    expect(rule?.condition.tabIds).toEqual([42]);
    expect(rule?.condition.initiatorDomains).toEqual([TOOL_HOST]);
    expect(rule?.condition.requestDomains).toEqual(['studio.edgeimpulse.com']);
    expect(rule?.action.requestHeaders?.[0]?.value).toBe(credential.token);
  });

  test('nothing is set without a session', async () => {
    expect(await setTabAuthenticated(42, true, undefined, { host: TOOL_HOST })).toBe(false);
    expect(await browser.declarativeNetRequest.getSessionRules()).toEqual([]);
  });

  test("no rule without the tab's host", async () => {
    expect(await setTabAuthenticated(42, true, credential)).toBe(false);
    expect(await browser.declarativeNetRequest.getSessionRules()).toEqual([]);
    expect(await readAuthenticatedTabs()).toEqual([]);
  });

  test('a closed tab loses its rule', async () => {
    await setTabAuthenticated(42, true, credential, { host: TOOL_HOST });

    await handleTabRemoved(42);
    expect(await browser.declarativeNetRequest.getSessionRules()).toEqual([]);
    expect(await readAuthenticatedTabs()).toEqual([]);
  });

  test('sign-out removes every tab rule', async () => {
    await setTabAuthenticated(42, true, credential, { host: TOOL_HOST });
    await setTabAuthenticated(43, true, credential, { host: TOOL_HOST });

    await deauthenticateBrowser(credential);
    expect(await browser.declarativeNetRequest.getSessionRules()).toEqual([]);
  });

  test('a host permission held before stays', async () => {
    grantedOrigins.add(TOOL_PATTERN);
    await setTabAuthenticated(42, true, credential, { host: TOOL_HOST });

    await handleTabRemoved(42);
    expect(grantedOrigins.has(TOOL_PATTERN)).toBe(true);
  });
});

describe('tab rules: host permission granted for the tab', () => {
  test('stays while the tab is authenticated', async () => {
    expect(await authenticateWithGrant(42)).toBe(true);
    expect(grantedOrigins.has(TOOL_PATTERN)).toBe(true);
  });

  test('is removed on stop', async () => {
    await authenticateWithGrant(42);

    expect(await setTabAuthenticated(42, false)).toBe(false);
    expect(grantedOrigins.has(TOOL_PATTERN)).toBe(false);
  });

  test('is removed when the tab closes', async () => {
    await authenticateWithGrant(42);

    await handleTabRemoved(42);
    expect(grantedOrigins.has(TOOL_PATTERN)).toBe(false);
  });

  test('is removed on sign-out', async () => {
    await authenticateWithGrant(42);

    await deauthenticateBrowser(credential);
    expect(grantedOrigins.has(TOOL_PATTERN)).toBe(false);
  });

  test('is removed at once without a session', async () => {
    grantedOrigins.add(TOOL_PATTERN);

    expect(
      await setTabAuthenticated(42, true, undefined, {
        host: TOOL_HOST,
        grantedPattern: TOOL_PATTERN,
      }),
    ).toBe(false);
    expect(grantedOrigins.has(TOOL_PATTERN)).toBe(false);
  });

  test('is removed at the first start after a browser restart', async () => {
    await authenticateWithGrant(42);
    // A restart empties storage.session and ends the session rules, but storage.local remains.
    await browser.storage.session.clear();
    await browser.declarativeNetRequest.updateSessionRules({
      removeRuleIds: (await browser.declarativeNetRequest.getSessionRules()).map(({ id }) => id),
    });

    await applyTabRules(credential.token, credential.studioOrigin);
    expect(grantedOrigins.has(TOOL_PATTERN)).toBe(false);
  });

  test('stays until the last tab of that site ends', async () => {
    await authenticateWithGrant(42);
    await authenticateWithGrant(43);

    await handleTabRemoved(42);
    expect(grantedOrigins.has(TOOL_PATTERN)).toBe(true);
    await handleTabRemoved(43);
    expect(grantedOrigins.has(TOOL_PATTERN)).toBe(false);
  });

  test('stays when an allowed API tool needs it', async () => {
    const tool = { origin: 'https://tool.example', cors: false };
    await settingsItem.set({ ...DEFAULT_SETTINGS, toolOrigins: [tool] });
    await authenticateWithGrant(42);

    await handleTabRemoved(42);
    expect(grantedOrigins.has(TOOL_PATTERN)).toBe(true);
  });
});
