import { describe, expect, test } from 'vitest';
import { alice, STUDIO_HOST, type Fault } from '../studio';
import { passwordOf, useExtensionAndStudio } from './harness';
import { PopupPage } from './popup-page';

const env = useExtensionAndStudio();
const LOGIN_PATH = '/v1/api-login';

/** Submits alice's credentials, waits for the alert and checks the form is usable again. */
async function signInExpectingAlert(): Promise<{ popup: PopupPage; text: string }> {
  const popup = await PopupPage.open(env.browser);
  await popup.submitSignIn(alice.username, passwordOf(alice));
  await popup.alert.waitFor({ timeout: 20_000 });
  const text = (await popup.alert.textContent()) ?? '';
  expect(await popup.username.isEnabled()).toBe(true);
  expect(await popup.password.isEnabled()).toBe(true);
  expect(await popup.logIn.isEnabled()).toBe(true);
  expect(await popup.username.inputValue()).toBe(alice.username);
  expect(text).not.toMatch(/<|>|Error:|at \w+ \(/);
  return { popup, text };
}

describe('login faults', () => {
  test.each<[string, Fault, string]>([
    [
      'HTTP 401 with a JSON error',
      { status: 401, json: { success: false, error: 'Unauthorized' } },
      'Studio rejected the request (HTTP 401): Unauthorized. Check your details and try again.',
    ],
    [
      'HTTP 403 with a JSON error',
      { status: 403, json: { success: false, error: 'Account disabled' } },
      'Studio rejected the request (HTTP 403): Account disabled. Check your details and try again.',
    ],
    [
      'HTTP 404 with a JSON error',
      { status: 404, json: { success: false, error: 'Not found' } },
      'Studio rejected the request (HTTP 404): Not found. Check your details and try again.',
    ],
    [
      'HTTP 502 with an HTML body',
      { status: 502, contentType: 'text/html', body: '<html><h1>502 Bad Gateway</h1></html>' },
      'Studio could not complete the request (HTTP 502). Try again in a few minutes.',
    ],
    [
      'HTTP 500 with a JSON error',
      { status: 500, json: { success: false, error: 'Internal error' } },
      'Studio could not complete the request (HTTP 500). Try again in a few minutes.',
    ],
    [
      'HTTP 200 with a body that is not JSON',
      { status: 200, contentType: 'text/html', body: '<!doctype html><p>Maintenance</p>' },
      'Studio sent a response the extension cannot read (HTTP 200). Try again in a few minutes.',
    ],
    [
      'success without a token',
      { status: 200, json: { success: true } },
      'Studio accepted the sign-in but sent no token. Try again in a few minutes.',
    ],
    [
      'a token that is not a JWT',
      { status: 200, json: { success: true, token: 'not a jwt' } },
      'Studio sent a token that is not a valid JWT, so it was not stored. Try again in a few minutes.',
    ],
    [
      'a reset connection',
      { reset: true },
      'Could not reach studio.edgeimpulse.com. Check your internet connection and try again.',
    ],
  ])('%s shows a clear message', async (_, fault, message) => {
    env.studio.setFault(LOGIN_PATH, fault);

    const { text } = await signInExpectingAlert();
    expect(text).toBe(message);
  });

  test('a refused connection shows a clear message', async () => {
    await env.studio.pause();
    try {
      const { text } = await signInExpectingAlert();
      expect(text).toBe(
        'Could not reach studio.edgeimpulse.com. Check your internet connection and try again.',
      );
    } finally {
      await env.studio.resume();
    }
  });

  test('a login that never answers times out after 10 seconds', async () => {
    env.studio.setFault(LOGIN_PATH, { hang: true });

    const { text } = await signInExpectingAlert();
    expect(text).toBe('studio.edgeimpulse.com did not respond within 10 seconds. Try again.');
  });

  test('the form works again once the fault is gone', async () => {
    env.studio.setFault(LOGIN_PATH, { status: 503, body: 'down' }, { times: 1 });

    const { popup } = await signInExpectingAlert();
    await popup.password.fill(passwordOf(alice));
    await popup.logIn.click();
    await popup.signedInAs.waitFor();
  });
});

describe('double submission', () => {
  test('the button is disabled while a login runs', async () => {
    env.studio.setFault(LOGIN_PATH, { delayMs: 1500 }, { times: 1 });
    const popup = await PopupPage.open(env.browser);

    await popup.submitSignIn(alice.username, passwordOf(alice));
    const busyButton = popup.page.getByRole('button', { name: 'Signing in…' });
    await busyButton.waitFor();
    expect(await busyButton.isDisabled()).toBe(true);
    await popup.password.press('Enter');
    await popup.password.press('Enter');
    await popup.signedInAs.waitFor();
    expect(env.studio.requestsTo(STUDIO_HOST, LOGIN_PATH)).toHaveLength(1);
  });
});
