import { beforeEach, vi } from 'vitest';
import { fakeBrowser, resetFakeBrowser } from './testing/fake-browser';

vi.mock('webextension-polyfill', () => ({ default: fakeBrowser }));

beforeEach(() => {
  resetFakeBrowser();
  // The code under test logs failures it handles; the tests check outcomes instead.
  vi.spyOn(console, 'warn').mockImplementation(() => undefined);
});
