import { describe, expect, test } from 'vitest';
import { alice, DOCS_ORIGIN, STUDIO_HOST, STUDIO_ORIGIN } from '../studio';
import { passwordOf, useExtensionAndStudio } from './harness';
import { fetchFromPage } from './page-requests';
import { PopupPage } from './popup-page';

const env = useExtensionAndStudio();

/** Sets a `jwt` cookie for all of edgeimpulse.com from the docs site, as any subdomain can. */
async function plantDomainCookie(value: string): Promise<void> {
  const page = await env.browser.newPage(`${DOCS_ORIGIN}/`);
  await page.evaluate((cookieValue) => {
    document.cookie = `jwt=${cookieValue}; Domain=edgeimpulse.com; Path=/; Secure; SameSite=Lax`;
  }, value);
  await page.close();
}

describe('security: cookies planted by a sibling subdomain', () => {
  test('sign-out still removes the token cookie', async () => {
    await plantDomainCookie('planted');
    const popup = await PopupPage.open(env.browser);
    await popup.signIn(alice.username, passwordOf(alice));
    const request = env.studio.requestsTo(STUDIO_HOST, '/v1/api/user').at(-1);
    const token = env.studio.tokenOf(request!);

    await popup.signOut();
    const values = (await env.browser.cookies(STUDIO_ORIGIN)).map((cookie) => cookie.value);
    expect(values).not.toContain(token);
    // The extension removes its own cookie only, never another domain's.
    expect(values).toContain('planted');
    const page = await env.browser.newPage(`${STUDIO_ORIGIN}/`);
    env.studio.clearRequests();
    await fetchFromPage(page, '/v1/api/projects', { credentials: 'include' });
    const sent = env.studio.requestsTo(STUDIO_HOST, '/v1/api/projects').at(-1);
    expect(JSON.stringify(sent?.headers)).not.toContain(token);
  });

  test('a planted session is not offered for adoption', async () => {
    const mallory = env.studio.issueToken(alice.username);
    await plantDomainCookie(mallory);

    const popup = await PopupPage.open(env.browser);
    expect(await popup.page.getByRole('button', { name: /Use my Studio session/ }).count()).toBe(0);
  });
});
