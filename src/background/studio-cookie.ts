/** Finds the session of a user who signed in on Studio itself, for example with single sign-on. */
import browser from 'webextension-polyfill';
import { TOKEN_COOKIE } from '../shared/hosts';
import { isWellFormedJwt, readJwtExpiry, readJwtPayload } from '../shared/jwt';

/** Characters a Studio username may contain; anything else in the claim is not shown. */
const USERNAME_PATTERN = /^[\w.@+-]{1,64}$/;

/**
 * Returns Studio's own `jwt` cookie when it holds an unexpired JWT. The username comes from
 * the unverified payload and is only a label for the button.
 */
export async function findStudioSession(studioOrigin: string) {
  const cookie = await browser.cookies.get({ url: `${studioOrigin}/`, name: TOKEN_COOKIE });
  const token = cookie?.value;
  if (!isWellFormedJwt(token)) return undefined;
  const expiresAt = readJwtExpiry(token);
  if (expiresAt !== undefined && expiresAt <= Date.now()) return undefined;
  const claim = readJwtPayload(token)?.username;
  const username = typeof claim === 'string' && USERNAME_PATTERN.test(claim) ? claim : undefined;
  return { token, username };
}
