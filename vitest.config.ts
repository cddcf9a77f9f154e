import preact from '@preact/preset-vite';
import { defineConfig } from 'vitest/config';

/** Settings of the end-to-end projects, which start browsers against the stand-in Studio. */
const browserTests = {
  // Runs after the unit tests, which fail faster.
  sequence: { groupOrder: 1 },
  // Each file starts its own stand-in Studio and browser; two at once fit 2 cores.
  maxWorkers: 2,
  testTimeout: 60_000,
  hookTimeout: 60_000,
};

export default defineConfig({
  test: {
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
          ...browserTests,
          name: 'e2e',
          include: ['test/**/*.test.ts'],
          env: { E2E_BROWSER: 'chromium' },
        },
      },
      {
        test: {
          ...browserTests,
          name: 'firefox',
          // The same browser suite as the e2e project, in Firefox.
          include: ['test/e2e/**/*.test.ts'],
          exclude: ['test/e2e/size.test.ts'],
          env: { E2E_BROWSER: 'firefox' },
        },
      },
    ],
  },
});
