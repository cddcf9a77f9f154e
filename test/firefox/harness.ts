/**
 * Per-file set-up for Firefox end-to-end tests: one stand-in Studio for the file, and a
 * fresh Firefox profile with the extension for each test.
 */
import { afterAll, afterEach, beforeAll, beforeEach } from 'vitest';
import { startStudio, type Studio, type StudioOptions } from '../studio';
import { FirefoxExtensionBrowser } from './firefox-browser';

export interface FirefoxE2E {
  studio: Studio;
  browser: FirefoxExtensionBrowser;
}

/** Registers the hooks and returns an object whose fields are set while a test runs. */
export function useFirefoxAndStudio(options: StudioOptions = {}): FirefoxE2E {
  const env = {} as FirefoxE2E;
  beforeAll(async () => {
    env.studio = await startStudio(options);
  });
  beforeEach(async () => {
    env.studio.reset();
    env.browser = await FirefoxExtensionBrowser.launch(env.studio);
  });
  afterEach(async () => {
    await env.browser?.close();
  });
  afterAll(async () => {
    await env.studio?.close();
  });
  return env;
}
