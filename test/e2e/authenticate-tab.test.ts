import { describe, expect, test } from 'vitest';
import { STUDIO_HOST, STUDIO_ORIGIN, TOOL_HOST, TOOL_ORIGIN } from '../studio';
import { signInThroughPopup, useExtensionAndStudio } from './harness';
import { fetchFromPage } from './page-requests';
import { POPUP_PATH } from './popup-page';
import type { TestPage } from './test-browser';

const env = useExtensionAndStudio();
const PROJECTS_URL = `${STUDIO_ORIGIN}/v1/api/projects`;

/**
 * Clicks the toolbar button over a tab, which grants activeTab, then opens the popup's page
 * in a window of its own to drive it, since test drivers cannot reach the real popup. The tab
 * stays the active tab of the last focused normal window, as under the real popup.
 */
async function openPopupOver(tab: TestPage): Promise<TestPage> {
  await tab.bringToFront();
  await env.browser.clickToolbarButton(tab);
  const opened = env.browser.waitForNewPage();
  await env.browser.evaluateInExtension(
    (url) => chrome.windows.create({ url, type: 'popup', focused: false }),
    env.browser.extensionUrl(POPUP_PATH),
  );
  const popup = await opened;
  await popup.getByRole('region').waitFor();
  return popup;
}

async function tokenSentFrom(page: TestPage): Promise<string | undefined> {
  env.studio.clearRequests();
  await fetchFromPage(page, PROJECTS_URL);
  const request = env.studio.requestsTo(STUDIO_HOST, '/v1/api/projects').at(-1);
  return request && env.studio.tokenOf(request);
}

async function sessionRuleCount(): Promise<number> {
  return env.browser.evaluateInExtension(
    async () => (await chrome.declarativeNetRequest.getSessionRules()).length,
  );
}

describe('authenticate this tab', () => {
  test('signs in that tab only, until it closes', async () => {
    const { token } = await signInThroughPopup(env);
    const tool = await env.browser.newPage(`${TOOL_ORIGIN}/`);
    const other = await env.browser.newPage(`${TOOL_ORIGIN}/`);
    expect(await tokenSentFrom(tool)).toBeUndefined();

    const popup = await openPopupOver(tool);
    await popup.getByRole('button', { name: `Authenticate this tab (${TOOL_HOST})` }).click();
    await popup.getByRole('status').filter({ hasText: 'are signed in until it closes' }).waitFor();
    expect(await tokenSentFrom(tool)).toBe(token);
    expect(await tokenSentFrom(other)).toBeUndefined();

    await tool.close();
    await expect.poll(sessionRuleCount).toBe(0);
  });

  test('sign-out ends it', async () => {
    await signInThroughPopup(env);
    const tool = await env.browser.newPage(`${TOOL_ORIGIN}/`);
    const popup = await openPopupOver(tool);
    await popup.getByRole('button', { name: `Authenticate this tab (${TOOL_HOST})` }).click();
    await popup.getByRole('button', { name: 'Stop authenticating this tab' }).waitFor();

    await popup.getByRole('button', { name: 'Sign out' }).click();
    await popup.getByRole('button', { name: 'Log in' }).waitFor();
    expect(await tokenSentFrom(tool)).toBeUndefined();
    expect(await sessionRuleCount()).toBe(0);
  });
});
