import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { startStudio, STUDIO_HOST, STUDIO_ORIGIN, type Studio } from '../studio';
import { launchBrowser, signInThroughPopup } from './harness';
import { fetchFromPage } from './page-requests';
import { PopupPage } from './popup-page';
import type { TestBrowser } from './test-browser';

let studio: Studio;

beforeAll(async () => {
  studio = await startStudio();
});

afterAll(async () => {
  await studio?.close();
});

async function signInAsAlice(browser: TestBrowser): Promise<string> {
  return (await signInThroughPopup({ browser, studio })).token;
}

/** Calls the API from a Studio page, as Studio's own scripts do, and returns the token sent. */
async function tokenOfFirstApiCall(browser: TestBrowser): Promise<string | undefined> {
  const page = await browser.newPage(`${STUDIO_ORIGIN}/`);
  studio.clearRequests();
  await fetchFromPage(page, '/v1/api/projects', { credentials: 'omit' });
  await page.close();
  const request = studio.requestsTo(STUDIO_HOST, '/v1/api/projects').at(-1);
  return request && studio.tokenOf(request);
}

describe('restarts', () => {
  test('a stopped service worker leaves the browser signed in', async () => {
    const browser = await launchBrowser(studio);
    try {
      const token = await signInAsAlice(browser);

      await browser.stopBackground();
      expect(await tokenOfFirstApiCall(browser)).toBe(token);
      const popup = await PopupPage.open(browser);
      expect(await popup.signedInAs.textContent()).toBe('Signed in as Alice Example (alice)');
    } finally {
      await browser.close();
    }
  });

  test('browser restart keeps session and sign-out', async () => {
    const profileDir = await mkdtemp(join(tmpdir(), 'ei-session-restart-'));
    try {
      const first = await launchBrowser(studio, { profileDir });
      const token = await signInAsAlice(first);
      await first.close();

      // No popup opens before the first API call: the worker restores the session on its own.
      const second = await launchBrowser(studio, { profileDir });
      try {
        expect(await tokenOfFirstApiCall(second)).toBe(token);
        const page = await second.newPage(`${STUDIO_ORIGIN}/`);
        expect(await page.locator('#session').textContent()).toBe('Signed in as alice');
        const popup = await PopupPage.open(second);
        await popup.signOut();
      } finally {
        await second.close();
      }

      const third = await launchBrowser(studio, { profileDir });
      try {
        expect(await tokenOfFirstApiCall(third)).toBeUndefined();
        expect(await third.cookies(STUDIO_ORIGIN)).toEqual([]);
      } finally {
        await third.close();
      }
    } finally {
      await rm(profileDir, { recursive: true, force: true });
    }
  });
});
