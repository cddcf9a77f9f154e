import { describe, expect, test } from 'vitest';
import { alice, DOCS_ORIGIN, EVIL_ORIGIN, STUDIO_HOST, STUDIO_ORIGIN } from '../studio';
import { passwordOf } from '../e2e/harness';
import { useFirefoxAndStudio, type FirefoxE2E } from './harness';
import { fetchFromPage, xhrFromPage } from './page-requests';
import { FirefoxPopupPage } from './popup-page';

const env = useFirefoxAndStudio();
const PROJECTS_URL = `${STUDIO_ORIGIN}/v1/api/projects`;

/** Signs in as alice through the popup and returns the token Studio issued. */
async function signInAsAlice({ browser, studio }: FirefoxE2E): Promise<string> {
  const popup = await FirefoxPopupPage.open(browser);
  await popup.signIn(alice.username, passwordOf(alice));
  await popup.close();
  const profileRequest = studio.requestsTo(STUDIO_HOST, '/v1/api/user').at(-1);
  const token = profileRequest && studio.tokenOf(profileRequest);
  if (!token) throw new Error('The extension loaded no profile after signing in');
  studio.clearRequests();
  return token;
}

/**
 * Returns the last request for exactly `path`. Requests that arrive late for other paths do
 * not count: /favicon.ico, or the extension's own token check after a 401, which is
 * `GET /v1/api/user?excludeProjects=true`.
 */
function lastRequestTo(path: string) {
  const requests = env.studio.requestsTo(STUDIO_HOST, path);
  const request = requests.filter((candidate) => candidate.path === path).at(-1);
  if (!request) throw new Error(`Studio received no request to ${path}`);
  return request;
}

describe('Firefox: signed in', () => {
  test('fetch from a Studio page carries the header', async () => {
    const token = await signInAsAlice(env);
    const page = await env.browser.newPage(`${STUDIO_ORIGIN}/studio/profile`);

    expect(await fetchFromPage(page, '/v1/api/projects', { credentials: 'omit' })).toBe(200);
    expect(lastRequestTo('/v1/api/projects').headers['x-jwt-token']).toBe(token);
  });

  test('fetch and XHR from the docs site carry the header', async () => {
    const token = await signInAsAlice(env);
    const page = await env.browser.newPage(`${DOCS_ORIGIN}/apis/studio/projects`);

    expect(await fetchFromPage(page, PROJECTS_URL)).toBe(200);
    expect(lastRequestTo('/v1/api/projects').headers['x-jwt-token']).toBe(token);
    env.studio.clearRequests();
    expect(await xhrFromPage(page, `${STUDIO_ORIGIN}/v1/api/user`)).toBe(200);
    expect(lastRequestTo('/v1/api/user').headers['x-jwt-token']).toBe(token);
  });

  test('a Studio page load carries the jwt cookie', async () => {
    const token = await signInAsAlice(env);
    const page = await env.browser.newPage(`${STUDIO_ORIGIN}/`);

    expect(await page.$eval('#session', (node) => node.textContent)).toBe('Signed in as alice');
    expect(lastRequestTo('/').cookies.jwt).toBe(token);
    const [cookie] = await env.browser.cookies(STUDIO_ORIGIN);
    expect(cookie).toMatchObject({ name: 'jwt', secure: true, httpOnly: true, sameSite: 'Lax' });
    expect(cookie?.expires).toBeGreaterThan(Date.now() / 1000);
  });
});

describe('Firefox security: requests from other sites', () => {
  // One browser for all the cases, because starting Firefox takes seconds.
  test('fetch, XHR, form POST and iframe from evil.example carry no token', async () => {
    await signInAsAlice(env);
    const page = await env.browser.newPage(`${EVIL_ORIGIN}/`);

    const fetches: [RequestCredentials, RequestMode][] = [
      ['omit', 'cors'],
      ['include', 'cors'],
      ['include', 'no-cors'],
    ];
    for (const [credentials, mode] of fetches) {
      await fetchFromPage(page, PROJECTS_URL, { credentials, mode });
      const request = lastRequestTo('/v1/api/projects');
      expect(request.headers['sec-fetch-site'], `fetch ${credentials} ${mode}`).toBe('cross-site');
      expect(env.studio.tokenOf(request), `fetch ${credentials} ${mode}`).toBeUndefined();
    }

    await xhrFromPage(page, `${STUDIO_ORIGIN}/v1/api/user`, true);
    expect(env.studio.tokenOf(lastRequestTo('/v1/api/user')), 'XHR').toBeUndefined();

    await page.goto(`${EVIL_ORIGIN}/form`);
    await Promise.all([
      page.waitForNavigation(),
      page.locator('::-p-aria([name="Create project"][role="button"])').click(),
    ]);
    const post = lastRequestTo('/v1/api/projects');
    expect(post.method).toBe('POST');
    expect(env.studio.tokenOf(post), 'form POST').toBeUndefined();

    env.studio.clearRequests();
    await page.goto(`${EVIL_ORIGIN}/frame`);
    const frame = await (await page.waitForSelector('iframe[title="Studio"]'))!.contentFrame();
    const session = await frame.waitForSelector('#session');
    expect(await session!.evaluate((node) => node.textContent)).toBe('Not signed in');
    const framed = lastRequestTo('/');
    expect(framed.headers['sec-fetch-site']).toBe('cross-site');
    expect(env.studio.tokenOf(framed), 'iframe').toBeUndefined();
  });
});
