import 'fake-indexeddb/auto';
import { IDBFactory } from 'fake-indexeddb';
import { beforeEach, vi } from 'vitest';
import { fakeBrowser, resetFakeBrowser } from './testing/fake-browser';

vi.mock('webextension-polyfill', () => ({ default: fakeBrowser }));

beforeEach(() => {
  resetFakeBrowser();
  // A new factory has no databases, so no session stored in IndexedDB leaks into the next test.
  globalThis.indexedDB = new IDBFactory();
  // The code under test logs failures it handles; the tests check outcomes instead.
  vi.spyOn(console, 'warn').mockImplementation(() => undefined);
});
