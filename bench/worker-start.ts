/**
 * Worker start: the time from the start of a service worker until reconcile() has brought
 * the header rule and cookie in line with the stored session. src/background/lifecycle.ts
 * marks that moment, and the mark's startTime is milliseconds since the worker's time origin.
 * NOTE: Playwright's DevTools session stays attached to the worker and may add time before
 * its script runs; how much is not measured.
 */
import type { Worker } from 'playwright-core';
import type { ExtensionBrowser } from '../test/e2e/extension-browser';
import { STUDIO_ORIGIN } from '../test/studio';
import { summarize, type Summary } from './stats';

export const RECONCILED_MARK = 'ei-session:reconciled';

interface WorkerStart {
  /** The worker's time origin, in milliseconds since the Unix epoch. */
  timeOrigin: number;
  /** The mark's startTime: milliseconds from the time origin to the end of reconcile(). */
  reconciledAt: number;
  headerRules: number;
}

/** Stops and wakes the worker `restarts` times and returns the time to the mark of each. */
export async function measureWorkerStart(
  browser: ExtensionBrowser,
  restarts: number,
): Promise<Summary> {
  // Playwright keeps one Worker object for the extension's worker across restarts, and
  // evaluates in whichever instance is running.
  const worker = await browser.worker();
  const studioPage = await browser.newPage(`${STUDIO_ORIGIN}/`);
  let last = await readWorkerStart(worker);
  const elapsed: number[] = [];
  for (let i = 0; i < restarts; i++) {
    await browser.stopWorker();
    // An API call from Studio wakes the worker through its webRequest listener, as Studio's
    // own calls do after the worker has stopped idle.
    await studioPage.evaluate(() => fetch('/v1/api/projects', { credentials: 'omit' }));
    const start = await readWorkerStart(worker);
    if (start.timeOrigin === last.timeOrigin) {
      throw new Error('The worker did not restart: its time origin is unchanged');
    }
    if (start.headerRules === 0) {
      throw new Error('The restarted worker has no header rule: the session was not restored');
    }
    elapsed.push(start.reconciledAt);
    last = start;
  }
  await studioPage.close();
  return summarize(elapsed);
}

/** Waits in the running worker for the mark, then returns it with the worker's header rules. */
function readWorkerStart(worker: Worker): Promise<WorkerStart> {
  return worker.evaluate(async (name) => {
    const reconciledAt = await new Promise<number>((resolve, reject) => {
      const timeout = setTimeout(() => reject(new Error(`No "${name}" mark within 10 s`)), 10_000);
      const observer = new PerformanceObserver((list) => {
        const [mark] = list.getEntriesByName(name);
        if (!mark) return;
        clearTimeout(timeout);
        observer.disconnect();
        resolve(mark.startTime);
      });
      // Buffered, so that a mark made before the observer started is reported too.
      observer.observe({ type: 'mark', buffered: true });
    });
    const rules = await chrome.declarativeNetRequest.getDynamicRules();
    return { timeOrigin: performance.timeOrigin, reconciledAt, headerRules: rules.length };
  }, RECONCILED_MARK);
}
