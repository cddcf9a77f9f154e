import type { ServerResponse } from 'node:http';
import { JWT_COOKIE, type RecordedRequest } from './requests';
import { sendHtml } from './respond';
import type { TokenStore } from './tokens';
import { findUser, type StudioUser } from './users';

/** Path of Studio's own sign-in page, which the popup links to for single sign-on accounts. */
export const STUDIO_SIGN_IN_PATH = '/login';
/** Stand-in for the identity provider's redirect back to Studio: `?username=sam` signs in. */
export const SSO_CALLBACK_PATH = '/sso/callback';

const SIGN_IN_PAGE =
  '<!doctype html>\n<html lang="en"><meta charset="utf-8"><title>Studio sign-in</title>\n' +
  '<h1>Sign in to Studio</h1>\n' +
  `<form method="POST" action="${STUDIO_SIGN_IN_PATH}">\n` +
  '<label>Username <input name="username"></label>\n' +
  '<label>Password <input name="password" type="password"></label>\n' +
  '<button type="submit">Sign in</button>\n</form>\n';

/**
 * Handles Studio's own sign-in: the page, its form POST and the single sign-on callback.
 * Success sets Studio's `jwt` cookie, as Studio does, and redirects to the start page.
 */
export function handleStudioSignIn(
  request: RecordedRequest,
  pathname: string,
  response: ServerResponse,
  state: { users: readonly StudioUser[]; tokens: TokenStore },
): void {
  if (pathname === SSO_CALLBACK_PATH) {
    const username = new URL(request.path, 'https://studio.invalid').searchParams.get('username');
    signInWithCookie(response, state, username && findUser(state.users, username));
  } else if (request.method === 'POST') {
    const form = new URLSearchParams(request.body);
    const user = findUser(state.users, form.get('username') ?? '');
    const passwordMatches = user?.password !== undefined && user.password === form.get('password');
    signInWithCookie(response, state, passwordMatches ? user : undefined);
  } else {
    sendHtml(response, 200, SIGN_IN_PAGE);
  }
}

function signInWithCookie(
  response: ServerResponse,
  state: { tokens: TokenStore },
  user: StudioUser | undefined | '' | null,
): void {
  if (!user) {
    sendHtml(response, 401, '<!doctype html><title>Studio sign-in</title><p>Sign-in failed</p>');
    return;
  }
  const token = state.tokens.issue(user);
  // NOTE: the real Studio's cookie attributes are not verified; these follow common practice.
  response.setHeader('set-cookie', `${JWT_COOKIE}=${token}; Path=/; Secure; SameSite=Lax`);
  response.setHeader('location', '/');
  response.statusCode = 303;
  response.end();
}
