import type { IncomingMessage } from 'node:http';
import { hostWithoutPort } from './hosts';

export const JWT_HEADER = 'x-jwt-token';
export const API_KEY_HEADER = 'x-api-key';
export const JWT_COOKIE = 'jwt';

/** Larger request bodies are cut off, because no client under test sends that much. */
const MAX_BODY_BYTES = 1024 * 1024;

/** A request as the stand-in received it, before any fault or delay was applied. */
export interface RecordedRequest {
  method: string;
  /** Host name from the `Host` header, lower-cased and without its port. */
  host: string;
  /** Path with query string, as sent. */
  path: string;
  /** Header values by lower-case name. Repeated headers are joined with ", ". */
  headers: Record<string, string>;
  /** Cookies from the `Cookie` header by name, URI-decoded. */
  cookies: Record<string, string>;
  /** Body as UTF-8 text, at most 1 MiB. Empty when the request has no body. */
  body: string;
  /** Arrival time in milliseconds since the Unix epoch. */
  at: number;
}

/** Reads a request body as UTF-8, keeping at most 1 MiB. */
export async function readBody(request: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of request) {
    const buffer = chunk as Buffer;
    if (size < MAX_BODY_BYTES) {
      chunks.push(buffer.subarray(0, MAX_BODY_BYTES - size));
    }
    size += buffer.length;
  }
  return Buffer.concat(chunks).toString('utf8');
}

export function parseCookies(header: string | undefined): Record<string, string> {
  const cookies: Record<string, string> = {};
  for (const pair of (header ?? '').split(';')) {
    const equals = pair.indexOf('=');
    if (equals === -1) {
      continue;
    }
    const name = pair.slice(0, equals).trim();
    cookies[name] = decodeCookieValue(pair.slice(equals + 1).trim());
  }
  return cookies;
}

function decodeCookieValue(value: string): string {
  try {
    return decodeURIComponent(value);
  } catch {
    // A value that is not valid percent-encoding is kept as sent.
    return value;
  }
}

function flattenHeaders(request: IncomingMessage): Record<string, string> {
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(request.headers)) {
    if (value !== undefined) {
      headers[name] = Array.isArray(value) ? value.join(', ') : value;
    }
  }
  return headers;
}

export function recordRequest(request: IncomingMessage, body: string): RecordedRequest {
  return {
    method: request.method ?? 'GET',
    host: hostWithoutPort(request.headers.host),
    path: request.url ?? '/',
    headers: flattenHeaders(request),
    cookies: parseCookies(request.headers.cookie),
    body,
    at: Date.now(),
  };
}

/** Returns the JWT that a request carried: the `x-jwt-token` header, else the `jwt` cookie. */
export function tokenOf(request: RecordedRequest): string | undefined {
  return request.headers[JWT_HEADER] ?? request.cookies[JWT_COOKIE];
}

/** Returns the path of a request without its query string. */
export function pathnameOf(request: RecordedRequest): string {
  const query = request.path.indexOf('?');
  return query === -1 ? request.path : request.path.slice(0, query);
}
