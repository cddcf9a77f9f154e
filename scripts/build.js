// Builds the extension for Chrome into dist/chrome and for Firefox into dist/firefox.
// vite.config.ts reads the target from TARGET_BROWSER. This script sets it, in place of
// `TARGET_BROWSER=firefox vite build` in package.json, because Windows shells reject that form.
import { build } from 'vite';

for (const browser of ['chrome', 'firefox']) {
  process.env.TARGET_BROWSER = browser;
  await build();
}
