/**
 * Per-file set-up for end-to-end tests: one stand-in Studio for the file, and a fresh
 * browser profile with the extension for each test.
 */
import { afterAll, afterEach, beforeAll, beforeEach } from 'vitest';
import { startStudio, type Studio, type StudioOptions, type StudioUser } from '../studio';
import { ExtensionBrowser } from './extension-browser';

export interface E2E {
  studio: Studio;
  browser: ExtensionBrowser;
}

/** Registers the hooks and returns an object whose fields are set while a test runs. */
export function useExtensionAndStudio(options: StudioOptions = {}): E2E {
  const env = {} as E2E;
  beforeAll(async () => {
    env.studio = await startStudio(options);
  });
  beforeEach(async () => {
    env.studio.reset();
    env.browser = await ExtensionBrowser.launch(env.studio);
  });
  afterEach(async () => {
    await env.browser?.close();
  });
  afterAll(async () => {
    await env.studio?.close();
  });
  return env;
}

/** Returns a stand-in user's password; single sign-on accounts have none. */
export function passwordOf(user: StudioUser): string {
  if (user.password === undefined) throw new Error(`${user.username} has no password`);
  return user.password;
}
