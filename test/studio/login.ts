import type { ServerResponse } from 'node:http';
import type {
  GenericApiResponse,
  GetJWTRequest,
  GetJWTResponse,
  GetUserNeedToSetPasswordResponse,
} from 'edge-impulse-api';
import type { RecordedRequest } from './requests';
import { sendJson } from './respond';
import type { TokenStore } from './tokens';
import { findUser, type StudioUser } from './users';

// Error texts of `POST /v1/api-login`. Edge Impulse's OpenAPI documents only the text that
// starts with "ERR_TOTP_TOKEN IS REQUIRED". The first two were seen from Studio, undocumented.
export const USER_NOT_FOUND = 'User not found';
export const PASSWORD_INCORRECT = 'Password is incorrect';
export const TOTP_REQUIRED = 'ERR_TOTP_TOKEN IS REQUIRED';
// NOTE: a guess for a wrong authenticator code, not verified against the real service.
export const TOTP_INVALID = 'ERR_TOTP_TOKEN IS INVALID';

type LoginFields = Pick<GetJWTRequest, 'username' | 'password' | 'totpToken'>;

/** Parses a login body, or returns the reason it is invalid. */
function parseLogin(body: string): LoginFields | string {
  let value: unknown;
  try {
    value = JSON.parse(body);
  } catch {
    return 'Invalid request body: expected JSON';
  }
  if (typeof value !== 'object' || value === null) {
    return 'Invalid request body: expected a JSON object';
  }
  const { username, password, totpToken } = value as Record<string, unknown>;
  if (typeof username !== 'string' || typeof password !== 'string') {
    return 'Missing or invalid "username" or "password": both must be strings';
  }
  if (totpToken !== undefined && typeof totpToken !== 'string') {
    return 'Invalid "totpToken": must be a string';
  }
  return { username, password, totpToken };
}

/** Returns why a login fails, or undefined if it succeeds. */
function loginError(user: StudioUser | undefined, fields: LoginFields): string | undefined {
  if (user === undefined) {
    return USER_NOT_FOUND;
  }
  // NOTE: Studio's response to a password login for an SSO-only account is not verified.
  if (user.password === undefined || user.password !== fields.password) {
    return PASSWORD_INCORRECT;
  }
  if (user.totpCode !== undefined && !fields.totpToken) {
    return TOTP_REQUIRED;
  }
  if (user.totpCode !== undefined && fields.totpToken !== user.totpCode) {
    return TOTP_INVALID;
  }
  return undefined;
}

/** Handles `POST /v1/api-login`. A failed login gets HTTP 200 with `success: false`. */
export function handleLogin(
  request: RecordedRequest,
  response: ServerResponse,
  tokens: TokenStore,
  users: readonly StudioUser[],
): void {
  const fields = parseLogin(request.body);
  if (typeof fields === 'string') {
    const invalid: GenericApiResponse = { success: false, error: fields };
    sendJson(response, 400, invalid);
    return;
  }
  const user = findUser(users, fields.username);
  const error = loginError(user, fields);
  const result: GetJWTResponse =
    error === undefined && user !== undefined
      ? { success: true, token: tokens.issue(user) }
      : { success: false, error };
  sendJson(response, 200, result);
}

/** Handles `GET /v1/api-user-need-to-set-password/{usernameOrEmail}`. */
export function handleNeedToSetPassword(
  usernameOrEmail: string,
  response: ServerResponse,
  users: readonly StudioUser[],
): void {
  const user = findUser(users, usernameOrEmail);
  if (user === undefined) {
    // NOTE: Studio's response for an unknown user is not verified.
    const notFound: GetUserNeedToSetPasswordResponse = { success: false, error: USER_NOT_FOUND };
    sendJson(response, 200, notFound);
    return;
  }
  const result: GetUserNeedToSetPasswordResponse = {
    success: true,
    needPassword: user.password === undefined,
    email: user.email,
    emailVerified: true,
    whitelabels: [],
    idps: user.idps ?? [],
  };
  sendJson(response, 200, result);
}
