import { describe, expect, test } from 'vitest';
import { alice, STUDIO_HOST } from '../studio';
import { passwordOf, useExtensionAndStudio } from './harness';
import { PopupPage } from './popup-page';

const env = useExtensionAndStudio();

describe('withheld host access', () => {
  test('the popup explains it instead of failing like the network', async () => {
    await env.browser.withholdSiteAccess();
    const popup = await PopupPage.open(env.browser);

    expect(await popup.page.getByRole('button', { name: 'Allow access' }).isVisible()).toBe(true);
    await popup.submitSignIn(alice.username, passwordOf(alice));
    await popup.alert.waitFor();
    expect(await popup.alert.textContent()).toBe(
      'The extension has no access to studio.edgeimpulse.com, so it cannot sign you in. ' +
        'Choose Allow access, then sign in again.',
    );
    expect(env.studio.requestsTo(STUDIO_HOST, '/v1/api-login')).toHaveLength(0);
  });
});
