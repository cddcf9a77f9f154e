/** Reads of the extension's stored data, for tests that check where the token is. */
import { indexedDbContents } from '../../src/testing/indexed-db';
import type { TestBrowser } from './test-browser';

/** Returns storage.local, storage.session and every IndexedDB record of the extension as JSON. */
export async function readExtensionStorage(browser: TestBrowser): Promise<string> {
  const areas = await browser.evaluateInExtension(async () => [
    await chrome.storage.local.get(),
    await chrome.storage.session.get(),
  ]);
  const records = await browser.evaluateInExtension(indexedDbContents);
  return JSON.stringify([...areas, records]);
}
