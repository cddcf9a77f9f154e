import type { RecordedRequest } from './requests';
import { hostWithoutPort } from './hosts';

/** Path that Mintlify's "Try it" playground posts to in its default proxy mode. */
export const MINTLIFY_PROXY_PATH = '/_mintlify/api/request';

/**
 * The envelope the playground posts: the request that Mintlify's server then makes. The shape
 * is as seen in public code that intercepts the playground, not from Mintlify's documentation.
 */
interface ProxyEnvelope {
  method?: string;
  url?: string;
  header?: Record<string, string>;
  query?: Record<string, string>;
  body?: unknown;
}

/**
 * Turns a playground envelope into the request that the docs site's server would send on,
 * or returns undefined when the envelope is invalid. Like a server, it sends no browser
 * cookies and only the headers the envelope names.
 */
export function forwardedRequest(proxyRequest: RecordedRequest): RecordedRequest | undefined {
  let envelope: ProxyEnvelope;
  try {
    envelope = JSON.parse(proxyRequest.body) as ProxyEnvelope;
  } catch {
    return undefined;
  }
  if (typeof envelope.url !== 'string') return undefined;
  const target = new URL(envelope.url);
  for (const [name, value] of Object.entries(envelope.query ?? {})) {
    target.searchParams.set(name, String(value));
  }
  const headers: Record<string, string> = { host: target.host };
  for (const [name, value] of Object.entries(envelope.header ?? {})) {
    headers[name.toLowerCase()] = String(value);
  }
  return {
    method: (envelope.method ?? 'GET').toUpperCase(),
    host: hostWithoutPort(target.host),
    path: `${target.pathname}${target.search}`,
    headers,
    cookies: {},
    body: envelope.body === undefined ? '' : JSON.stringify(envelope.body),
    at: Date.now(),
  };
}
