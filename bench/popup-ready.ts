/**
 * Popup ready time: from the start of navigation to the popup page until its Log in button
 * is enabled, against the load of a blank extension page in the same tab. The two kinds of
 * load alternate. Headless Chromium has no toolbar, so the popup page loads in a tab.
 */
import type { Page } from 'playwright-core';
import type { ExtensionBrowser } from '../test/e2e/extension-browser';
import { POPUP_PATH } from '../test/e2e/popup-page';
import { summarize, type Summary } from './stats';

/** A packaged file with no script, as the cheapest extension page to load. */
export const BLANK_PATH = 'icons/16.png';

/** Label of the popup's submit button, in the English locale the browser runs in. */
const LOG_IN_LABEL = 'Log in';

export interface PopupReadyResult {
  popup: Summary;
  blank: Summary;
}

interface ReadyWindow {
  eiBenchReadyAt?: number;
}

export async function measurePopupReady(
  browser: ExtensionBrowser,
  loads: number,
): Promise<PopupReadyResult> {
  const page = await browser.newPage();
  await page.addInitScript(recordWhenLogInEnabled, { path: POPUP_PATH, label: LOG_IN_LABEL });
  const popup: number[] = [];
  const blank: number[] = [];
  for (let i = 0; i < loads; i++) {
    // Alternating which goes first cancels any advantage of following the other.
    if (i % 2 === 0) {
      popup.push(await timePopupLoad(browser, page));
      blank.push(await timeBlankLoad(browser, page));
    } else {
      blank.push(await timeBlankLoad(browser, page));
      popup.push(await timePopupLoad(browser, page));
    }
  }
  await page.close();
  return { popup: summarize(popup), blank: summarize(blank) };
}

/** Returns milliseconds from navigation start until the Log in button is enabled. */
async function timePopupLoad(browser: ExtensionBrowser, page: Page): Promise<number> {
  await startFromEmptyPage(page);
  await page.goto(browser.extensionUrl(POPUP_PATH));
  const ready = await page.waitForFunction(() => (window as ReadyWindow).eiBenchReadyAt);
  return (await ready.jsonValue()) as number;
}

/** Returns milliseconds from navigation start until the blank page's load event ended. */
async function timeBlankLoad(browser: ExtensionBrowser, page: Page): Promise<number> {
  await startFromEmptyPage(page);
  await page.goto(browser.extensionUrl(BLANK_PATH));
  const ended = await page.waitForFunction(() => {
    const [entry] = performance.getEntriesByType('navigation') as PerformanceNavigationTiming[];
    return entry && entry.loadEventEnd > 0 ? entry.loadEventEnd : undefined;
  });
  return (await ended.jsonValue()) as number;
}

/**
 * Navigates to about:blank, so that the next measured load unloads an empty page rather
 * than the popup or the blank page, whose unload times differ.
 */
async function startFromEmptyPage(page: Page): Promise<void> {
  await page.goto('about:blank');
}

/**
 * Runs in every document of the tab before its scripts. In the popup, it stores the page's
 * clock (milliseconds since navigation start) at the first DOM change that leaves an
 * enabled Log in button.
 */
function recordWhenLogInEnabled({ path, label }: { path: string; label: string }): void {
  if (!location.pathname.endsWith(path)) return;
  const observer = new MutationObserver(() => {
    const buttons = Array.from(document.querySelectorAll('button'));
    const logIn = buttons.find((button) => button.textContent?.trim() === label);
    if (logIn && !logIn.disabled) {
      (window as ReadyWindow).eiBenchReadyAt = performance.now();
      observer.disconnect();
    }
  });
  observer.observe(document, { subtree: true, childList: true, attributes: true });
}
