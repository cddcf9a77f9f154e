import { vi } from 'vitest';

/** A recorded call to the fake fetch. */
export interface FetchCall {
  url: string;
  method: string;
  headers: Headers;
  body: string;
  credentials: RequestCredentials;
  redirect: RequestRedirect;
}

export type FakeAnswer = Response | Error | ((call: FetchCall) => Response | Promise<Response>);

/**
 * Replaces the global fetch with one that returns the queued responses in order and records
 * each call. An Error in the queue makes fetch reject with it.
 */
export function installFakeFetch(...answers: FakeAnswer[]) {
  const calls: FetchCall[] = [];
  const queue = [...answers];
  const fetch = vi.fn(async (input: Request | string | URL, init?: RequestInit) => {
    const request = new Request(input, init);
    const call: FetchCall = {
      url: request.url,
      method: request.method,
      headers: request.headers,
      body: await request.text(),
      credentials: request.credentials,
      redirect: request.redirect,
    };
    calls.push(call);
    const answer = queue.shift();
    if (!answer) throw new Error(`No fake response left for ${call.method} ${call.url}`);
    if (answer instanceof Error) throw answer;
    return typeof answer === 'function' ? answer(call) : answer;
  });
  vi.stubGlobal('fetch', fetch);
  return { calls, queue };
}

export function jsonResponse(body: unknown, status = 200): Response {
  return new Response(JSON.stringify(body), {
    status,
    headers: { 'content-type': 'application/json' },
  });
}

export function htmlResponse(html: string, status: number): Response {
  return new Response(html, { status, headers: { 'content-type': 'text/html' } });
}

/** Builds an unsigned JWT whose payload carries the given expiry, in seconds since the epoch. */
export function makeJwt(exp: number, subject = 'alice'): string {
  const encode = (value: object) => Buffer.from(JSON.stringify(value)).toString('base64url');
  return `${encode({ alg: 'HS256', typ: 'JWT' })}.${encode({ sub: subject, exp })}.c2lnbmF0dXJl`;
}

export const ALICE_PROFILE = {
  success: true,
  id: 7,
  username: 'alice',
  name: 'Alice Example',
  email: 'alice@example.com',
  photo: 'https://cdn.example/alice.png',
};
