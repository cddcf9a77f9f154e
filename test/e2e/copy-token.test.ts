import { describe, expect, test } from 'vitest';
import { alice, STUDIO_HOST } from '../studio';
import { passwordOf, useExtensionAndStudio } from './harness';
import { PopupPage } from './popup-page';

const env = useExtensionAndStudio();

describe('copy token', () => {
  test('copies only after the warning, and shows no token', async () => {
    const popup = await PopupPage.open(env.browser);
    await popup.signIn(alice.username, passwordOf(alice));
    const request = env.studio.requestsTo(STUDIO_HOST, '/v1/api/user').at(-1);
    const token = env.studio.tokenOf(request!)!;

    await popup.page.getByRole('button', { name: 'Copy token…' }).click();
    expect(
      await popup.page.getByText(/gives full access to your Edge Impulse account/).count(),
    ).toBe(1);
    await popup.page.getByRole('button', { name: 'Copy to clipboard' }).click();
    await popup.page.getByRole('status').filter({ hasText: 'Token copied.' }).waitFor();
    expect(await popup.page.content()).not.toContain(token);
    expect(await env.browser.readClipboard()).toBe(token);
  });
});
