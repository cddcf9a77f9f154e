import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { alice, STUDIO_HOST, STUDIO_ORIGIN } from '../studio';
import { launchBrowser, useExtensionAndStudio, type E2E, signInThroughPopup } from './harness';
import { OptionsPage } from './options-page';
import { fetchFromPage } from './page-requests';
import { PopupPage } from './popup-page';
import type { TestBrowser } from './test-browser';

const env = useExtensionAndStudio();

/** Seconds a token lives so that the session, which ends a minute early, ends after 3 s. */
const SHORT_LIFETIME_SECONDS = 63;

function signInAsAlice(env: E2E) {
  return signInThroughPopup(env, { keepPopup: true });
}

/** Calls the API from a Studio page and returns the token Studio received, if any. */
async function tokenSentFromStudio(browser: TestBrowser): Promise<string | undefined> {
  const page = await browser.newPage(`${STUDIO_ORIGIN}/`);
  await fetchFromPage(page, '/v1/api/projects', { credentials: 'omit' });
  await page.close();
  const request = env.studio.requestsTo(STUDIO_HOST, '/v1/api/projects').at(-1);
  return request && env.studio.tokenOf(request);
}

async function badge(browser: TestBrowser) {
  return browser.evaluateInExtension(async () => ({
    text: await chrome.action.getBadgeText({}),
    title: await chrome.action.getTitle({}),
  }));
}

describe('expiry', () => {
  test('the session ends when the token expires', async () => {
    env.studio.setTokenLifetime(SHORT_LIFETIME_SECONDS);
    const { popup } = await signInAsAlice(env);

    await popup.alert.waitFor({ timeout: 15_000 });
    expect(await popup.alert.textContent()).toBe('Your session expired. Sign in again.');
    expect(await popup.username.inputValue()).toBe(alice.username);
    expect(await badge(env.browser)).toEqual({
      text: '!',
      title: 'Edge Impulse: your session expired. Click to sign in again.',
    });
    expect(await tokenSentFromStudio(env.browser)).toBeUndefined();
    expect(await env.browser.cookies(STUDIO_ORIGIN)).toEqual([]);
  });
});

describe('revoked token', () => {
  test('a 401 from Studio ends the session', async () => {
    const { popup, token } = await signInAsAlice(env);
    // The badge is checked here, where the token lives long enough to read it in time.
    expect(await badge(env.browser)).toEqual({
      text: 'on',
      title: 'Edge Impulse: signed in as alice.',
    });
    env.studio.revoke(token!);

    const page = await env.browser.newPage(`${STUDIO_ORIGIN}/`);
    expect(await fetchFromPage(page, '/v1/api/projects', { credentials: 'omit' })).toBe(401);
    await popup.alert.waitFor();
    expect(await popup.alert.textContent()).toBe('Your session expired. Sign in again.');
    expect(await tokenSentFromStudio(env.browser)).toBeUndefined();
  });

  test('opening the popup finds a revoked token', async () => {
    const { popup, token } = await signInAsAlice(env);
    await popup.close();
    env.studio.revoke(token!);
    // A new worker has not checked the token yet, as after a browser restart.
    await env.browser.stopBackground();

    const reopened = await PopupPage.open(env.browser);
    await reopened.alert.waitFor();
    expect(await reopened.alert.textContent()).toBe('Your session expired. Sign in again.');
  });
});

describe('stay signed in', () => {
  test('off: a browser restart signs out', async () => {
    const profileDir = await mkdtemp(join(tmpdir(), 'ei-session-restart-'));
    try {
      const first = await launchBrowser(env.studio, { profileDir });
      const options = await OptionsPage.open(first);
      expect(await options.staySignedIn.isChecked()).toBe(true);
      await options.setStaySignedIn(false);
      const { token } = await signInAsAlice({ ...env, browser: first });
      expect(await tokenSentFromStudio(first)).toBe(token);
      await first.close();

      const second = await launchBrowser(env.studio, { profileDir });
      try {
        expect(await tokenSentFromStudio(second)).toBeUndefined();
        expect(await second.cookies(STUDIO_ORIGIN)).toEqual([]);
        const popup = await PopupPage.open(second);
        expect(await popup.logIn.isVisible()).toBe(true);
        // The setting itself survives the restart.
        const reopened = await OptionsPage.open(second);
        expect(await reopened.staySignedIn.isChecked()).toBe(false);
      } finally {
        await second.close();
      }
    } finally {
      await rm(profileDir, { recursive: true, force: true });
    }
  });
});
