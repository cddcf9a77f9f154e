import { describe, expect, test } from 'vitest';
import { alice, carol } from '../studio';
import { passwordOf, useExtensionAndStudio } from './harness';
import { PopupPage } from './popup-page';

const env = useExtensionAndStudio();

/** Returns the accessible label of the element that has focus. */
function focusedLabel(popup: PopupPage) {
  return popup.page.evaluate(() => {
    const element = document.activeElement as HTMLInputElement | HTMLButtonElement | null;
    return element?.labels?.[0]?.textContent ?? element?.textContent ?? '';
  });
}

describe('keyboard only', () => {
  test('signs in with MFA and out without a mouse', async () => {
    const popup = await PopupPage.open(env.browser);
    const { keyboard } = popup.page;

    expect(await focusedLabel(popup)).toBe('Username or e-mail');
    await keyboard.type(carol.username);
    await keyboard.press('Tab');
    expect(await focusedLabel(popup)).toBe('Password');
    await keyboard.type(passwordOf(carol));
    await keyboard.press('Enter');

    await popup.code.waitFor();
    await expect.poll(() => focusedLabel(popup)).toBe('Authentication code');
    await keyboard.type('000000');
    await keyboard.press('Enter');
    await popup.alert.waitFor();
    await expect.poll(() => focusedLabel(popup)).toBe('Authentication code');
    await keyboard.type(carol.totpCode!);
    await keyboard.press('Enter');

    await popup.signedInAs.waitFor();
    await expect.poll(() => focusedLabel(popup)).toBe('Sign out');
    await keyboard.press('Enter');
    await popup.logIn.waitFor();
    await expect.poll(() => focusedLabel(popup)).toBe('Username or e-mail');
  });

  test('Escape on the code form keeps the username', async () => {
    const popup = await PopupPage.open(env.browser);
    await popup.submitSignIn(carol.username, passwordOf(carol));
    await popup.code.waitFor();

    await popup.page.keyboard.press('Escape');
    await popup.logIn.waitFor();
    expect(await popup.username.inputValue()).toBe(carol.username);
    await expect.poll(() => focusedLabel(popup)).toBe('Password');
  });

  test('a failed login leaves focus on the password', async () => {
    const popup = await PopupPage.open(env.browser);

    await popup.submitSignIn(alice.username, 'wrong');
    await popup.alert.waitFor();
    await expect.poll(() => focusedLabel(popup)).toBe('Password');
  });

  test('focus is visible', async () => {
    const popup = await PopupPage.open(env.browser);
    await popup.page.keyboard.press('Tab');

    const outline = await popup.page.evaluate(() => {
      const style = getComputedStyle(document.activeElement!);
      return { style: style.outlineStyle, width: parseFloat(style.outlineWidth) };
    });
    expect(outline.style).toBe('solid');
    expect(outline.width).toBeGreaterThanOrEqual(2);
  });

  test('screen readers hear the signed-in state', async () => {
    const popup = await PopupPage.open(env.browser);

    await popup.signIn(alice.username, passwordOf(alice));
    const status = popup.page.getByRole('status');
    expect(await status.textContent()).toBe('Signed in as Alice Example (alice)');
  });
});
