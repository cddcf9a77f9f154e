import { describe, expect, test } from 'vitest';
import { alice, carol, STUDIO_HOST, STUDIO_ORIGIN } from '../studio';
import { passwordOf } from '../e2e/harness';
import { useFirefoxAndStudio } from './harness';
import { fetchFromPage } from './page-requests';
import { FirefoxPopupPage } from './popup-page';

const env = useFirefoxAndStudio();

function loginRequests() {
  return env.studio.requestsTo(STUDIO_HOST, '/v1/api-login');
}

/** Calls /v1/api/projects from a Studio page and returns the token that Studio received. */
async function tokenSentFromStudioPage(): Promise<string | undefined> {
  const page = await env.browser.newPage(`${STUDIO_ORIGIN}/`);
  env.studio.clearRequests();
  await fetchFromPage(page, '/v1/api/projects', { credentials: 'omit' });
  await page.close();
  const request = env.studio.requestsTo(STUDIO_HOST, '/v1/api/projects').at(-1);
  return request && env.studio.tokenOf(request);
}

describe('Firefox: sign-in', () => {
  test('signs in with Enter and shows the profile', async () => {
    const popup = await FirefoxPopupPage.open(env.browser);

    await popup.signIn(alice.username, passwordOf(alice));
    expect(await popup.signedInText()).toBe('Signed in as Alice Example (alice)');
    expect(loginRequests()).toHaveLength(1);
    expect(JSON.parse(loginRequests()[0]!.body)).toEqual({
      username: alice.username,
      password: passwordOf(alice),
    });
  });

  test('a wrong password shows the server message and keeps the username', async () => {
    const popup = await FirefoxPopupPage.open(env.browser);

    await popup.submitSignIn(alice.username, 'wrong password');
    expect(await popup.alertText()).toBe(
      'Studio rejected the sign-in: Password is incorrect. ' +
        'Check your username and password, then try again.',
    );
    expect(await popup.usernameValue()).toBe('alice');
    expect(await popup.passwordValue()).toBe('');
  });

  test('asks for the authenticator code and signs in with it', async () => {
    const popup = await FirefoxPopupPage.open(env.browser);

    await popup.submitSignIn(carol.username, passwordOf(carol));
    await popup.waitForCodeField();
    await popup.submitCode(carol.totpCode!);
    expect(await popup.signedInText()).toBe('Signed in as Carol MFA (carol)');
    const [first, second] = loginRequests().map((request) => JSON.parse(request.body));
    expect(first).toEqual({ username: 'carol', password: passwordOf(carol) });
    expect(second).toEqual({
      username: 'carol',
      password: passwordOf(carol),
      totpToken: carol.totpCode,
    });
  });
});

describe('Firefox: sign-out', () => {
  test('removes header, cookie and token', async () => {
    const popup = await FirefoxPopupPage.open(env.browser);
    await popup.signIn(alice.username, passwordOf(alice));
    const token = await tokenSentFromStudioPage();
    expect(token).toBeTruthy();

    await popup.signOut();
    expect(await tokenSentFromStudioPage()).toBeUndefined();
    expect(await env.browser.cookies(STUDIO_ORIGIN)).toEqual([]);
    const stored = await popup.page.evaluate(async () =>
      JSON.stringify([await chrome.storage.local.get(), await chrome.storage.session.get()]),
    );
    expect(stored).not.toContain(token);
  });
});
