import { beforeEach, vi } from 'vitest';
import { fakeBrowser, resetFakeBrowser } from './testing/fake-browser';

vi.mock('webextension-polyfill', () => ({ default: fakeBrowser }));

beforeEach(() => {
  resetFakeBrowser();
});
