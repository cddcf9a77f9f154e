// Host names that the stand-in serves. Tests import them from here, so that no test spells a
// host name itself.

export const STUDIO_HOST = 'studio.edgeimpulse.com';
export const DOCS_HOST = 'docs.edgeimpulse.com';
/** A foreign site that must never get an authenticated Studio request. */
export const EVIL_HOST = 'evil.example';
/** An enterprise Studio on its own host; the stand-in serves it as Studio. */
export const ENTERPRISE_HOST = 'studio.acme.example';
/** A web-based API tool that the user may allow; Studio's CORS headers do not allow it. */
export const TOOL_HOST = 'tool.example';

export const SERVED_HOSTS = [
  STUDIO_HOST,
  DOCS_HOST,
  EVIL_HOST,
  ENTERPRISE_HOST,
  TOOL_HOST,
] as const;
export type ServedHost = (typeof SERVED_HOSTS)[number];

export const STUDIO_ORIGIN = `https://${STUDIO_HOST}`;
export const DOCS_ORIGIN = `https://${DOCS_HOST}`;
export const EVIL_ORIGIN = `https://${EVIL_HOST}`;
export const ENTERPRISE_ORIGIN = `https://${ENTERPRISE_HOST}`;
export const TOOL_ORIGIN = `https://${TOOL_HOST}`;

/** Host names of the loopback interface. Node clients in tests address the stand-in by IP. */
const LOOPBACK_HOSTS = ['127.0.0.1', 'localhost', '[::1]'];

/**
 * Builds the value of Chromium's `--host-resolver-rules` switch. It sends the served hosts to the
 * stand-in's port, and every other name fails to resolve, so that no test can reach a real host.
 */
export function hostResolverRules(port: number): string {
  const maps = SERVED_HOSTS.map((host) => `MAP ${host} 127.0.0.1:${port}`);
  return [...maps, 'MAP * ~NOTFOUND'].join(', ');
}

/** Returns the host name of a `Host` header value, lower-cased and without its port. */
export function hostWithoutPort(hostHeader: string | undefined): string {
  const host = (hostHeader ?? '').toLowerCase();
  if (host.startsWith('[')) {
    const end = host.indexOf(']');
    return end === -1 ? host : host.slice(0, end + 1);
  }
  const colon = host.indexOf(':');
  return colon === -1 ? host : host.slice(0, colon);
}

/**
 * Returns the served host that handles a request for `host`, or undefined if the stand-in does
 * not serve that name. Loopback names are handled as Studio.
 */
export function servedHostFor(host: string): ServedHost | undefined {
  if (LOOPBACK_HOSTS.includes(host) || host === ENTERPRISE_HOST) {
    return STUDIO_HOST;
  }
  return SERVED_HOSTS.find((served) => served === host);
}
