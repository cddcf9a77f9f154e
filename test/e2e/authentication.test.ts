import { describe, expect, test } from 'vitest';
import { DOCS_ORIGIN, EVIL_ORIGIN, STUDIO_HOST, STUDIO_ORIGIN } from '../studio';
import { useExtensionAndStudio, type E2E, signInThroughPopup } from './harness';
import { fetchFromPage, xhrFromPage } from './page-requests';

const env = useExtensionAndStudio();
const PROJECTS_URL = `${STUDIO_ORIGIN}/v1/api/projects`;

/** Signs in as alice through the popup and returns the token Studio issued. */
async function signInAsAlice(env: E2E): Promise<string> {
  const { token } = await signInThroughPopup(env);
  env.studio.clearRequests();
  return token;
}

function lastRequestTo(path: string) {
  const request = env.studio.requestsTo(STUDIO_HOST, path).at(-1);
  if (!request) throw new Error(`Studio received no request to ${path}`);
  return request;
}

describe('signed in', () => {
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

  test('a link from the docs to the API carries the header', async () => {
    const token = await signInAsAlice(env);
    const page = await env.browser.newPage(`${DOCS_ORIGIN}/`);

    await page.evaluate((url) => {
      location.href = url;
    }, PROJECTS_URL);
    await page.waitForURL(PROJECTS_URL);
    const navigation = lastRequestTo('/v1/api/projects');
    expect(navigation.headers['sec-fetch-mode']).toBe('navigate');
    expect(navigation.headers['x-jwt-token']).toBe(token);
  });

  test('a Studio page load carries the jwt cookie', async () => {
    const token = await signInAsAlice(env);
    const page = await env.browser.newPage(`${STUDIO_ORIGIN}/`);

    expect(await page.locator('#session').textContent()).toBe('Signed in as alice');
    expect(lastRequestTo('/').cookies.jwt).toBe(token);
    const [cookie] = await env.browser.cookies(STUDIO_ORIGIN);
    expect(cookie).toMatchObject({ name: 'jwt', secure: true, httpOnly: true, sameSite: 'Lax' });
    expect(cookie?.expires).toBeGreaterThan(Date.now() / 1000);
  });

  test('the extension does not expose the token to Studio scripts', async () => {
    await signInAsAlice(env);
    const page = await env.browser.newPage(`${STUDIO_ORIGIN}/`);

    expect(await page.evaluate(() => document.cookie)).not.toContain('jwt=');
  });
});

describe('security: requests from other sites', () => {
  test.each<[string, RequestCredentials, RequestMode]>([
    ['fetch without credentials', 'omit', 'cors'],
    ['fetch with credentials', 'include', 'cors'],
    ['no-cors fetch with credentials', 'include', 'no-cors'],
  ])('%s carries no token', async (_, credentials, mode) => {
    await signInAsAlice(env);
    const page = await env.browser.newPage(`${EVIL_ORIGIN}/`);

    await fetchFromPage(page, PROJECTS_URL, { credentials, mode });
    const request = lastRequestTo('/v1/api/projects');
    expect(request.headers['sec-fetch-site']).toBe('cross-site');
    expect(env.studio.tokenOf(request)).toBeUndefined();
  });

  test('XHR with credentials carries no token', async () => {
    await signInAsAlice(env);
    const page = await env.browser.newPage(`${EVIL_ORIGIN}/`);

    await xhrFromPage(page, `${STUDIO_ORIGIN}/v1/api/user`, true);
    expect(env.studio.tokenOf(lastRequestTo('/v1/api/user'))).toBeUndefined();
  });

  test('form POST carries no token', async () => {
    await signInAsAlice(env);
    const page = await env.browser.newPage(`${EVIL_ORIGIN}/form`);

    await page.getByRole('button', { name: 'Create project' }).click();
    await page.waitForURL(PROJECTS_URL);
    const request = lastRequestTo('/v1/api/projects');
    expect(request.method).toBe('POST');
    expect(env.studio.tokenOf(request)).toBeUndefined();
  });

  test('iframe of a Studio page carries no token', async () => {
    await signInAsAlice(env);
    const page = await env.browser.newPage(`${EVIL_ORIGIN}/frame`);

    const frame = page.frameLocator('iframe[title="Studio"]');
    expect(await frame.locator('#session').textContent()).toBe('Not signed in');
    const request = lastRequestTo('/');
    expect(request.headers['sec-fetch-site']).toBe('cross-site');
    expect(env.studio.tokenOf(request)).toBeUndefined();
  });
});
