import { describe, expect, test } from 'vitest';
import { EVIL_ORIGIN, STUDIO_HOST, STUDIO_ORIGIN, TOOL_ORIGIN } from '../studio';
import { useExtensionAndStudio, signInThroughPopup, testInFirefox } from './harness';
import { OptionsPage } from './options-page';
import { fetchFromPage } from './page-requests';

const env = useExtensionAndStudio();
const PROJECTS_URL = `${STUDIO_ORIGIN}/v1/api/projects`;

async function signInAsAlice(): Promise<string> {
  return (await signInThroughPopup(env)).token;
}

async function allowTool(): Promise<OptionsPage> {
  await env.browser.grantSiteAccess([`${TOOL_ORIGIN}/*`]);
  const options = await OptionsPage.open(env.browser);
  await options.allowTool('tool.example', TOOL_ORIGIN);
  return options;
}

/** Calls the API from a page of `origin` and returns the status and the token Studio got. */
async function callFrom(origin: string) {
  const page = await env.browser.newPage(`${origin}/`);
  env.studio.clearRequests();
  const status = await fetchFromPage(page, PROJECTS_URL);
  await page.close();
  const request = env.studio.requestsTo(STUDIO_HOST, '/v1/api/projects').at(-1);
  return { status, token: request && env.studio.tokenOf(request) };
}

describe('API tools', () => {
  test('an allowed tool gets the header, other sites do not', async () => {
    const token = await signInAsAlice();

    expect((await callFrom(TOOL_ORIGIN)).token).toBeUndefined();
    await allowTool();
    expect((await callFrom(TOOL_ORIGIN)).token).toBe(token);
    expect((await callFrom(EVIL_ORIGIN)).token).toBeUndefined();
  });

  test('removing the tool stops the header', async () => {
    await signInAsAlice();
    const options = await allowTool();

    await options.page.getByRole('button', { name: `Remove ${TOOL_ORIGIN}` }).click();
    await options.page.getByRole('button', { name: `Remove ${TOOL_ORIGIN}` }).waitFor({
      state: 'detached',
    });
    expect((await callFrom(TOOL_ORIGIN)).token).toBeUndefined();
  });

  test('CORS headers let the allowed tool read answers', async () => {
    await signInAsAlice();
    const options = await allowTool();
    // Studio's CORS headers leave the tool out, so the browser hides the response from it.
    expect((await callFrom(TOOL_ORIGIN)).status).toBe(0);

    await options.page.getByLabel(`Add CORS headers for ${TOOL_ORIGIN}`).check();
    await expect.poll(async () => (await callFrom(TOOL_ORIGIN)).status).toBe(200);
  });

  test('security: CORS headers only for the allowed origin', async () => {
    await signInAsAlice();
    const options = await allowTool();
    await options.page.getByLabel(`Add CORS headers for ${TOOL_ORIGIN}`).check();
    await expect.poll(async () => (await callFrom(TOOL_ORIGIN)).status).toBe(200);

    // Studio's stand-in answers evil.example's CORS itself, so the rule is read from the browser.
    const rules = await env.browser.evaluateInExtension(() =>
      chrome.declarativeNetRequest.getDynamicRules(),
    );
    const corsRules = rules.filter((rule) => rule.action.responseHeaders);
    expect(corsRules.map((rule) => rule.condition.initiatorDomains)).toEqual([['tool.example']]);
    expect((await callFrom(EVIL_ORIGIN)).token).toBeUndefined();
  });

  // Firefox's prompt can be answered from a test, and Chromium's cannot.
  testInFirefox('refused access adds no tool', async () => {
    await signInAsAlice();
    const options = await OptionsPage.open(env.browser);
    const prompted = await env.browser.answerPermissionPrompt(false);

    await options.page.getByLabel('Tool address').fill('tool.example');
    await options.page.getByRole('button', { name: 'Allow tool' }).click();
    expect(await prompted()).toEqual([`${TOOL_ORIGIN}/*`]);
    await options.alert.waitFor();
    expect(await options.alert.textContent()).toBe(
      'The browser did not grant access to tool.example, so the tool was not added. ' +
        'Allow access to add it.',
    );
    expect(await options.page.getByRole('button', { name: `Remove ${TOOL_ORIGIN}` }).count()).toBe(
      0,
    );
    expect((await callFrom(TOOL_ORIGIN)).token).toBeUndefined();
  });
});
