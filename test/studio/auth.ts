import { API_KEY_HEADER, JWT_COOKIE, tokenOf, type RecordedRequest } from './requests';
import type { TokenStore } from './tokens';
import type { StudioUser } from './users';

export type AuthResult = { ok: true; user: StudioUser } | { ok: false; error: string };

// NOTE: the error texts are this stand-in's own; Studio's exact 401 texts are not verified.
const TOKEN_ERRORS = {
  unknown: 'Invalid token',
  expired: 'Token has expired',
  revoked: 'Token has been revoked',
} as const;

/**
 * Authenticates a request the way Studio's API schemes allow: the `x-jwt-token` header, the
 * `jwt` cookie, or the `x-api-key` header. The first credential present, in that order, decides.
 * A valid cookie therefore does not rescue a request whose header token is stale, so tests catch
 * an extension that leaves an old header rule in place.
 */
export function authenticate(
  request: RecordedRequest,
  tokens: TokenStore,
  users: readonly StudioUser[],
): AuthResult {
  const token = tokenOf(request);
  if (token !== undefined) {
    const check = tokens.check(token);
    return check.ok ? check : { ok: false, error: TOKEN_ERRORS[check.reason] };
  }
  const apiKey = request.headers[API_KEY_HEADER];
  if (apiKey !== undefined) {
    const user = users.find((candidate) => candidate.apiKey === apiKey);
    return user ? { ok: true, user } : { ok: false, error: 'Invalid API key' };
  }
  return { ok: false, error: 'Not authenticated: no x-jwt-token, jwt cookie or x-api-key' };
}

/** Returns the user of a valid `jwt` cookie. Headers are ignored: pages model a cookie login. */
export function cookieUser(request: RecordedRequest, tokens: TokenStore): StudioUser | undefined {
  const token = request.cookies[JWT_COOKIE];
  if (token === undefined) {
    return undefined;
  }
  const check = tokens.check(token);
  return check.ok ? check.user : undefined;
}
