/**
 * Size budgets and performance targets, in one table for test/e2e/size.test.ts and the
 * benchmark (`npm run bench`). Sizes are gzip bytes of the JavaScript a context loads,
 * shared chunks included, in KiB (1,024 bytes).
 */

/** Contexts whose JavaScript has a gzip size budget. */
export type BudgetedContext = 'popup' | 'background' | 'content';

export interface SizeBudget {
  /** Maximum that test/e2e/size.test.ts enforces, in KiB of gzip. */
  budgetKib: number;
  /** Size the project aims for, in KiB of gzip. The benchmark reports against it. */
  targetKib: number;
}

export const SIZE_BUDGETS: Record<BudgetedContext, SizeBudget> = {
  // NOTE: the popup passed its 12 KiB target until later controls (this tab, copy token, host
  // access) took it to 12.3 KiB. The budget is that size rounded up. Loading the signed-in
  // view's controls on demand would close the gap.
  popup: { budgetKib: 13, targetKib: 12 },
  // NOTE: the target is 10 KiB, but the worker was 15.5 KiB gzip on 2026-12-04. About 8 KiB
  // of it is ky and webextension-polyfill, and the IndexedDB session store and Firefox's
  // tab-access cleanup took it past 15 KiB. The budget is that size rounded up, so that the
  // test catches growth until the worker is cut down.
  background: { budgetKib: 16, targetKib: 10 },
  content: { budgetKib: 3, targetKib: 3 },
};

export const KIB = 1024;

/** Targets for the timed measurements of `npm run bench`. No test enforces them. */
export const TIMING_TARGETS = {
  /** Popup ready time over blank extension page load time, both medians. */
  popupReadyRatio: 1.5,
  /** Click-to-signed-in time over the same two requests made by plain fetch, both medians. */
  signInRatio: 1.15,
  /** Studio API requests per sign-in, which are the login and the profile. */
  requestsPerSignIn: 2,
  /** Time of an API call with the extension's header over one with the page's own, medians. */
  injectionRatio: 1.05,
  /** Milliseconds from service worker start to the end of reconcile(), median. */
  workerStartMs: 50,
} as const;
