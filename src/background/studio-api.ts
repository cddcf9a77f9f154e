/**
 * The Studio REST API client: `POST /v1/api-login` and `GET /v1/api/user`. Every failure
 * leaves this module as a StudioError that carries a serializable Failure.
 */
import ky, { TimeoutError } from 'ky';
import type { Failure } from '../shared/failure';
import { apiBaseUrl, hostOf, TOKEN_HEADER } from '../shared/hosts';
import { isWellFormedJwt } from '../shared/jwt';
import type { Profile } from '../shared/messages';

export const REQUEST_TIMEOUT_MS = 10_000;

/** Prefix of the login error that requests an authenticator code (Edge Impulse's OpenAPI). */
const CODE_REQUIRED_PREFIX = 'ERR_TOTP_TOKEN IS REQUIRED';

export class StudioError extends Error {
  constructor(readonly failure: Failure) {
    super(`Studio request failed: ${failure.kind}`);
    this.name = 'StudioError';
  }
}

/** Thrown when the account has MFA and the login carried no authenticator code. */
export class CodeRequiredError extends Error {
  constructor() {
    super('Studio requires an authenticator code');
    this.name = 'CodeRequiredError';
  }
}

export interface LoginRequest {
  username: string;
  password: string;
  totpToken?: string;
}

/** Logs in and returns the JWT. */
export async function login(studioOrigin: string, request: LoginRequest): Promise<string> {
  const { status, body, retryAfter } = await requestJson(studioOrigin, 'api-login', {
    method: 'post',
    json: request,
  });
  if (body.success === true) return tokenFrom(body);

  const serverMessage = cleanServerMessage(body.error);
  if (serverMessage.startsWith(CODE_REQUIRED_PREFIX)) throw new CodeRequiredError();
  if (status >= 400) throw new StudioError(httpFailure(status, serverMessage, retryAfter));
  const kind = request.totpToken === undefined ? 'rejected' : 'codeRejected';
  throw new StudioError({ kind, serverMessage: serverMessage || `HTTP ${status}` });
}

/** Loads the profile of the user that the token belongs to, without the project list. */
export async function getProfile(studioOrigin: string, token: string): Promise<Profile> {
  const { status, body, retryAfter } = await requestJson(
    studioOrigin,
    'api/user?excludeProjects=true',
    { method: 'get', headers: { [TOKEN_HEADER]: token } },
  );
  if (status >= 400 || body.success !== true) {
    throw new StudioError(httpFailure(status, cleanServerMessage(body.error), retryAfter));
  }
  return profileFrom(body, status);
}

/**
 * Tells whether an account has no password yet, as accounts that only use single sign-on.
 * Studio returns this before any login, for a username or an e-mail address.
 */
export async function needsPasswordSetup(studioOrigin: string, username: string) {
  const path = `api-user-need-to-set-password/${encodeURIComponent(username)}`;
  const { body } = await requestJson(studioOrigin, path, { method: 'get' });
  return body.success === true && body.needPassword === true;
}

type JsonObject = Record<string, unknown>;

async function requestJson(
  studioOrigin: string,
  path: string,
  options: { method: 'get' | 'post'; json?: unknown; headers?: Record<string, string> },
): Promise<{ status: number; body: JsonObject; retryAfter?: number }> {
  const host = hostOf(studioOrigin);
  try {
    const response = await ky(path, {
      ...options,
      prefixUrl: apiBaseUrl(studioOrigin),
      // ky's timeout ends the wait for headers; the signal also ends a body that stalls.
      timeout: REQUEST_TIMEOUT_MS,
      signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS),
      // A GET is retried once after a network error; a login is never sent twice by itself.
      retry: { limit: 1, methods: ['get'], statusCodes: [] },
      throwHttpErrors: false,
      // The browser's own Studio cookie must not decide which account the request uses.
      credentials: 'omit',
      cache: 'no-store',
      // fetch keeps custom headers on a redirect to another host, so the token must not follow.
      redirect: 'error',
    });
    const retryAfter = parseRetryAfter(response.headers.get('retry-after'));
    const body = await readJsonObject(response);
    return { status: response.status, body, ...(retryAfter === undefined ? {} : { retryAfter }) };
  } catch (error) {
    if (error instanceof StudioError) throw error;
    if (isTimeout(error)) {
      throw new StudioError({ kind: 'timeout', host, seconds: REQUEST_TIMEOUT_MS / 1000 });
    }
    throw new StudioError({ kind: 'network', host });
  }
}

async function readJsonObject(response: Response): Promise<JsonObject> {
  const text = await response.text();
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    body = undefined;
  }
  if (typeof body === 'object' && body !== null && !Array.isArray(body)) return body as JsonObject;
  if (response.status >= 400) {
    const retryAfter = parseRetryAfter(response.headers.get('retry-after'));
    throw new StudioError(httpFailure(response.status, '', retryAfter));
  }
  throw new StudioError({ kind: 'invalidResponse', status: response.status });
}

function isTimeout(error: unknown): boolean {
  return (
    error instanceof TimeoutError ||
    (error instanceof DOMException && error.name === 'TimeoutError')
  );
}

function httpFailure(status: number, serverMessage: string, retryAfter?: number): Failure {
  if (status === 429) {
    return retryAfter === undefined
      ? { kind: 'rateLimited' }
      : { kind: 'rateLimited', retryAfterSeconds: retryAfter };
  }
  return serverMessage ? { kind: 'http', status, serverMessage } : { kind: 'http', status };
}

/** Reads Retry-After, which is either seconds or an HTTP date, as whole seconds from now. */
export function parseRetryAfter(value: string | null, now = Date.now()): number | undefined {
  if (value === null || value.trim() === '') return undefined;
  const seconds = /^\d+$/.test(value.trim()) ? Number(value) : (Date.parse(value) - now) / 1000;
  return Number.isFinite(seconds) ? Math.max(0, Math.ceil(seconds)) : undefined;
}

function tokenFrom(body: JsonObject): string {
  if (body.token === undefined || body.token === '')
    throw new StudioError({ kind: 'missingToken' });
  if (!isWellFormedJwt(body.token)) throw new StudioError({ kind: 'invalidToken' });
  return body.token;
}

function profileFrom(body: JsonObject, status: number): Profile {
  const { id, username, name, email, photo } = body;
  if (typeof id !== 'number' || typeof username !== 'string') {
    throw new StudioError({ kind: 'invalidResponse', status });
  }
  return {
    id,
    username,
    name: typeof name === 'string' ? name : username,
    email: typeof email === 'string' ? email : '',
    ...(typeof photo === 'string' && photo.startsWith('https://') ? { photo } : {}),
  };
}

const MAX_SERVER_MESSAGE_LENGTH = 200;

/**
 * Turns Studio's `error` field into one line of plain text for the popup: no markup, no
 * control characters, and no more than 200 characters.
 */
export function cleanServerMessage(value: unknown): string {
  if (typeof value !== 'string') return '';
  // Cutting first keeps the work bounded for a hostile text of megabytes.
  const text = value
    .slice(0, 10 * MAX_SERVER_MESSAGE_LENGTH)
    .replace(/<[^<>]*>/g, ' ')
    .replace(/[\p{Cc}\p{Cf}]/gu, ' ')
    .replace(/\s+/g, ' ')
    .trim();
  if (text.length <= MAX_SERVER_MESSAGE_LENGTH) return text;
  return `${text.slice(0, MAX_SERVER_MESSAGE_LENGTH - 1)}…`;
}
