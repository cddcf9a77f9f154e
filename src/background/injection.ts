/**
 * Keeps the browser's authentication in step with the stored session: the header rule for
 * Studio API calls and the `jwt` cookie for Studio pages.
 */
import browser from 'webextension-polyfill';
import { DOCS_HOST, hostOf, TOKEN_COOKIE } from '../shared/hosts';
import { buildHeaderRule, HEADER_RULE_ID } from './header-rule';

export interface Credential {
  token: string;
  studioOrigin: string;
  expiresAt?: number;
}

/** Adds the header rule and sets the cookie, replacing what an earlier session left. */
export async function authenticateBrowser(credential: Credential): Promise<void> {
  const { token, studioOrigin, expiresAt } = credential;
  const initiators = [hostOf(studioOrigin), DOCS_HOST];
  await browser.declarativeNetRequest.updateDynamicRules({
    removeRuleIds: [HEADER_RULE_ID],
    addRules: [buildHeaderRule(token, studioOrigin, initiators)],
  });
  await browser.cookies.set({
    url: `${studioOrigin}/`,
    name: TOKEN_COOKIE,
    value: token,
    path: '/',
    secure: studioOrigin.startsWith('https:'),
    // NOTE: assumes Studio's own scripts never read the jwt cookie; not verified on the real site.
    httpOnly: true,
    sameSite: 'lax',
    ...(expiresAt === undefined ? {} : { expirationDate: Math.floor(expiresAt / 1000) }),
  });
}

/**
 * Removes the header rule, and the cookie when it still carries the given token. A cookie
 * with another value came from signing in on Studio itself, and stays.
 */
export async function deauthenticateBrowser(credential?: Credential): Promise<void> {
  await browser.declarativeNetRequest.updateDynamicRules({ removeRuleIds: [HEADER_RULE_ID] });
  if (!credential) return;
  const url = `${credential.studioOrigin}/`;
  const cookie = await browser.cookies.get({ url, name: TOKEN_COOKIE });
  if (cookie?.value === credential.token) await browser.cookies.remove({ url, name: TOKEN_COOKIE });
}
