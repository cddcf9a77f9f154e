import { readFileSync } from 'node:fs';
import preact from '@preact/preset-vite';
import { defineConfig } from 'vite';
import webExtension from 'vite-plugin-web-extension';

const browser = process.env.TARGET_BROWSER ?? 'chrome';
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
