/** Set-up for test files that call the stand-in Studio directly, without a browser. */
import { afterAll, beforeAll, beforeEach } from 'vitest';
import { startStudio, type Studio } from './index';

/**
 * Registers the hooks that start one stand-in for the test file and clear its faults and
 * recorded requests before each test, and returns an object whose `studio` is set while tests
 * run. Node's fetch accepts the stand-in's self-signed certificate meanwhile, because Edge
 * Impulse's client calls the global fetch, which takes no certificate per request. Vitest runs
 * each test file in its own child process, so the setting stays in that file.
 */
export function useStandInStudio(): { readonly studio: Studio } {
  const env = {} as { studio: Studio };
  const previousTlsSetting = process.env.NODE_TLS_REJECT_UNAUTHORIZED;
  process.env.NODE_TLS_REJECT_UNAUTHORIZED = '0';

  beforeAll(async () => {
    env.studio = await startStudio();
  });
  afterAll(async () => {
    await env.studio.close();
    if (previousTlsSetting === undefined) {
      delete process.env.NODE_TLS_REJECT_UNAUTHORIZED;
    } else {
      process.env.NODE_TLS_REJECT_UNAUTHORIZED = previousTlsSetting;
    }
  });
  beforeEach(() => {
    env.studio.clearFaults();
    env.studio.clearRequests();
  });
  return env;
}
