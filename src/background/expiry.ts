/**
 * Ends the session when the token expires or Studio stops accepting it: an alarm at the
 * JWT's expiry, and a check with `GET /v1/api/user` when Studio returns 401.
 */
import { log } from '../shared/log';
import { expire } from './lifecycle';
import { expirePendingLogin, failureOf, PENDING_LOGIN_ALARM } from './session';
import { EXPIRY_ALARM } from './injection';
import { sessionItem } from './store';
import { getProfile } from './studio-api';

export async function handleAlarm(alarm: { name: string }): Promise<void> {
  if (alarm.name === PENDING_LOGIN_ALARM) await expirePendingLogin();
  if (alarm.name !== EXPIRY_ALARM) return;
  const session = await sessionItem.get();
  if (session && !session.signingOut) await expire(session);
}

const VALIDATION_INTERVAL_MS = 60_000;
let lastValidation = 0;
let validationInFlight: Promise<void> | undefined;

/**
 * Asks Studio whether the stored token still works, at most once a minute unless forced, and ends the
 * session when Studio returns 401. Other failures (offline, 5xx) leave the session alone.
 */
export function validateSession({ force = false } = {}): Promise<void> {
  const now = Date.now();
  if (validationInFlight) return validationInFlight;
  if (!force && now - lastValidation < VALIDATION_INTERVAL_MS) return Promise.resolve();
  lastValidation = now;
  validationInFlight = checkStoredToken().finally(() => {
    validationInFlight = undefined;
  });
  return validationInFlight;
}

async function checkStoredToken(): Promise<void> {
  const session = await sessionItem.get();
  if (!session || session.signingOut) return;
  try {
    await getProfile(session.studioOrigin, session.token);
  } catch (error) {
    const failure = failureOf(error);
    if (failure.kind !== 'http' || failure.status !== 401) return;
    log.warn('Studio rejected the stored token');
    const current = await sessionItem.get();
    if (current?.token === session.token) await expire(current);
  }
}

/**
 * Handles a finished Studio API request from a tab. A 401 may mean that the token was
 * revoked, but also that a page sent its own bad credentials, so the stored token is
 * checked first. The extension's own requests (tab id -1) are checked where they are made.
 */
export async function handleApiResponse(details: {
  statusCode: number;
  tabId: number;
  url: string;
}): Promise<void> {
  if (details.statusCode !== 401 || details.tabId < 0) return;
  const session = await sessionItem.get();
  if (session && new URL(details.url).origin === session.studioOrigin) {
    await validateSession({ force: true });
  }
}
