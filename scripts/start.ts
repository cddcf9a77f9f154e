/**
 * Opens a browser window with the built extension and a new profile, for a person to try it.
 *
 *   npm start [-- --firefox]      against the real Studio
 *   npm run demo [-- --firefox]   against the stand-in Studio on 127.0.0.1 with the sample
 *                                 users; every other host fails to load
 *
 * Chromium is the default. The profile is deleted when the window closes.
 */
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { FIREFOX_PATH, launchFirefox } from '../test/firefox/firefox-browser';
import { StudioProxy } from '../test/firefox/studio-proxy';
import {
  defaultUsers,
  SERVED_HOSTS,
  SSO_CALLBACK_PATH,
  startStudio,
  STUDIO_ORIGIN,
  type Studio,
  type StudioUser,
} from '../test/studio';
import { CHROMIUM_PATH, runChromium } from './chromium';

const START_URL = `${STUDIO_ORIGIN}/`;

async function main(): Promise<void> {
  const values = parseOptions();
  const browserName = values.firefox ? 'Firefox' : 'Chromium';
  requireDisplay();
  requireBrowser(browserName, values.firefox ? FIREFOX_PATH : CHROMIUM_PATH);
  // The checks come first, so that a missing display or browser does not wait for a build.
  execFileSync(process.execPath, ['scripts/build.js'], { stdio: 'inherit' });

  const studio = values.demo ? await startStudio() : undefined;
  try {
    if (studio) printDemo(studio);
    print(`Opening ${browserName} with the extension. Close its window to stop.`);
    print("The extension is under the toolbar's extensions button (a puzzle piece): pin it there.");
    if (values.firefox) await runFirefox(studio);
    else await runChromium({ startUrl: START_URL, extraArgs: studio ? standInArgs(studio) : [] });
  } catch (error) {
    exitWithError(
      `${browserName} failed: ${(error as Error).message}\n` +
        'Check that the display works and the browser starts on its own. ' +
        'To test the extension without a window, run "npm test".',
    );
  } finally {
    await studio?.close();
  }
}

function parseOptions(): { firefox: boolean; demo: boolean } {
  const options = {
    firefox: { type: 'boolean', default: false },
    demo: { type: 'boolean', default: false },
  } as const;
  try {
    return parseArgs({ options }).values;
  } catch (error) {
    const usage = 'Usage: npm start [-- --firefox], or npm run demo [-- --firefox]';
    return exitWithError(`${(error as Error).message}\n${usage}`);
  }
}

/** Exits unless a window can open: on Linux that needs an X11 or Wayland display. */
function requireDisplay(): void {
  if (process.platform !== 'linux' || process.env.DISPLAY || process.env.WAYLAND_DISPLAY) return;
  exitWithError(
    'No display: this command opens a browser window, but neither DISPLAY nor ' +
      'WAYLAND_DISPLAY is set. Run it in a desktop session (or under xvfb-run). ' +
      'To test the extension without a display, run "npm test".',
  );
}

function requireBrowser(name: string, path: string): void {
  if (existsSync(path)) return;
  const variable = name === 'Firefox' ? 'FIREFOX_PATH' : 'CHROMIUM_PATH';
  exitWithError(`${name} not found at ${path}. Install it, or set ${variable} to its program.`);
}

/** Chromium switches that send the served hosts to the stand-in and fail every other name. */
function standInArgs(studio: Studio): string[] {
  return [`--host-resolver-rules=${studio.hostRules}`, '--ignore-certificate-errors'];
}

/** Runs Firefox until its window is closed. With a stand-in, a proxy routes every request. */
async function runFirefox(studio: Studio | undefined): Promise<void> {
  const proxy = studio && (await StudioProxy.start(studio));
  const profilesBefore = new Set(await puppeteerProfiles());
  try {
    const browser = await launchFirefox({ headless: false, proxyPort: proxy?.port }).catch(
      async (error: unknown) => {
        // Puppeteer deletes its temporary profile when Firefox closes, but not after a failed start.
        const left = (await puppeteerProfiles()).filter((name) => !profilesBefore.has(name));
        await Promise.all(
          left.map((name) => rm(join(tmpdir(), name), { recursive: true, force: true })),
        );
        throw error;
      },
    );
    const disconnected = new Promise((resolve) => browser.once('disconnected', resolve));
    const [page] = await browser.pages();
    // A failed load is shown in the tab itself, as it would be for a typed address.
    (page ?? (await browser.newPage())).goto(START_URL).catch(() => undefined);
    await disconnected;
  } finally {
    await proxy?.close();
  }
}

/** Returns the names of the temporary Firefox profiles that puppeteer creates. */
async function puppeteerProfiles(): Promise<string[]> {
  const names = await readdir(tmpdir());
  return names.filter((name) => name.startsWith('puppeteer_dev_firefox_profile-'));
}

function printDemo(studio: Studio): void {
  print(`Stand-in Studio on 127.0.0.1:${studio.port}, serving ${SERVED_HOSTS.join(', ')}.`);
  print('Every other host fails to load, so nothing reaches the real Edge Impulse.');
  print('Sample users:');
  for (const user of defaultUsers) print(`  ${describeUser(user)}`);
}

function describeUser(user: StudioUser): string {
  if (user.password === undefined) {
    const callback = `${STUDIO_ORIGIN}${SSO_CALLBACK_PATH}?username=${user.username}`;
    return (
      `${user.username}: single sign-on only. Open ${callback} to sign in on Studio, ` +
      'then choose "Use my Studio session" in the popup'
    );
  }
  const code = user.totpCode ? `, authenticator code ${user.totpCode}` : '';
  return `${user.username} (or ${user.email}), password "${user.password}"${code}`;
}

function print(line: string): void {
  process.stdout.write(`${line}\n`);
}

function exitWithError(message: string): never {
  process.stderr.write(`${message}\n`);
  process.exit(1);
}

await main();
