import preact from '@preact/preset-vite';
import { defineConfig } from 'vitest/config';

/** The same end-to-end suite runs in each browser, which E2E_BROWSER names for the harness. */
function browserProject(browser: 'chromium' | 'firefox') {
  return {
    test: {
      name: browser,
      // Runs after the unit and build tests, which fail faster.
      sequence: { groupOrder: 1 },
      include: ['test/e2e/**/*.test.ts'],
      exclude: ['test/e2e/size.test.ts'],
      env: { E2E_BROWSER: browser },
      testTimeout: 60_000,
      hookTimeout: 60_000,
    },
  };
}

export default defineConfig({
  test: {
    // Each end-to-end file starts its own stand-in Studio and browser, and a browser waits on
    // the network for much of a test, so three files at once keep 2 cores busy.
    maxWorkers: 3,
    projects: [
      {
        plugins: [preact()],
        test: {
          name: 'unit',
          sequence: { groupOrder: 0 },
          include: ['src/**/*.test.{ts,tsx}'],
          setupFiles: ['src/test-setup.ts'],
        },
      },
      {
        test: {
          // The stand-in Studio, the build's sizes and packages: no browser.
          name: 'build',
          sequence: { groupOrder: 0 },
          include: [
            'test/studio/**/*.test.ts',
            'test/firefox/**/*.test.ts',
            'test/e2e/size.test.ts',
          ],
          testTimeout: 60_000,
        },
      },
      browserProject('chromium'),
      browserProject('firefox'),
    ],
  },
});
