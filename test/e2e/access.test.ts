import { describe, expect, test } from 'vitest';
import { alice, STUDIO_HOST } from '../studio';
import { passwordOf, useExtensionAndStudio, testInFirefox } from './harness';
import { PopupPage } from './popup-page';
import { MANIFEST_ORIGINS } from './reset';

const env = useExtensionAndStudio();

async function openPopupWithoutAccess(): Promise<PopupPage> {
  await env.browser.withholdSiteAccess();
  return PopupPage.open(env.browser);
}

describe('withheld host access', () => {
  test('the popup explains it instead of failing like the network', async () => {
    const popup = await openPopupWithoutAccess();

    expect(await popup.allowAccess.isVisible()).toBe(true);
    await popup.submitSignIn(alice.username, passwordOf(alice));
    await popup.alert.waitFor();
    expect(await popup.alert.textContent()).toBe(
      'The extension has no access to studio.edgeimpulse.com, so it cannot sign you in. ' +
        'Choose Allow access, then sign in again.',
    );
    expect(env.studio.requestsTo(STUDIO_HOST, '/v1/api-login')).toHaveLength(0);
  });

  // Firefox's prompt can be answered from a test, and Chromium's cannot.
  testInFirefox('prompt allowed: the sign-in goes through', async () => {
    const popup = await openPopupWithoutAccess();
    const prompted = await env.browser.answerPermissionPrompt(true);

    await popup.allowAccess.click();
    expect((await prompted()).sort()).toEqual(MANIFEST_ORIGINS);
    await popup.allowAccess.waitFor({ state: 'detached' });
    await popup.signIn(alice.username, passwordOf(alice));
    expect(await popup.signedInAs.textContent()).toBe('Signed in as Alice Example (alice)');
  });

  testInFirefox('prompt refused: the explanation stays', async () => {
    const popup = await openPopupWithoutAccess();
    const prompted = await env.browser.answerPermissionPrompt(false);

    await popup.allowAccess.click();
    expect((await prompted()).sort()).toEqual(MANIFEST_ORIGINS);
    expect(await popup.allowAccess.isVisible()).toBe(true);
    await popup.submitSignIn(alice.username, passwordOf(alice));
    await popup.alert.waitFor();
    expect(await popup.alert.textContent()).toContain('Choose Allow access');
    expect(env.studio.requestsTo(STUDIO_HOST, '/v1/api-login')).toHaveLength(0);
  });
});
