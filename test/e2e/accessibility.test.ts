import { mkdir, readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { describe, expect, test } from 'vitest';
import { alice, carol } from '../studio';
import { launchBrowser, passwordOf, useExtensionAndStudio } from './harness';
import { OptionsPage } from './options-page';
import { PopupPage } from './popup-page';
import { BROWSER, type TestPage } from './test-browser';

const env = useExtensionAndStudio();
// One folder per browser, because both browsers' suites run at the same time.
const SCREENSHOT_DIR = `test-results/screenshots/${BROWSER}`;
const axeSource = readFile(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  nodes: { target: string[] }[];
}

/**
 * Runs axe-core inside the page and returns its serious and critical violations. The script
 * goes in through the test driver's protocol, which the page's content security policy allows.
 */
async function seriousViolations(page: TestPage): Promise<string[]> {
  await page.evaluate(`${await axeSource}\n;undefined`);
  const violations = await page.evaluate(async () => {
    const axe = (globalThis as unknown as { axe: { run(): Promise<{ violations: unknown[] }> } })
      .axe;
    return (await axe.run()).violations as AxeViolation[];
  });
  return violations
    .filter((violation) => violation.impact === 'serious' || violation.impact === 'critical')
    .map((violation) => `${violation.id}: ${violation.help} (${violation.nodes[0]?.target})`);
}

/** Checks the page in light and dark colours and saves a screenshot of each. */
async function checkAndCapture(page: TestPage, name: string): Promise<void> {
  await mkdir(SCREENSHOT_DIR, { recursive: true });
  for (const colorScheme of ['light', 'dark'] as const) {
    await page.emulateMedia({ colorScheme, reducedMotion: 'reduce' });
    expect(await seriousViolations(page), `${name} ${colorScheme}`).toEqual([]);
    await page.screenshot({ path: `${SCREENSHOT_DIR}/${name}-${colorScheme}.png` });
  }
}

async function openPopup(): Promise<PopupPage> {
  const popup = await PopupPage.open(env.browser);
  await popup.page.setViewportSize({ width: 320, height: 420 });
  return popup;
}

describe('accessibility', () => {
  test('popup signed out', async () => {
    const popup = await openPopup();
    await checkAndCapture(popup.page, 'popup-signed-out');
  });

  test('popup with an error', async () => {
    const popup = await openPopup();
    await popup.submitSignIn(alice.username, 'wrong password');
    await popup.alert.waitFor();
    await checkAndCapture(popup.page, 'popup-error');
  });

  test('popup asking for the code', async () => {
    const popup = await openPopup();
    await popup.submitSignIn(carol.username, passwordOf(carol));
    await popup.code.waitFor();
    await checkAndCapture(popup.page, 'popup-code');
  });

  test('popup signed in', async () => {
    const popup = await openPopup();
    await popup.signIn(alice.username, passwordOf(alice));
    await popup.page
      .locator('.identity img')
      .evaluate((image) => (image as HTMLImageElement).decode());
    await checkAndCapture(popup.page, 'popup-signed-in');
  });

  test('options page', async () => {
    const options = await OptionsPage.open(env.browser);
    await options.page.setViewportSize({ width: 720, height: 640 });
    await checkAndCapture(options.page, 'options');
  });
});

describe('languages', () => {
  test('the popup follows the browser language', async () => {
    const german = await launchBrowser(env.studio, { language: 'de' });
    try {
      const page = await german.newPage(german.extensionUrl('src/popup/index.html'));
      await page.getByLabel('Benutzername oder E-Mail').waitFor();
      expect(await page.getByRole('button', { name: 'Anmelden' }).isVisible()).toBe(true);
    } finally {
      await german.close();
    }
  });
});
