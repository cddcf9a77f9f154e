import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

/** Runs the benchmark (`npm run bench`). The config of `npm test` does not include its files. */
export default defineConfig({
  root: fileURLToPath(new URL('..', import.meta.url)),
  test: {
    include: ['bench/**/*.run.ts'],
    globalSetup: ['bench/print-results.ts'],
    // Benchmark files run one after another, so that their measurements do not compete.
    fileParallelism: false,
    testTimeout: 120_000,
    hookTimeout: 60_000,
  },
});
