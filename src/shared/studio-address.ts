/**
 * Turns what a user types as the Studio address into an origin: a host
 * (`studio.acme.example`), an origin (`https://studio.acme.example`) or a local development
 * server (`http://localhost:4800`).
 */
import { STUDIO_ORIGIN } from './hosts';

export type AddressProblem =
  'empty' | 'spaces' | 'invalid' | 'credentials' | 'path' | 'insecure' | 'scheme' | 'host';

export type ParsedAddress = { origin: string } | { problem: AddressProblem };

/** Hosts that may use plain http, because traffic to them never leaves the computer. */
const LOOPBACK_HOSTS = new Set(['localhost', '127.0.0.1', '[::1]']);

/**
 * A host name of two or more labels, or an IP address. Header rules match a host's subdomains
 * too, so a single label such as `example`, or a wildcard, would stand for a whole domain.
 */
const FULL_HOST = /^([a-z0-9_-]+\.)+[a-z0-9_-]+$|^\[[0-9a-f:.]+\]$/;

/** Parses and normalises a Studio address, or returns what is wrong with it. */
export function parseStudioAddress(input: string): ParsedAddress {
  const text = input.trim();
  if (text === '') return { problem: 'empty' };
  if (/\s/.test(text)) return { problem: 'spaces' };
  const withScheme = /^[a-z][a-z0-9+.-]*:\/\//i.test(text) ? text : `${defaultScheme(text)}${text}`;
  let url: URL;
  try {
    url = new URL(withScheme);
  } catch {
    return { problem: 'invalid' };
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') return { problem: 'scheme' };
  if (url.username || url.password) return { problem: 'credentials' };
  if (url.pathname !== '/' || url.search || url.hash || withScheme.endsWith('?')) {
    return { problem: 'path' };
  }
  if (!LOOPBACK_HOSTS.has(url.hostname) && !FULL_HOST.test(url.hostname)) {
    return { problem: 'host' };
  }
  if (url.protocol === 'http:' && !LOOPBACK_HOSTS.has(url.hostname)) return { problem: 'insecure' };
  return { origin: url.origin };
}

/** Loopback hosts default to http, as development servers do; every other host to https. */
function defaultScheme(text: string): string {
  const host = text.split(/[/:]/)[0]?.toLowerCase() ?? '';
  return LOOPBACK_HOSTS.has(host) || text.startsWith('[::1]') ? 'http://' : 'https://';
}

/** Returns the match pattern that host permissions use for an origin. */
export function originPattern(origin: string): string {
  // Match patterns take no port; the permission covers every port of the host.
  const url = new URL(origin);
  return `${url.protocol}//${url.hostname}/*`;
}

/** Tells whether an origin is Edge Impulse's own Studio, which the manifest already grants. */
export function isDefaultStudio(origin: string): boolean {
  return origin === STUDIO_ORIGIN;
}
