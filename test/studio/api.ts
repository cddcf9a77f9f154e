import type { ServerResponse } from 'node:http';
import type { GenericApiResponse, GetUserResponse } from 'edge-impulse-api';
import { authenticate } from './auth';
import type { RecordedRequest } from './requests';
import { sendJson } from './respond';
import type { TokenStore } from './tokens';
import type { StudioUser } from './users';

// Every stand-in account reports this creation date, so profile responses are reproducible.
const ACCOUNT_CREATED = new Date('2024-01-15T09:30:00.000Z');

/**
 * Builds the profile of `GET /v1/api/user`: the named fields from the user, and fixed values
 * for every other field that GetUserResponse requires. The project list is always empty.
 */
export function profileOf(user: StudioUser): GetUserResponse {
  return {
    success: true,
    id: user.id,
    username: user.username,
    name: user.name,
    email: user.email,
    photo: user.photo,
    created: ACCOUNT_CREATED,
    staffInfo: { isStaff: false, hasSudoRights: false },
    pending: false,
    activated: true,
    mfaConfigured: user.totpCode !== undefined,
    passwordConfigured: user.password !== undefined,
    tier: 'free',
    idps: user.idps ?? [],
    organizations: [],
    projects: [],
    experiments: [],
    suspended: false,
    notifications: [],
    projectsSortOrder: 'created-desc',
    hasEnterpriseFeaturesAccess: false,
    lastAccessedProjects: { projects: [], hasMoreProjects: false },
    privatePersonalProjectsUsed: 0,
    eulas: [],
  };
}

/**
 * Handles every path under `/v1/api/`. A request without valid credentials gets 401;
 * `/v1/api/user` returns the profile and every other path `{ success: true }`.
 */
export function handleApi(
  request: RecordedRequest,
  pathname: string,
  response: ServerResponse,
  tokens: TokenStore,
  users: readonly StudioUser[],
): void {
  const auth = authenticate(request, tokens, users);
  if (!auth.ok) {
    const unauthorized: GenericApiResponse = { success: false, error: auth.error };
    sendJson(response, 401, unauthorized);
    return;
  }
  if (pathname === '/v1/api/user' && request.method === 'GET') {
    sendJson(response, 200, profileOf(auth.user));
    return;
  }
  const ok: GenericApiResponse = { success: true };
  sendJson(response, 200, ok);
}
