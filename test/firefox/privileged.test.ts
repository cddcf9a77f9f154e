// Checks the hooks in privileged.ts against Firefox ESR: each must have the effect that the
// matching hook of the Chromium end-to-end tests has. The tests need no stand-in
// Studio, only a plain page on 127.0.0.1, which the extension has no host permission for.
import { mkdtemp, rm } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'puppeteer-core';
import type { Browser as WebExtensionApi } from 'webextension-polyfill';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, test } from 'vitest';
import { ENTERPRISE_ORIGIN } from '../studio';
import { extensionUrl, FIREFOX_EXTENSION_DIR, GECKO_ID, launchFirefox } from './firefox-browser';
import {
  clickToolbarButton,
  evaluateInParent,
  grantHostPermissions,
  installPermanently,
  launchFirefoxWithProfile,
  stopBackground,
  withdrawHostPermissions,
  writeXpi,
} from './privileged';

let server: Server;
let pageOrigin: string;
let firefox: Browser;

beforeAll(async () => {
  server = createServer((_request, response) => {
    response.setHeader('Content-Type', 'text/html');
    response.end('<!doctype html><title>Plain page</title><p>Plain page');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  pageOrigin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  await new Promise((resolve) => server.close(resolve));
});

/** Starts Firefox with the extension as a temporary add-on before each test of the block. */
function useTemporaryAddOn(): void {
  beforeEach(async () => {
    firefox = await launchFirefox({ headless: true, openExtensionPages: true });
  });
  afterEach(async () => {
    await firefox?.close();
  });
}

const MANIFEST_ORIGINS = ['https://studio.edgeimpulse.com/*', 'https://docs.edgeimpulse.com/*'];
const POPUP_PATH = 'src/popup/index.html';
const POPUP_READY = 'main:not([aria-busy="true"])';

/** The WebExtension API of an extension page, for functions that page.evaluate runs there. */
type PageGlobals = { browser: WebExtensionApi };

function openPopupTab(): Promise<Page> {
  return openPage(firefox);
}

/** Sets `testMarker` on the background page's window and returns the value it had before. */
function swapBackgroundMarker(page: Page): Promise<unknown> {
  return page.evaluate(async () => {
    const { browser } = globalThis as unknown as PageGlobals;
    const background = (await browser.runtime.getBackgroundPage()) as unknown as {
      testMarker?: string;
    };
    const before = background.testMarker;
    background.testMarker = 'set by the test';
    return before ?? null;
  });
}

function backgroundState(browser: Browser): Promise<string> {
  return evaluateInParent(
    browser,
    (id: string) => {
      const policy = (globalThis as unknown as WithPolicies).WebExtensionPolicy.getByID(id);
      return policy?.extension?.backgroundState ?? 'not running';
    },
    GECKO_ID,
  );
}

type WithPolicies = {
  WebExtensionPolicy: {
    getByID(id: string): { extension?: { backgroundState: string } } | null;
  };
};

function grantedOrigins(page: Page): Promise<string[]> {
  return page.evaluate(async () => {
    const { browser } = globalThis as unknown as PageGlobals;
    return (await browser.permissions.getAll()).origins ?? [];
  });
}

describe('Firefox privileged hooks: background', () => {
  useTemporaryAddOn();

  test('stopBackground loses state until a message', async () => {
    const page = await openPopupTab();
    await swapBackgroundMarker(page);
    expect(await swapBackgroundMarker(page)).toBe('set by the test');

    await stopBackground(firefox);
    expect(await backgroundState(firefox)).toBe('stopped');

    // The background rejects unknown messages, so the reply shows that it ran.
    const reply = await page.evaluate(async () => {
      const { browser } = globalThis as unknown as PageGlobals;
      return browser.runtime.sendMessage({ type: 'unknown' }).then(
        () => 'resolved',
        (error: Error) => error.message,
      );
    });
    expect(reply).toBe('Unknown message type: unknown');
    expect(await backgroundState(firefox)).toBe('running');
    expect(await swapBackgroundMarker(page)).toBeNull();
  });
});

describe('Firefox privileged hooks: host permissions', () => {
  useTemporaryAddOn();

  test('grant and withdraw change permissions.getAll', async () => {
    const page = await openPopupTab();
    expect(await grantedOrigins(page)).toEqual(MANIFEST_ORIGINS);

    await grantHostPermissions(firefox, [`${ENTERPRISE_ORIGIN}/*`]);
    expect(await grantedOrigins(page)).toEqual([...MANIFEST_ORIGINS, `${ENTERPRISE_ORIGIN}/*`]);

    await withdrawHostPermissions(firefox, MANIFEST_ORIGINS);
    expect(await grantedOrigins(page)).toEqual([`${ENTERPRISE_ORIGIN}/*`]);
  });
});

describe('Firefox privileged hooks: toolbar button', () => {
  useTemporaryAddOn();

  test('clickToolbarButton grants activeTab and opens the popup', async () => {
    const extensionPage = await openPopupTab();
    const tab = await firefox.newPage();
    await tab.goto(`${pageOrigin}/`);
    const readActiveTab = () =>
      extensionPage.evaluate(async () => {
        const { browser } = globalThis as unknown as PageGlobals;
        const [active] = await browser.tabs.query({ active: true, currentWindow: true });
        const injection = browser.scripting.executeScript({
          target: { tabId: active!.id! },
          func: () => location.href,
        });
        const injected = await injection.then(
          (results) => results[0]?.result as string,
          (error: Error) => error.message,
        );
        return { url: active?.url ?? null, injected };
      });
    // The popup is an extension page in a panel, which WebDriver BiDi does not list, but
    // other pages of the extension can reach its window.
    const waitForPopups = (count: number) =>
      extensionPage.waitForFunction(
        (count: number) => {
          const { browser } = globalThis as unknown as PageGlobals;
          return browser.extension.getViews({ type: 'popup' }).length === count;
        },
        {},
        count,
      );
    expect(await readActiveTab()).toEqual({
      url: null,
      injected: 'Missing host permission for the tab',
    });

    await clickToolbarButton(firefox, tab);
    expect(await readActiveTab()).toEqual({ url: `${pageOrigin}/`, injected: `${pageOrigin}/` });
    await waitForPopups(1);
    const popupUrls = await extensionPage.evaluate(() => {
      const { browser } = globalThis as unknown as PageGlobals;
      return browser.extension.getViews({ type: 'popup' }).map((view) => view.location.href);
    });
    expect(popupUrls).toEqual([extensionUrl(POPUP_PATH)]);

    // A second click closes the popup, as it does for a user.
    await clickToolbarButton(firefox, tab);
    await waitForPopups(0);
  });
});

describe('Firefox privileged hooks: restart', () => {
  test('permanent add-on keeps storage and rules', async () => {
    const profileDir = await mkdtemp(join(tmpdir(), 'ei-session-firefox-profile-'));
    const xpiDir = await mkdtemp(join(tmpdir(), 'ei-session-xpi-'));
    const xpiPath = join(xpiDir, 'extension.xpi');
    try {
      await writeXpi(FIREFOX_EXTENSION_DIR, xpiPath);
      const first = await launchFirefoxWithProfile(profileDir, { headless: true });
      try {
        expect(await installPermanently(first, xpiPath)).toBe(GECKO_ID);
        const page = await openPage(first);
        expect(await page.evaluate(() => location.href)).toBe(extensionUrl(POPUP_PATH));
        await page.evaluate(async () => {
          const { browser } = globalThis as unknown as PageGlobals;
          await browser.storage.local.set({ testValue: 'kept' });
          await browser.declarativeNetRequest.updateDynamicRules({
            addRules: [
              {
                id: 4242,
                action: { type: 'block' },
                condition: { urlFilter: '||blocked.example^', resourceTypes: ['main_frame'] },
              },
            ],
          });
        });
      } finally {
        await first.close();
      }

      const second = await launchFirefoxWithProfile(profileDir, { headless: true });
      try {
        const page = await openPage(second);
        const state = await page.evaluate(async () => {
          const { browser } = globalThis as unknown as PageGlobals;
          const rules = await browser.declarativeNetRequest.getDynamicRules();
          return {
            url: location.href,
            installType: (await browser.management.getSelf()).installType,
            stored: await browser.storage.local.get('testValue'),
            ruleIds: rules.map((rule) => rule.id),
          };
        });
        expect(state.url).toBe(extensionUrl(POPUP_PATH));
        expect(state.installType).toBe('normal');
        expect(state.stored).toEqual({ testValue: 'kept' });
        expect(state.ruleIds).toContain(4242);
      } finally {
        await second.close();
      }
    } finally {
      await rm(profileDir, { recursive: true, force: true });
      await rm(xpiDir, { recursive: true, force: true });
    }
  });
});

/**
 * Opens the popup as a tab. Firefox sends no BiDi load event for moz-extension:// pages, so
 * this waits for the page's content instead.
 */
async function openPage(browser: Browser): Promise<Page> {
  const page = await browser.newPage();
  page.goto(extensionUrl(POPUP_PATH)).catch(() => {
    // Rejects when the browser closes, still waiting for the load event.
  });
  await page.waitForSelector(POPUP_READY);
  return page;
}
