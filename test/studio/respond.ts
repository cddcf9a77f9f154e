import type { ServerResponse } from 'node:http';
import { SERVED_HOSTS, TOOL_HOST } from './hosts';
import type { RecordedRequest } from './requests';

const JSON_TYPE = 'application/json; charset=utf-8';
const HTML_TYPE = 'text/html; charset=utf-8';

export function sendJson(response: ServerResponse, status: number, value: unknown): void {
  send(response, status, JSON_TYPE, JSON.stringify(value));
}

export function sendHtml(response: ServerResponse, status: number, html: string): void {
  send(response, status, HTML_TYPE, html);
}

export function send(
  response: ServerResponse,
  status: number,
  contentType: string,
  body: string,
): void {
  response.writeHead(status, {
    'content-type': contentType,
    'content-length': Buffer.byteLength(body),
  });
  response.end(body);
}

/** Returns the request's `Origin` if it is one of the served hosts over HTTPS. */
function trustedOrigin(request: RecordedRequest): string | undefined {
  const origin = request.headers.origin;
  const allowed = SERVED_HOSTS.filter((host) => host !== TOOL_HOST).map(
    (host) => `https://${host}`,
  );
  return origin !== undefined && allowed.includes(origin) ? origin : undefined;
}

/**
 * Sets CORS headers that let pages on any served host, evil.example included, read Studio
 * responses and send credentials. The stand-in is permissive on purpose: a browser test then shows
 * that the extension, not CORS, keeps a foreign page's requests unauthenticated.
 * NOTE: the real Studio's CORS policy is not known and is not modelled here.
 */
export function setCorsHeaders(request: RecordedRequest, response: ServerResponse): void {
  const origin = trustedOrigin(request);
  if (origin === undefined) {
    return;
  }
  response.setHeader('access-control-allow-origin', origin);
  response.setHeader('access-control-allow-credentials', 'true');
  response.setHeader('vary', 'Origin');
}

/** Responds to a CORS preflight. Origins outside the served hosts get no CORS headers. */
export function sendPreflight(request: RecordedRequest, response: ServerResponse): void {
  setCorsHeaders(request, response);
  if (trustedOrigin(request) !== undefined) {
    response.setHeader('access-control-allow-methods', 'GET, POST, PUT, DELETE, OPTIONS');
    response.setHeader('access-control-allow-headers', 'content-type, x-jwt-token, x-api-key');
    // Max-age 0 keeps the browser from caching preflights, so each one reaches the record.
    response.setHeader('access-control-max-age', '0');
    // Chromium's Private Network Access requests this when a page reaches a loopback address.
    if (request.headers['access-control-request-private-network'] === 'true') {
      response.setHeader('access-control-allow-private-network', 'true');
    }
  }
  response.writeHead(204);
  response.end();
}
