import { describe, expect, test } from 'vitest';
import { alice, ENTERPRISE_HOST, ENTERPRISE_ORIGIN, STUDIO_HOST, STUDIO_ORIGIN } from '../studio';
import { passwordOf, useExtensionAndStudio, testInFirefox } from './harness';
import { OptionsPage } from './options-page';
import { fetchFromPage } from './page-requests';
import { PopupPage } from './popup-page';
import type { TestBrowser } from './test-browser';

const env = useExtensionAndStudio();

/** Calls the API from a page of the given Studio and returns the token it received. */
async function tokenSentFrom(browser: TestBrowser, origin: string, host: string) {
  const page = await browser.newPage(`${origin}/`);
  await fetchFromPage(page, '/v1/api/projects', { credentials: 'omit' });
  await page.close();
  const request = env.studio.requestsTo(host, '/v1/api/projects').at(-1);
  return request && env.studio.tokenOf(request);
}

async function switchToEnterprise(): Promise<OptionsPage> {
  await env.browser.grantSiteAccess([`${ENTERPRISE_ORIGIN}/*`]);
  const options = await OptionsPage.open(env.browser);
  await options.submitAddress(ENTERPRISE_HOST);
  await expect
    .poll(() => options.status.textContent())
    .toBe(`Saved. The extension now signs in to ${ENTERPRISE_HOST}.`);
  return options;
}

describe('Studio address', () => {
  test.each([
    ['', 'Enter the Studio address, such as studio.edgeimpulse.com.'],
    ['studio acme', 'The address contains spaces. Enter a host such as studio.acme.example.'],
    [
      'https://me:secret@studio.acme.example',
      'Remove the username and password from the address. Sign in from the popup instead.',
    ],
    [
      'https://studio.acme.example/v1/api',
      'Enter the address without a path, query or fragment, such as https://studio.acme.example.',
    ],
    [
      'http://studio.acme.example',
      'Only localhost and 127.0.0.1 may use http. Use https for every other host.',
    ],
    ['https://acme', 'Enter a full host name, such as studio.acme.example, without wildcards.'],
    [
      'http://192.168.1.10:4800',
      'Only localhost and 127.0.0.1 may use http. Use https for every other host.',
    ],
  ])('rejects %j with a message', async (address, message) => {
    const options = await OptionsPage.open(env.browser);

    await options.submitAddress(address);
    expect(await options.alert.textContent()).toBe(message);
    expect(await options.address.getAttribute('aria-invalid')).toBe('true');
  });

  test('signs in to an enterprise host', async () => {
    await switchToEnterprise();

    const popup = await PopupPage.open(env.browser);
    expect(await popup.page.getByText(`Sign in to ${ENTERPRISE_HOST}`).isVisible()).toBe(true);
    await popup.signIn(alice.username, passwordOf(alice));
    expect(env.studio.requestsTo(ENTERPRISE_HOST, '/v1/api-login')).toHaveLength(1);
    expect(env.studio.requestsTo(STUDIO_HOST, '/v1/api-login')).toHaveLength(0);
    const token = await tokenSentFrom(env.browser, ENTERPRISE_ORIGIN, ENTERPRISE_HOST);
    expect(token).toBeTruthy();
    const [cookie] = await env.browser.cookies(ENTERPRISE_ORIGIN);
    expect(cookie?.value).toBe(token);
    expect(await tokenSentFrom(env.browser, STUDIO_ORIGIN, STUDIO_HOST)).toBeUndefined();
  });

  test('changing the host signs out', async () => {
    const popup = await PopupPage.open(env.browser);
    await popup.signIn(alice.username, passwordOf(alice));
    expect(await tokenSentFrom(env.browser, STUDIO_ORIGIN, STUDIO_HOST)).toBeTruthy();

    await switchToEnterprise();
    expect(await tokenSentFrom(env.browser, STUDIO_ORIGIN, STUDIO_HOST)).toBeUndefined();
    expect(await env.browser.cookies(STUDIO_ORIGIN)).toEqual([]);
    await popup.logIn.waitFor();
  });

  test('the address survives a reload and applies without one', async () => {
    const options = await switchToEnterprise();

    await options.page.reload();
    await options.address.waitFor();
    expect(await options.address.inputValue()).toBe(ENTERPRISE_ORIGIN);
  });

  // Firefox's prompt can be answered from a test, and Chromium's cannot.
  testInFirefox('refused access keeps the address', async () => {
    const options = await OptionsPage.open(env.browser);
    const prompted = await env.browser.answerPermissionPrompt(false);

    await options.submitAddress(ENTERPRISE_HOST);
    expect(await prompted()).toEqual([`${ENTERPRISE_ORIGIN}/*`]);
    await options.alert.waitFor();
    expect(await options.alert.textContent()).toBe(
      `The browser did not grant access to ${ENTERPRISE_HOST}, so the extension still signs in ` +
        `to ${STUDIO_HOST}. Save again and allow access to switch.`,
    );
    const popup = await PopupPage.open(env.browser);
    expect(await popup.page.getByText(`Sign in to ${STUDIO_HOST}`).isVisible()).toBe(true);
  });
});
