/** Requests that a web page makes, as its own scripts would, for tests to inspect at the stand-in. */
import type { TestPage } from './test-browser';

export interface PageFetchOptions {
  method?: string;
  credentials?: RequestCredentials;
  mode?: RequestMode;
}

/**
 * Calls fetch in the page and returns the HTTP status, or 0 when the browser hid the response
 * (an opaque no-cors response, or a CORS or network error). The stand-in records the
 * request either way.
 */
export function fetchFromPage(page: TestPage, url: string, options: PageFetchOptions = {}) {
  return page.evaluate(
    async ({ url, options }) => {
      try {
        const response = await fetch(url, options);
        return response.status;
      } catch {
        return 0;
      }
    },
    { url, options },
  );
}

/** Sends an XMLHttpRequest from the page and returns its status (0 on error). */
export function xhrFromPage(page: TestPage, url: string, withCredentials = false) {
  return page.evaluate(
    ({ url, withCredentials }) =>
      new Promise<number>((resolve) => {
        const request = new XMLHttpRequest();
        request.open('GET', url);
        request.withCredentials = withCredentials;
        request.onloadend = () => resolve(request.status);
        request.send();
      }),
    { url, withCredentials },
  );
}
