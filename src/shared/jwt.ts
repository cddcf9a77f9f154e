/**
 * Reads the claims of a JWT without verifying it. The extension only needs the expiry to
 * schedule its own clean-up; Studio verifies the signature on every request.
 */

const BASE64URL_PART = /^[A-Za-z0-9_-]+$/;

/**
 * Maximum token length accepted. Browsers keep cookies up to 4,096 bytes of name and value, and a
 * token that fits no cookie would leave the browser signed in only half-way.
 */
export const MAX_TOKEN_LENGTH = 4000;

/** Tells whether a value has the shape of a compact JWT: three base64url parts. */
export function isWellFormedJwt(token: unknown): token is string {
  if (typeof token !== 'string' || token.length > MAX_TOKEN_LENGTH) return false;
  const parts = token.split('.');
  return parts.length === 3 && parts.every((part) => BASE64URL_PART.test(part));
}

/** Returns the `exp` claim as milliseconds since the epoch, or undefined when it is missing. */
export function readJwtExpiry(token: string): number | undefined {
  const exp = readJwtPayload(token)?.exp;
  return typeof exp === 'number' && Number.isFinite(exp) ? exp * 1000 : undefined;
}

/** Returns the decoded payload, or undefined when it is not a base64url JSON object. */
export function readJwtPayload(token: string): Record<string, unknown> | undefined {
  const part = token.split('.')[1];
  if (!part) return undefined;
  try {
    const base64 = part.replace(/-/g, '+').replace(/_/g, '/');
    const bytes = Uint8Array.from(atob(base64), (char) => char.charCodeAt(0));
    const payload: unknown = JSON.parse(new TextDecoder().decode(bytes));
    return typeof payload === 'object' && payload !== null
      ? (payload as Record<string, unknown>)
      : undefined;
  } catch {
    return undefined;
  }
}
