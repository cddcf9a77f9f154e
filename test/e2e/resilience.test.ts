import { describe, expect, test } from 'vitest';
import {
  alice,
  carol,
  DOCS_ORIGIN,
  SSO_CALLBACK_PATH,
  sso,
  STUDIO_HOST,
  STUDIO_ORIGIN,
  STUDIO_SIGN_IN_PATH,
} from '../studio';
import { passwordOf, useExtensionAndStudio } from './harness';
import { fetchFromPage } from './page-requests';
import { PopupPage } from './popup-page';

const env = useExtensionAndStudio();
const LOGIN_PATH = '/v1/api-login';

function requestCount(path: string): number {
  return env.studio.requestsTo(STUDIO_HOST, path).length;
}

/** Waits until the stand-in has received `count` requests to a path. */
async function waitForRequests(path: string, count: number): Promise<void> {
  await expect.poll(() => requestCount(path), { timeout: 10_000 }).toBeGreaterThanOrEqual(count);
}

describe('popup closed mid-login', () => {
  test('reopening shows the finished sign-in', async () => {
    env.studio.setFault(LOGIN_PATH, { delayMs: 1000 }, { times: 1 });
    const popup = await PopupPage.open(env.browser);
    await popup.submitSignIn(alice.username, passwordOf(alice));
    await waitForRequests(LOGIN_PATH, 1);
    await popup.close();

    await waitForRequests('/v1/api/user', 1);
    const reopened = await PopupPage.open(env.browser);
    await reopened.signedInAs.waitFor();
    expect(await reopened.signedInAs.textContent()).toBe('Signed in as Alice Example (alice)');
  });

  test('reopening during the login shows it still running', async () => {
    env.studio.setFault(LOGIN_PATH, { delayMs: 2000 }, { times: 1 });
    const popup = await PopupPage.open(env.browser);
    await popup.submitSignIn(alice.username, passwordOf(alice));
    await waitForRequests(LOGIN_PATH, 1);
    await popup.close();

    const reopened = await PopupPage.open(env.browser);
    const busy = reopened.page.getByRole('button', { name: 'Signing in…' });
    expect(await busy.isDisabled()).toBe(true);
    await reopened.signedInAs.waitFor();
  });
});

describe('MFA resume', () => {
  test('a reopened popup asks for the code without the password', async () => {
    const popup = await PopupPage.open(env.browser);
    await popup.submitSignIn(carol.username, passwordOf(carol));
    await popup.code.waitFor();
    await popup.close();

    const reopened = await PopupPage.open(env.browser);
    await reopened.code.waitFor();
    await reopened.submitCode(carol.totpCode!);
    await reopened.signedInAs.waitFor();
    const resent = env.studio.requestsTo(STUDIO_HOST, LOGIN_PATH).at(-1);
    expect(JSON.parse(resent!.body)).toMatchObject({ password: passwordOf(carol) });
  });

  test('the code prompt survives a stopped worker', async () => {
    const popup = await PopupPage.open(env.browser);
    await popup.submitSignIn(carol.username, passwordOf(carol));
    await popup.code.waitFor();
    await popup.close();

    await env.browser.stopBackground();
    const reopened = await PopupPage.open(env.browser);
    await reopened.submitCode(carol.totpCode!);
    await reopened.signedInAs.waitFor();
  });
});

describe('service worker stopped mid-login', () => {
  test('the open popup shows that sign-in was interrupted', async () => {
    env.studio.setFault(LOGIN_PATH, { hang: true }, { times: 1 });
    const popup = await PopupPage.open(env.browser);
    await popup.submitSignIn(alice.username, passwordOf(alice));
    await waitForRequests(LOGIN_PATH, 1);

    await env.browser.stopBackground();
    await popup.alert.waitFor();
    expect(await popup.alert.textContent()).toBe('Sign-in was interrupted. Try again.');
    expect(await popup.logIn.isEnabled()).toBe(true);
  });

  test('a reopened popup shows that sign-in was interrupted', async () => {
    env.studio.setFault(LOGIN_PATH, { hang: true }, { times: 1 });
    const popup = await PopupPage.open(env.browser);
    await popup.submitSignIn(alice.username, passwordOf(alice));
    await waitForRequests(LOGIN_PATH, 1);
    await popup.close();

    await env.browser.stopBackground();
    const reopened = await PopupPage.open(env.browser);
    expect(await reopened.alert.textContent()).toBe('Sign-in was interrupted. Try again.');
    expect(await reopened.username.inputValue()).toBe(alice.username);
  });
});

describe('single sign-on accounts', () => {
  test('a password login explains single sign-on and links to Studio', async () => {
    const popup = await PopupPage.open(env.browser);

    await popup.submitSignIn(sso.username, 'any password');
    await popup.alert.waitFor();
    expect(await popup.alert.textContent()).toContain('This account signs in with single sign-on');
    const link = popup.page.getByRole('link', { name: 'Open Studio sign-in' });
    expect(await link.getAttribute('href')).toBe(`${STUDIO_ORIGIN}${STUDIO_SIGN_IN_PATH}`);
  });

  test('the Studio session is adopted on click only', async () => {
    const studioTab = await env.browser.newPage(
      `${STUDIO_ORIGIN}${SSO_CALLBACK_PATH}?username=${sso.username}`,
    );
    expect(await studioTab.locator('#session').textContent()).toBe(`Signed in as ${sso.username}`);
    env.studio.clearRequests();

    const popup = await PopupPage.open(env.browser);
    const adopt = popup.page.getByRole('button', {
      name: `Use my Studio session (${sso.username})`,
    });
    await adopt.waitFor();
    expect(requestCount('/v1/api/user')).toBe(0);
    await adopt.click();
    await popup.signedInAs.waitFor();
    expect(await popup.signedInAs.textContent()).toBe(`Signed in as ${sso.name} (${sso.username})`);

    const docs = await env.browser.newPage(`${DOCS_ORIGIN}/`);
    await fetchFromPage(docs, `${STUDIO_ORIGIN}/v1/api/projects`);
    const request = env.studio.requestsTo(STUDIO_HOST, '/v1/api/projects').at(-1);
    const [cookie] = await env.browser.cookies(STUDIO_ORIGIN);
    expect(env.studio.tokenOf(request!)).toBe(cookie?.value);
  });

  test('a Studio password sign-in is offered too', async () => {
    const studioTab = await env.browser.newPage(`${STUDIO_ORIGIN}${STUDIO_SIGN_IN_PATH}`);
    await studioTab.getByLabel('Username').fill(alice.username);
    await studioTab.getByLabel('Password').fill(passwordOf(alice));
    await studioTab.getByRole('button', { name: 'Sign in' }).click();
    await studioTab.locator('#session').waitFor();

    const popup = await PopupPage.open(env.browser);
    await popup.page.getByRole('button', { name: 'Use my Studio session (alice)' }).click();
    await popup.signedInAs.waitFor();
  });
});

describe('rate limits', () => {
  test('HTTP 429 says when to retry and is not retried', async () => {
    env.studio.setFault(LOGIN_PATH, {
      status: 429,
      json: { success: false, error: 'Too many requests' },
      headers: { 'retry-after': '30' },
    });
    const popup = await PopupPage.open(env.browser);

    await popup.submitSignIn(alice.username, passwordOf(alice));
    await popup.alert.waitFor();
    expect(await popup.alert.textContent()).toBe(
      'Studio received too many sign-in attempts. Try again in 30 seconds.',
    );
    expect(requestCount(LOGIN_PATH)).toBe(1);
  });
});
