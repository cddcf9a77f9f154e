/**
 * Sign-in cost: the time from a click on Log in to the popup's signed-in view, against the
 * same two requests (`POST /v1/api-login`, `GET /v1/api/user`) made by plain fetch from an
 * extension page, which is the floor for any sign-in. The two alternate.
 */
import type { Page } from 'playwright-core';
import type { ExtensionBrowser } from '../test/e2e/extension-browser';
import { PopupPage } from '../test/e2e/popup-page';
import { JWT_HEADER, STUDIO_HOST, STUDIO_ORIGIN, type Studio } from '../test/studio';
import { BLANK_PATH } from './popup-ready';
import { summarize, type Summary } from './stats';

/** Id of the line that names the signed-in user in the popup (src/popup/SignedIn.tsx). */
const SIGNED_IN_ID = 'signed-in';

export interface SignInResult {
  signIn: Summary;
  plainFetch: Summary;
  /** Requests to the Studio API (`/v1/…`) from the click on Log in to the end of sign-out. */
  apiRequestsPerSignIn: Range;
  /** Other requests to Studio in that time, such as the profile photo before it is cached. */
  otherRequestsPerSignIn: Range;
  /** Method and path of each request to Studio during the first sign-in. */
  firstSignInRequests: string[];
}

export interface Account {
  username: string;
  password: string;
}

export interface Range {
  min: number;
  max: number;
}

interface TimerWindow {
  eiBenchSignIn?: Promise<number>;
}

export async function measureSignIn(
  browser: ExtensionBrowser,
  studio: Studio,
  account: Account,
  count: number,
): Promise<SignInResult> {
  const popup = await PopupPage.open(browser);
  const extensionPage = await browser.newPage(browser.extensionUrl(BLANK_PATH));
  const signIn: number[] = [];
  const plainFetch: number[] = [];
  const apiRequests: number[] = [];
  const otherRequests: number[] = [];
  let firstSignInRequests: string[] | undefined;
  for (let i = 0; i < count; i++) {
    studio.clearRequests();
    signIn.push(await timeSignIn(popup, account));
    await popup.signOut();
    const requests = studio.requestsTo(STUDIO_HOST);
    const api = requests.filter((request) => request.path.startsWith('/v1/'));
    apiRequests.push(api.length);
    otherRequests.push(requests.length - api.length);
    firstSignInRequests ??= requests.map((request) => `${request.method} ${request.path}`);
    plainFetch.push(await timePlainFetch(extensionPage, account));
  }
  await extensionPage.close();
  await popup.close();
  return {
    signIn: summarize(signIn),
    plainFetch: summarize(plainFetch),
    apiRequestsPerSignIn: rangeOf(apiRequests),
    otherRequestsPerSignIn: rangeOf(otherRequests),
    firstSignInRequests: firstSignInRequests ?? [],
  };
}

/** Signs in through the popup and returns milliseconds from the click to the signed-in view. */
async function timeSignIn(popup: PopupPage, account: Account): Promise<number> {
  // The extension page opened after the popup is in front, and Chromium delays the timers
  // and animation frames of background tabs, which made each sign-in take seconds.
  await popup.page.bringToFront();
  await popup.username.fill(account.username);
  await popup.password.fill(account.password);
  await popup.page.evaluate(startSignInTimer, SIGNED_IN_ID);
  await popup.logIn.click();
  const elapsed = await popup.page.evaluate(() => (window as TimerWindow).eiBenchSignIn);
  if (elapsed === undefined) throw new Error('The sign-in timer was not started in the popup');
  return elapsed;
}

/**
 * Runs in the popup: starts the clock at the next click and stops it at the first DOM
 * change that shows the element with id `signedInId`.
 */
function startSignInTimer(signedInId: string): void {
  (window as TimerWindow).eiBenchSignIn = new Promise((resolve, reject) => {
    let clickedAt: number | undefined;
    const timeout = setTimeout(() => {
      observer.disconnect();
      reject(new Error(`The popup showed no #${signedInId} within 10 s of the click`));
    }, 10_000);
    const observer = new MutationObserver(() => {
      if (clickedAt === undefined || !document.getElementById(signedInId)) return;
      resolve(performance.now() - clickedAt);
      clearTimeout(timeout);
      observer.disconnect();
    });
    const startClock = () => {
      clickedAt = performance.now();
    };
    document.addEventListener('click', startClock, { capture: true, once: true });
    observer.observe(document.body, { subtree: true, childList: true });
  });
}

/**
 * Logs in and loads the profile by fetch from an extension page, with the options the
 * extension's API client uses, and returns the milliseconds both took.
 */
async function timePlainFetch(page: Page, account: Account): Promise<number> {
  const result = await page.evaluate(
    async ({ origin, tokenHeader, account }) => {
      const options = { credentials: 'omit', cache: 'no-store', redirect: 'error' } as const;
      const startedAt = performance.now();
      const login = await fetch(`${origin}/v1/api-login`, {
        ...options,
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(account),
      });
      const { token } = (await login.json()) as { token?: string };
      const profile = await fetch(`${origin}/v1/api/user?excludeProjects=true`, {
        ...options,
        headers: { [tokenHeader]: token ?? '' },
      });
      await profile.json();
      return { elapsed: performance.now() - startedAt, status: profile.status };
    },
    { origin: STUDIO_ORIGIN, tokenHeader: JWT_HEADER, account },
  );
  if (result.status !== 200) {
    throw new Error(`The plain-fetch profile request returned HTTP ${result.status}, not 200`);
  }
  return result.elapsed;
}

function rangeOf(values: number[]): Range {
  return { min: Math.min(...values), max: Math.max(...values) };
}
