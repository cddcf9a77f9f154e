import { readFileSync } from 'node:fs';
import preact from '@preact/preset-vite';
import { defineConfig } from 'vite';
import webExtension from 'vite-plugin-web-extension';
import { preactWithoutInnerHtml } from './scripts/preact-without-inner-html.js';

/** Set by scripts/build.js, which builds both; `vite build` alone builds for Chrome. */
const browser = process.env.TARGET_BROWSER ?? 'chrome';
if (browser !== 'chrome' && browser !== 'firefox') {
  throw new Error(`Invalid TARGET_BROWSER "${browser}": expected "chrome" or "firefox".`);
}
const { version } = JSON.parse(readFileSync('package.json', 'utf8')) as { version: string };

export default defineConfig({
  build: {
    outDir: `dist/${browser}`,
    emptyOutDir: true,
    sourcemap: false,
    // Chromium 120 and Firefox 128 both run ES2022; older targets add helper code.
    target: 'es2022',
  },
  plugins: [
    preactWithoutInnerHtml(),
    preact(),
    webExtension({
      browser,
      // Validation downloads a JSON schema, which fails on machines without internet.
      skipManifestValidation: true,
      printSummary: false,
      disableAutoLaunch: true,
      transformManifest: (manifest) => ({ ...manifest, version }),
    }),
  ],
});
