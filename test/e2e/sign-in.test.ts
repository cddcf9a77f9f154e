import { describe, expect, test } from 'vitest';
import { alice, bob, carol, STUDIO_HOST, STUDIO_ORIGIN } from '../studio';
import { passwordOf, useExtensionAndStudio } from './harness';
import { readExtensionStorage } from './extension-storage';
import { fetchFromPage } from './page-requests';
import { PopupPage } from './popup-page';

const env = useExtensionAndStudio();

function loginRequests() {
  return env.studio.requestsTo(STUDIO_HOST, '/v1/api-login');
}

/** Returns the token of the last request Studio received for /v1/api/projects from a Studio page. */
async function tokenSentFromStudioPage(): Promise<string | undefined> {
  const page = await env.browser.newPage(`${STUDIO_ORIGIN}/`);
  env.studio.clearRequests();
  await fetchFromPage(page, '/v1/api/projects', { credentials: 'omit' });
  await page.close();
  const request = env.studio.requestsTo(STUDIO_HOST, '/v1/api/projects').at(-1);
  return request && env.studio.tokenOf(request);
}

describe('sign-in form', () => {
  test('has labelled fields and a Log in button', async () => {
    const popup = await PopupPage.open(env.browser);

    expect(await popup.username.isVisible()).toBe(true);
    expect(await popup.password.getAttribute('type')).toBe('password');
    expect(await popup.logIn.isEnabled()).toBe(true);
  });

  test('empty fields are caught with no request', async () => {
    const popup = await PopupPage.open(env.browser);

    await popup.logIn.click();
    expect(await popup.alert.textContent()).toBe('Enter your username or e-mail.');
    expect(await popup.username.evaluate((input) => input === document.activeElement)).toBe(true);
    await popup.username.fill('alice');
    await popup.username.press('Enter');
    expect(await popup.alert.textContent()).toBe('Enter your password.');
    expect(await popup.password.getAttribute('aria-invalid')).toBe('true');
    expect(loginRequests()).toHaveLength(0);
  });

  test('signs in with Enter and shows the profile', async () => {
    const popup = await PopupPage.open(env.browser);

    await popup.signIn(alice.username, passwordOf(alice));
    expect(await popup.signedInAs.textContent()).toBe('Signed in as Alice Example (alice)');
    const studioLink = popup.page.getByRole('link', { name: 'Open Studio (opens in a new tab)' });
    expect(await studioLink.getAttribute('href')).toBe(`${STUDIO_ORIGIN}/`);
    expect(await popup.page.getByText(`on ${STUDIO_HOST}`).isVisible()).toBe(true);
    expect(await popup.signOutButton.isVisible()).toBe(true);
    expect(loginRequests()).toHaveLength(1);
    expect(JSON.parse(loginRequests()[0]!.body)).toEqual({
      username: alice.username,
      password: passwordOf(alice),
    });
  });

  test('signs in with the e-mail address', async () => {
    const popup = await PopupPage.open(env.browser);

    await popup.signIn(alice.email, passwordOf(alice));
    expect(await popup.signedInAs.textContent()).toBe('Signed in as Alice Example (alice)');
  });

  test('the popup never receives the token', async () => {
    const popup = await PopupPage.open(env.browser);
    await popup.signIn(alice.username, passwordOf(alice));
    const token = await tokenSentFromStudioPage();

    const html = await popup.page.content();
    const view = await popup.page.evaluate(() =>
      chrome.runtime.sendMessage({ type: 'getSession', data: null }),
    );
    expect(token).toBeTruthy();
    expect(html).not.toContain(token);
    expect(JSON.stringify(view)).not.toContain(token);
  });

  test('a wrong password shows the server message and keeps the username', async () => {
    const popup = await PopupPage.open(env.browser);

    await popup.submitSignIn(alice.username, 'wrong password');
    expect(await popup.alert.textContent()).toBe(
      'Studio rejected the sign-in: Password is incorrect. ' +
        'Check your username and password, then try again.',
    );
    expect(await popup.username.inputValue()).toBe('alice');
    expect(await popup.password.inputValue()).toBe('');
    expect(await popup.logIn.isEnabled()).toBe(true);
  });

  test('reopening the popup shows the last error', async () => {
    const popup = await PopupPage.open(env.browser);
    await popup.submitSignIn('nobody', 'secret');
    await popup.alert.waitFor();
    await popup.close();

    const reopened = await PopupPage.open(env.browser);
    expect(await reopened.alert.textContent()).toContain('User not found');
    expect(await reopened.username.inputValue()).toBe('nobody');
  });
});

