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

  test('a browser restart keeps the session without opening the popup', async () => {
    const profileDir = await mkdtemp(join(tmpdir(), 'ei-session-restart-'));
    try {
      const first = await launchBrowser(studio, { profileDir });
      const token = await signInAsAlice(first);
      await first.close();

      const second = await launchBrowser(studio, { profileDir });
      try {
        expect(await tokenOfFirstApiCall(second)).toBe(token);
        const page = await second.newPage(`${STUDIO_ORIGIN}/`);
        expect(await page.locator('#session').textContent()).toBe('Signed in as alice');
      } finally {
        await second.close();
      }
    } finally {
      await rm(profileDir, { recursive: true, force: true });
    }
  });

  test('a sign-out survives a browser restart', async () => {
    const profileDir = await mkdtemp(join(tmpdir(), 'ei-session-restart-'));
    try {
      const first = await launchBrowser(studio, { profileDir });
      await signInAsAlice(first);
      const popup = await PopupPage.open(first);
      await popup.signOut();
      await first.close();

      const second = await launchBrowser(studio, { profileDir });
      try {
        expect(await tokenOfFirstApiCall(second)).toBeUndefined();
        expect(await second.cookies(STUDIO_ORIGIN)).toEqual([]);
      } finally {
        await second.close();
      }
    } finally {
      await rm(profileDir, { recursive: true, force: true });
    }
  });
});
