/** Host names, header and cookie names that the extension and its tests agree on. */

export const STUDIO_HOST = 'studio.edgeimpulse.com';
export const STUDIO_ORIGIN = `https://${STUDIO_HOST}`;

/** Edge Impulse's API reference; its "Try it" explorer calls the Studio API from this host. */
export const DOCS_HOST = 'docs.edgeimpulse.com';

/** Header and cookie that Studio accepts a JWT in (the OpenAPI's security schemes). */
export const TOKEN_HEADER = 'x-jwt-token';
export const TOKEN_COOKIE = 'jwt';

/** Returns the base URL of the REST API on a Studio origin, such as `https://studio.edgeimpulse.com/v1`. */
export function apiBaseUrl(studioOrigin: string): string {
  return `${studioOrigin}/v1`;
}

/** Returns the host name of an origin, without port. */
export function hostOf(origin: string): string {
  return new URL(origin).hostname;
}
