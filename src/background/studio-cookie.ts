/** Finds the session of a user who signed in on Studio itself, for example with single sign-on. */
import browser from 'webextension-polyfill';
import { TOKEN_COOKIE } from '../shared/hosts';
import { isWellFormedJwt, readJwtExpiry, readJwtPayload } from '../shared/jwt';

/** Characters a Studio username may contain; anything else in the claim is not shown. */
const USERNAME_PATTERN = /^[\w.@+-]{1,64}$/;

/**
 * Returns Studio's own `jwt` cookie when it contains an unexpired JWT. The username comes from
 * the unverified payload and is only a label for the button. Only a host-only cookie counts:
 * any page on a sibling subdomain could plant a domain-wide one with an attacker's session.
 */
export async function findStudioSession(studioOrigin: string) {
  const cookies = await browser.cookies.getAll({ url: `${studioOrigin}/`, name: TOKEN_COOKIE });
  // NOTE: assumes real Studio sets its cookie host-only; not verified on the real site.
  const token = cookies.find((cookie) => cookie.hostOnly && isWellFormedJwt(cookie.value))?.value;
  if (!isWellFormedJwt(token)) return undefined;
  const expiresAt = readJwtExpiry(token);
  if (expiresAt !== undefined && expiresAt <= Date.now()) return undefined;
  const claim = readJwtPayload(token)?.username;
  const username = typeof claim === 'string' && USERNAME_PATTERN.test(claim) ? claim : undefined;
  return { token, username };
}
