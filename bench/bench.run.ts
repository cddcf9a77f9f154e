/**
 * The benchmark behind `npm run bench`: sizes of the build, popup ready time, sign-in cost,
 * header injection overhead and worker start, against the stand-in Studio in Chromium. It
 * writes bench/results.json, and bench/print-results.ts prints that as tables. Only checks
 * that keep the figures meaningful fail it, such as an API call that did not succeed.
 */
import { writeFile } from 'node:fs/promises';
import { cpus, loadavg } from 'node:os';
import type { Worker } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { EXTENSION_DIR, ExtensionBrowser } from '../test/e2e/extension-browser';
import { PopupPage } from '../test/e2e/popup-page';
import { alice, DOCS_ORIGIN, startStudio, STUDIO_ORIGIN, type Studio } from '../test/studio';
import { measureInjection } from './injection';
import { measurePopupReady } from './popup-ready';
import { RESULTS_PATH, withRatio, type BenchResults } from './report';
import { measureSignIn, type Account } from './sign-in';
import { measureBuild } from './sizes';
import { measureWorkerStart } from './worker-start';

/** Latency the stand-in adds to every response, so that ratios include network time. */
const STUDIO_DELAY_MS = 20;
const POPUP_LOADS = 30;
const SIGN_INS = 30;
const DOCS_API_CALLS = 200;
/** Fewer calls than from the docs, to keep the whole run under 3 minutes on 2 cores. */
const STUDIO_API_CALLS = 100;
const API_BATCH_SIZE = 20;
const WORKER_RESTARTS = 20;

const ALICE: Account = { username: alice.username, password: alice.password ?? '' };

let studio: Studio;
let browser: ExtensionBrowser;
const results: BenchResults = {
  startedAt: new Date().toISOString(),
  machine: {
    cpus: cpus().length,
    cpuModel: cpus()[0]?.model ?? 'unknown',
    node: process.versions.node,
    chromium: 'unknown',
    loadAverage: { atStart: loadavg()[0]!, atEnd: Number.NaN },
  },
  studioDelayMs: STUDIO_DELAY_MS,
};

beforeAll(async () => {
  studio = await startStudio({ delayMs: STUDIO_DELAY_MS });
  browser = await ExtensionBrowser.launch(studio);
  results.machine.chromium = await chromiumVersion(await browser.worker());
});

afterAll(async () => {
  await browser?.close();
  await studio?.close();
  results.machine.loadAverage.atEnd = loadavg()[0]!;
  await writeFile(RESULTS_PATH, `${JSON.stringify(results, null, 2)}\n`);
});

describe('benchmark', () => {
  test('size of the build', async () => {
    results.size = await measureBuild(EXTENSION_DIR);
  });

  test('popup ready time', async () => {
    const measured = await measurePopupReady(browser, POPUP_LOADS);
    results.popupReady = withRatio(measured, measured.popup, measured.blank);
  });

  test('sign-in cost', async () => {
    const measured = await measureSignIn(browser, studio, ALICE, SIGN_INS);
    results.signIn = withRatio(measured, measured.signIn, measured.plainFetch);
  });

  test('header injection overhead', async () => {
    await signIn(browser);
    const signedOut = await ExtensionBrowser.launch(studio);
    try {
      const token = studio.issueToken(alice.username);
      const run = async (pageUrl: string, calls: number) => {
        const plan = { pageUrl, calls, batchSize: API_BATCH_SIZE };
        const measured = await measureInjection(studio, browser, signedOut, token, plan);
        return withRatio(measured, measured.extensionHeader, measured.pageHeader);
      };
      results.injection = { docs: await run(`${DOCS_ORIGIN}/`, DOCS_API_CALLS) };
      results.injection.studio = await run(`${STUDIO_ORIGIN}/`, STUDIO_API_CALLS);
    } finally {
      await signedOut.close();
    }
  });

  test('worker start', async () => {
    await signIn(browser);
    results.workerStart = await measureWorkerStart(browser, WORKER_RESTARTS);
  });
});

/** Signs in through the popup unless the browser already is. */
async function signIn(extension: ExtensionBrowser): Promise<void> {
  const popup = await PopupPage.open(extension);
  if (!(await popup.signOutButton.isVisible())) {
    await popup.signIn(ALICE.username, ALICE.password);
  }
  expect(await popup.signedInAs.isVisible()).toBe(true);
  await popup.close();
}

/** Reads the full Chromium version, which the reduced user agent string leaves out. */
function chromiumVersion(worker: Worker): Promise<string> {
  return worker.evaluate(async () => {
    type Brand = { brand: string; version: string };
    const agent = (navigator as { userAgentData?: NavigatorUserAgentData }).userAgentData;
    const values = await agent?.getHighEntropyValues(['fullVersionList']);
    const brands = (values?.fullVersionList ?? []) as Brand[];
    return brands.find((entry) => entry.brand === 'Chromium')?.version ?? 'unknown';
  });
}

interface NavigatorUserAgentData {
  getHighEntropyValues(hints: string[]): Promise<{ fullVersionList?: unknown[] }>;
}
