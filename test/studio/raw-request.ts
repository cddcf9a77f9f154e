import type { IncomingHttpHeaders } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { STUDIO_HOST } from './hosts';

export interface RawRequest {
  method?: string;
  /** Value of the `Host` header, which picks the served host. Default: Studio. */
  host?: string;
  /** Path with query. */
  path: string;
  headers?: Record<string, string>;
  body?: string;
}

export interface RawResponse {
  status: number;
  headers: IncomingHttpHeaders;
  body: string;
}

/**
 * Sends one request to the stand-in on 127.0.0.1:`port` with any `Host` header. The
 * certificate check is skipped for this request only, and each request opens its own
 * connection, so no connection outlives the test that made it.
 */
export function rawRequest(port: number, options: RawRequest): Promise<RawResponse> {
  const headers = { host: options.host ?? STUDIO_HOST, ...options.headers };
  const requestOptions = {
    host: '127.0.0.1',
    port,
    method: options.method ?? 'GET',
    path: options.path,
    headers,
    rejectUnauthorized: false,
    agent: false as const,
  };
  return new Promise((resolve, reject) => {
    const outgoing = httpsRequest(requestOptions, (incoming) => {
      let body = '';
      incoming.setEncoding('utf8');
      incoming.on('data', (chunk: string) => {
        body += chunk;
      });
      incoming.on('end', () => {
        resolve({ status: incoming.statusCode ?? 0, headers: incoming.headers, body });
      });
      incoming.on('error', reject);
    });
    outgoing.on('error', reject);
    outgoing.end(options.body);
  });
}
