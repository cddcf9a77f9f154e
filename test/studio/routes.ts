import type { ServerResponse } from 'node:http';
import type { GenericApiResponse } from 'edge-impulse-api';
import { handleApi } from './api';
import { cookieUser } from './auth';
import { DOCS_HOST, EVIL_HOST, SERVED_HOSTS, servedHostFor, STUDIO_HOST, TOOL_HOST } from './hosts';
import { handleLogin, handleNeedToSetPassword } from './login';
import { sendAvatar, sendDocsPage, sendEvilPage, sendStudioPage } from './pages';
import { pathnameOf, type RecordedRequest } from './requests';
import { send, sendJson, sendPreflight, setCorsHeaders } from './respond';
import { handleStudioSignIn, SSO_CALLBACK_PATH, STUDIO_SIGN_IN_PATH } from './studio-sign-in';
import type { TokenStore } from './tokens';
import type { StudioUser } from './users';

/** State that the routes read: the accounts and the tokens issued so far. */
export interface StudioState {
  users: readonly StudioUser[];
  tokens: TokenStore;
}

const NEED_PASSWORD_PREFIX = '/v1/api-user-need-to-set-password/';
const AVATAR_PATH = /^\/avatars\/([^/]+)\.svg$/;

function sendApiError(response: ServerResponse, status: number, error: string): void {
  const body: GenericApiResponse = { success: false, error };
  sendJson(response, status, body);
}

function sendMethodNotAllowed(response: ServerResponse, method: string, allow: string): void {
  response.setHeader('allow', allow);
  sendApiError(response, 405, `Method ${method} is not allowed here: use ${allow}`);
}

/** Sends the normal response to a request, chosen by host, method and path. */
export function route(
  request: RecordedRequest,
  response: ServerResponse,
  state: StudioState,
): void {
  const host = servedHostFor(request.host);
  if (host === undefined) {
    const served = SERVED_HOSTS.join(', ');
    const message = `Unknown host "${request.host}": this stand-in serves ${served}\n`;
    send(response, 421, 'text/plain; charset=utf-8', message);
  } else if (request.method === 'OPTIONS') {
    sendPreflight(request, response);
  } else if (host === DOCS_HOST) {
    sendDocsPage(response);
  } else if (host === EVIL_HOST || host === TOOL_HOST) {
    sendEvilPage(request, response);
  } else if (host === STUDIO_HOST) {
    setCorsHeaders(request, response);
    routeStudio(request, response, state);
  }
}

function routeStudio(request: RecordedRequest, response: ServerResponse, state: StudioState): void {
  const pathname = pathnameOf(request);
  if (pathname === '/v1/api-login') {
    routeLogin(request, response, state);
  } else if (pathname.startsWith(NEED_PASSWORD_PREFIX)) {
    routeNeedToSetPassword(request, pathname, response, state);
  } else if (pathname.startsWith('/v1/api/')) {
    handleApi(request, pathname, response, state.tokens, state.users);
  } else if (pathname === '/v1' || pathname.startsWith('/v1/')) {
    sendApiError(response, 404, `Not found: ${request.method} ${pathname}`);
  } else {
    routeStudioPage(request, pathname, response, state);
  }
}

function routeLogin(request: RecordedRequest, response: ServerResponse, state: StudioState): void {
  if (request.method !== 'POST') {
    sendMethodNotAllowed(response, request.method, 'POST');
    return;
  }
  handleLogin(request, response, state.tokens, state.users);
}

function routeNeedToSetPassword(
  request: RecordedRequest,
  pathname: string,
  response: ServerResponse,
  state: StudioState,
): void {
  if (request.method !== 'GET') {
    sendMethodNotAllowed(response, request.method, 'GET');
    return;
  }
  const usernameOrEmail = decodePathSegment(pathname.slice(NEED_PASSWORD_PREFIX.length));
  if (!usernameOrEmail || usernameOrEmail.includes('/')) {
    sendApiError(response, 404, `Not found: ${request.method} ${pathname}`);
    return;
  }
  handleNeedToSetPassword(usernameOrEmail, response, state.users);
}

function decodePathSegment(segment: string): string | undefined {
  try {
    return decodeURIComponent(segment);
  } catch {
    return undefined;
  }
}

function routeStudioPage(
  request: RecordedRequest,
  pathname: string,
  response: ServerResponse,
  state: StudioState,
): void {
  if (pathname === STUDIO_SIGN_IN_PATH || pathname === SSO_CALLBACK_PATH) {
    handleStudioSignIn(request, pathname, response, state);
    return;
  }
  const avatar = AVATAR_PATH.exec(pathname);
  if (avatar === null) {
    sendStudioPage(response, cookieUser(request, state.tokens));
    return;
  }
  const user = state.users.find((candidate) => candidate.username === avatar[1]);
  if (user === undefined) {
    send(response, 404, 'text/plain; charset=utf-8', `No avatar for "${avatar[1]}"\n`);
    return;
  }
  sendAvatar(response, user);
}