describe('authenticator code', () => {
  test('asks for the code and signs in with it', async () => {
    const popup = await PopupPage.open(env.browser);

    await popup.submitSignIn(carol.username, passwordOf(carol));
    await popup.code.waitFor();
    await popup.submitCode(carol.totpCode!);
    await popup.signedInAs.waitFor();
    expect(await popup.signedInAs.textContent()).toBe('Signed in as Carol MFA (carol)');
    const [first, second] = loginRequests().map((request) => JSON.parse(request.body));
    expect(first).toEqual({ username: 'carol', password: passwordOf(carol) });
    expect(second).toEqual({
      username: 'carol',
      password: passwordOf(carol),
      totpToken: carol.totpCode,
    });
  });

  test('a wrong code shows the server message and allows another try', async () => {
    const popup = await PopupPage.open(env.browser);
    await popup.submitSignIn(carol.username, passwordOf(carol));
    await popup.code.waitFor();

    await popup.submitCode('000000');
    expect(await popup.alert.textContent()).toBe(
      'Studio did not accept that code. Enter the current code from your authenticator app.',
    );
    expect(await popup.code.isEnabled()).toBe(true);
    await popup.submitCode(carol.totpCode!);
    await popup.signedInAs.waitFor();
  });

  test('a code that is not 6 to 8 digits is caught with no request', async () => {
    const popup = await PopupPage.open(env.browser);
    await popup.submitSignIn(carol.username, passwordOf(carol));
    await popup.code.waitFor();

    await popup.submitCode('12ab');
    expect(await popup.alert.textContent()).toBe(
      'Enter the code from your authenticator app: 6 to 8 digits.',
    );
    expect(loginRequests()).toHaveLength(1);
  });

  test('Cancel and Escape return to the sign-in form', async () => {
    const popup = await PopupPage.open(env.browser);
    await popup.submitSignIn(carol.username, passwordOf(carol));
    await popup.code.waitFor();

    await popup.cancel.click();
    await popup.logIn.waitFor();
    await popup.submitSignIn(carol.username, passwordOf(carol));
    await popup.code.waitFor();
    await popup.code.press('Escape');
    await popup.logIn.waitFor();
  });
});

describe('sign-out', () => {
  test('removes header, cookie and token', async () => {
    const popup = await PopupPage.open(env.browser);
    await popup.signIn(alice.username, passwordOf(alice));
    const token = await tokenSentFromStudioPage();
    expect(token).toBeTruthy();
    // Shows that the reader sees where the token is stored, so the check below can fail.
    expect(await readExtensionStorage(env.browser)).toContain(token);

    await popup.signOut();
    expect(await popup.username.isVisible()).toBe(true);
    expect(await tokenSentFromStudioPage()).toBeUndefined();
    expect(await env.browser.cookies(STUDIO_ORIGIN)).toEqual([]);
    expect(await readExtensionStorage(env.browser)).not.toContain(token);
  });

  test('signing in as another user sends only the new token', async () => {
    const popup = await PopupPage.open(env.browser);
    await popup.signIn(alice.username, passwordOf(alice));
    const aliceToken = await tokenSentFromStudioPage();
    await popup.signOut();

    await popup.signIn(bob.username, passwordOf(bob));
    expect(await popup.signedInAs.textContent()).toBe('Signed in as Bob Builder (bob)');
    const bobToken = await tokenSentFromStudioPage();
    expect(bobToken).toBeTruthy();
    expect(bobToken).not.toBe(aliceToken);
    const cookies = await env.browser.cookies(STUDIO_ORIGIN);
    expect(cookies.map((cookie) => cookie.value)).toEqual([bobToken]);
  });
});
