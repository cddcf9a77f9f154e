/**
 * Per-file set-up for end-to-end tests: one stand-in Studio for the file, and for each test a
 * browser profile with the extension as a new install has it. The browser is reset between
 * tests, and replaced when a test changed what a reset cannot restore.
 */
import { afterAll, afterEach, beforeAll, beforeEach, test } from 'vitest';
import {
  alice,
  startStudio,
  STUDIO_HOST,
  type Studio,
  type StudioOptions,
  type StudioUser,
} from '../studio';
import { PopupPage } from './popup-page';
import { BROWSER, type LaunchOptions, type TestBrowser } from './test-browser';

export interface E2E {
  studio: Studio;
  browser: TestBrowser;
}

/**
 * Starts the browser that `E2E_BROWSER` names, with the extension, against the stand-in. Only
 * that browser's driver is loaded, so that a test file does not load both.
 */
export async function launchBrowser(
  studio: Studio,
  options: LaunchOptions = {},
): Promise<TestBrowser> {
  if (BROWSER === 'firefox') {
    const { FirefoxExtensionBrowser } = await import('../firefox/firefox-browser');
    return FirefoxExtensionBrowser.launch(studio, options);
  }
  const { ExtensionBrowser } = await import('./extension-browser');
  return ExtensionBrowser.launch(studio, options);
}

/** Registers the hooks and returns an object whose fields are set while a test runs. */
export function useExtensionAndStudio(options: StudioOptions = {}): E2E {
  const env = {} as E2E;
  let reusable: TestBrowser | undefined;
  beforeAll(async () => {
    env.studio = await startStudio(options);
  });
  beforeEach(async () => {
    env.studio.reset();
    if (reusable && !(await resetOrClose(reusable))) reusable = undefined;
    env.browser = reusable ?? (await launchBrowser(env.studio));
  });
  afterEach(() => {
    reusable = env.browser;
  });
  afterAll(async () => {
    await reusable?.close();
    await env.studio?.close();
  });
  return env;
}

/** Resets a browser for the next test, or closes it when it cannot be reset. */
async function resetOrClose(browser: TestBrowser): Promise<boolean> {
  try {
    if (await browser.reset()) return true;
  } catch (error) {
    // A test that failed may leave the browser in a state that no reset reaches.
    console.warn(`Starting a new ${browser.name}, since the reset failed:`, error);
  }
  await browser.close().catch(() => {});
  return false;
}

/** Returns a stand-in user's password; single sign-on accounts have none. */
export function passwordOf(user: StudioUser): string {
  if (user.password === undefined) throw new Error(`${user.username} has no password`);
  return user.password;
}

/**
 * Signs in through the popup and returns the token Studio issued, as the profile request that
 * the extension made with it shows. The popup is closed unless `keepPopup` is set.
 */
export async function signInThroughPopup(
  { browser, studio }: { browser: TestBrowser; studio: Studio },
  { user = alice, keepPopup = false }: { user?: StudioUser; keepPopup?: boolean } = {},
): Promise<{ token: string; popup: PopupPage }> {
  const popup = await PopupPage.open(browser);
  await popup.signIn(user.username, passwordOf(user));
  if (!keepPopup) await popup.close();
  const request = studio.requestsTo(STUDIO_HOST, '/v1/api/user').at(-1);
  const token = request && studio.tokenOf(request);
  if (!token) throw new Error('The extension loaded no profile after signing in');
  return { token, popup };
}

/**
 * Defines a test that only Firefox can run, such as one that answers a permission prompt,
 * which a test cannot do in Chromium. Chromium's run leaves it out instead of skipping it.
 */
export function testInFirefox(name: string, body: () => Promise<void>): void {
  if (BROWSER === 'firefox') test(name, body);
}
