/**
 * Injection overhead: API calls from a page in a browser whose extension is signed in and
 * adds `x-jwt-token`, against the same calls in a browser whose extension is signed out,
 * where the page sets the header itself. Batches of the two browsers alternate.
 */
import type { Page } from 'playwright-core';
import type { ExtensionBrowser } from '../test/e2e/extension-browser';
import { JWT_HEADER, STUDIO_HOST, STUDIO_ORIGIN, type Studio } from '../test/studio';
import { summarize, type Summary } from './stats';

export const PROJECTS_URL = `${STUDIO_ORIGIN}/v1/api/projects`;

export interface InjectionPlan {
  /** Page the calls start from, such as the docs site. */
  pageUrl: string;
  calls: number;
  batchSize: number;
}

export interface InjectionResult {
  pageUrl: string;
  /** Per-call time when the extension adds the header. */
  extensionHeader: Summary;
  /** Per-call time when the page sets the header itself. */
  pageHeader: Summary;
  /** CORS preflights (OPTIONS) that Studio received for each call, on each side. */
  preflightsPerCall: { extensionHeader: number; pageHeader: number };
}

interface Batch {
  elapsed: number[];
  statuses: number[];
}

interface Side {
  page: Page;
  /** Header value the page sets itself, or undefined when the extension adds it. */
  token: string | undefined;
  elapsed: number[];
  preflights: number;
}

/**
 * Runs the plan in `signedIn` (the extension adds the header) and `signedOut` (the page
 * sends `token` itself), and returns per-call times of both.
 */
export async function measureInjection(
  studio: Studio,
  signedIn: ExtensionBrowser,
  signedOut: ExtensionBrowser,
  token: string,
  plan: InjectionPlan,
): Promise<InjectionResult> {
  const extension: Side = await openSide(signedIn, plan.pageUrl, undefined);
  const page: Side = await openSide(signedOut, plan.pageUrl, token);
  const rounds = Math.ceil(plan.calls / plan.batchSize);
  for (let round = 0; round < rounds; round++) {
    // Alternating which side goes first cancels any advantage of following the other.
    const order = round % 2 === 0 ? [extension, page] : [page, extension];
    for (const side of order) await runBatch(studio, side, plan.batchSize);
  }
  await extension.page.close();
  await page.page.close();
  return {
    pageUrl: plan.pageUrl,
    extensionHeader: summarize(extension.elapsed),
    pageHeader: summarize(page.elapsed),
    preflightsPerCall: {
      extensionHeader: extension.preflights / extension.elapsed.length,
      pageHeader: page.preflights / page.elapsed.length,
    },
  };
}

async function openSide(browser: ExtensionBrowser, url: string, token: string | undefined) {
  const page = await browser.newPage(url);
  const side: Side = { page, token, elapsed: [], preflights: 0 };
  return side;
}

async function runBatch(studio: Studio, side: Side, calls: number): Promise<void> {
  studio.clearRequests();
  const batch = await callApi(side.page, calls, side.token);
  const failed = batch.statuses.filter((status) => status !== 200);
  if (failed.length > 0) {
    const source = side.token === undefined ? 'extension' : 'page';
    throw new Error(
      `${failed.length} of ${calls} API calls with the ${source}'s header failed ` +
        `with HTTP ${failed[0]} (0 is a network or CORS error)`,
    );
  }
  side.elapsed.push(...batch.elapsed);
  side.preflights += studio.requestsTo(STUDIO_HOST).filter((r) => r.method === 'OPTIONS').length;
}

/**
 * Calls `GET /v1/api/projects` from the page `calls` times in a row, with `token` in the
 * header when given, and returns the time and status of each call.
 */
function callApi(page: Page, calls: number, token: string | undefined): Promise<Batch> {
  return page.evaluate(
    async ({ url, calls, header, token }) => {
      const headers: Record<string, string> = token === undefined ? {} : { [header]: token };
      const batch: Batch = { elapsed: [], statuses: [] };
      for (let i = 0; i < calls; i++) {
        const startedAt = performance.now();
        const response = await fetch(url, { headers, credentials: 'omit', cache: 'no-store' });
        await response.arrayBuffer();
        batch.elapsed.push(performance.now() - startedAt);
        batch.statuses.push(response.status);
      }
      return batch;
    },
    { url: PROJECTS_URL, calls, header: JWT_HEADER, token },
  );
}
