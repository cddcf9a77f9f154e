/**
 * The session state machine: signed out → signing in → needs code → signed in, and back on
 * sign-out or expiry. Every transition is written to storage first, so that a new worker, a
 * reopened popup and the browser's authentication all follow the same state.
 */
import browser from 'webextension-polyfill';
import type { Failure } from '../shared/failure';
import { DOCS_HOST, hostOf } from '../shared/hosts';
import { readJwtExpiry } from '../shared/jwt';
import { log } from '../shared/log';
import { isDefaultStudio, originPattern } from '../shared/studio-address';
import type { Credentials, Profile, SessionChangedMessage, SessionView } from '../shared/messages';
import { updateBadge } from './badge';
import { authenticateBrowser, deauthenticateBrowser } from './injection';
import { syncPlaygroundTabs } from './playground';
import {
  noticeItem,
  pendingLoginItem,
  readSettings,
  sessionItem,
  type PendingLogin,
  type StoredSession,
} from './store';
import {
  CodeRequiredError,
  getProfile,
  login,
  needsPasswordSetup,
  StudioError,
  type LoginRequest,
} from './studio-api';
import { findStudioSession } from './studio-cookie';

/** How long a login waits for the authenticator code before the user must start again. */
export const PENDING_LOGIN_LIFETIME_MS = 5 * 60_000;

/** Name of the alarm that removes a waiting login, and the password in it, after 5 minutes. */
export const PENDING_LOGIN_ALARM = 'pending-login-expiry';

let loginInFlight: Promise<void> | undefined;

/** Returns what the popup shows, never the token. */
export async function readView(): Promise<SessionView> {
  const { studioOrigin } = await readSettings();
  const session = await sessionItem.get();
  if (session && !session.signingOut) {
    const { profile, expiresAt } = session;
    return { status: 'signedIn', studioOrigin, profile, ...(expiresAt ? { expiresAt } : {}) };
  }
  const pending = await pendingLoginItem.get();
  if (pending && isFresh(pending)) {
    const { phase: status, username, failure, verifyingCode } = pending;
    return status === 'signingIn'
      ? { status, studioOrigin, username, ...(verifyingCode ? { verifyingCode } : {}) }
      : { status, studioOrigin, username, ...(failure ? { failure } : {}) };
  }
  const notice = await noticeItem.get();
  const missingAccess = await findMissingAccess(studioOrigin);
  if (missingAccess.length > 0) {
    return { status: 'signedOut', studioOrigin, ...notice, missingAccess };
  }
  const studioSession = await findStudioSession(studioOrigin);
  const offer = studioSession ? { studioSession: { username: studioSession.username } } : {};
  return { status: 'signedOut', studioOrigin, ...notice, ...offer };
}

export function isFresh(pending: PendingLogin, now = Date.now()): boolean {
  return now - pending.startedAt < PENDING_LOGIN_LIFETIME_MS;
}

/** Logs in with a username or e-mail and a password. A second call while one runs waits for it. */
export async function signIn(credentials: Credentials): Promise<SessionView> {
  const { username, password } = credentials;
  await (loginInFlight ?? startLogin({ username: username.trim(), password }));
  return readView();
}

/** Sends the login again with the authenticator code, while Studio waits for one. */
export async function submitCode(code: string): Promise<SessionView> {
  if (loginInFlight) {
    await loginInFlight;
    return readView();
  }
  const pending = await pendingLoginItem.get();
  if (pending?.phase !== 'needsCode' || pending.password === undefined) return readView();
  const { username, password } = pending;
  if (!isFresh(pending)) {
    await pendingLoginItem.remove();
    await noticeItem.set({ username, failure: { kind: 'codeExpired' } });
    await notifyPages();
    return readView();
  }
  await (loginInFlight ?? startLogin({ username, password, totpToken: code.trim() }));
  return readView();
}

/** Drops a login that waits for the authenticator code, keeping the username for the form. */
export async function cancelCode(): Promise<SessionView> {
  const pending = await pendingLoginItem.get();
  if (!loginInFlight && pending) {
    await pendingLoginItem.remove();
    await noticeItem.set({ username: pending.username });
  }
  await notifyPages();
  return readView();
}

/** Starts a login; it sets `loginInFlight` before its first await, so logins never overlap. */
function startLogin(request: LoginRequest): Promise<void> {
  const run = async () => {
    const { username } = request;
    const verifyingCode = request.totpToken !== undefined;
    await pendingLoginItem.set({
      phase: 'signingIn',
      username,
      startedAt: Date.now(),
      verifyingCode,
    });
    await noticeItem.remove();
    // The login request starts at once; telling open pages about it need not delay it.
    const notified = notifyPages();
    await attemptLogin((await readSettings()).studioOrigin, request);
    await notified;
  };
  loginInFlight = run().finally(() => {
    loginInFlight = undefined;
  });
  return loginInFlight;
}

async function attemptLogin(studioOrigin: string, request: LoginRequest): Promise<void> {
  try {
    // Without host access the request would fail like a network fault, which misleads.
    if ((await findMissingAccess(studioOrigin)).length > 0) {
      throw new StudioError({ kind: 'accessMissing', host: hostOf(studioOrigin) });
    }
    const token = await login(studioOrigin, request);
    await startSession(studioOrigin, token, request.username);
    await pendingLoginItem.remove();
  } catch (error) {
    await recordLoginFailure(studioOrigin, request, error);
  }
  await notifyPages();
}

async function recordLoginFailure(studioOrigin: string, request: LoginRequest, error: unknown) {
  const { username, password } = request;
  const startedAt = Date.now();
  if (error instanceof CodeRequiredError) {
    await waitForCode({ phase: 'needsCode', username, password, startedAt });
    return;
  }
  const failure = await explainFailure(studioOrigin, request, failureOf(error));
  log.warn('Sign-in failed', { kind: failure.kind });
  if (request.totpToken !== undefined) {
    await waitForCode({ phase: 'needsCode', username, password, startedAt, failure });
  } else {
    await pendingLoginItem.remove();
    await noticeItem.set({ username, failure });
  }
}

async function waitForCode(pending: PendingLogin): Promise<void> {
  await pendingLoginItem.set(pending);
  const when = pending.startedAt + PENDING_LOGIN_LIFETIME_MS;
  await browser.alarms.create(PENDING_LOGIN_ALARM, { when });
}

/** Removes a login that waited too long for its code, password included. */
export async function expirePendingLogin(now = Date.now()): Promise<void> {
  const pending = await pendingLoginItem.get();
  if (!pending || pending.phase !== 'needsCode' || isFresh(pending, now)) return;
  await pendingLoginItem.remove();
  await noticeItem.set({ username: pending.username, failure: { kind: 'codeExpired' } });
  await notifyPages();
}

/**
 * Checks whether a rejected password belongs to an account that only uses single sign-on,
 * which no password can open. If that check fails, the original failure is kept.
 */
async function explainFailure(
  studioOrigin: string,
  request: LoginRequest,
  failure: Failure,
): Promise<Failure> {
  if (failure.kind !== 'rejected' || request.totpToken !== undefined) return failure;
  const ssoOnly = await needsPasswordSetup(studioOrigin, request.username).catch(() => false);
  return ssoOnly ? { kind: 'ssoOnly' } : failure;
}

export function failureOf(error: unknown): Failure {
  if (error instanceof StudioError) return error.failure;
  // Only programming errors land here; their text could contain anything, so it is not shown.
  log.warn('Unexpected sign-in error', { name: error instanceof Error ? error.name : 'unknown' });
  return { kind: 'interrupted' };
}

/** Stores a session for a token Studio issued or accepted, and signs the browser in with it. */
export async function startSession(
  studioOrigin: string,
  token: string,
  username: string,
  { strict = false } = {},
) {
  const profile = strict
    ? await getProfile(studioOrigin, token)
    : await loadProfile(studioOrigin, token, username);
  const expiresAt = readJwtExpiry(token);
  const { staySignedIn: persistent } = await readSettings();
  const session: StoredSession = {
    token,
    studioOrigin,
    profile,
    persistent,
    ...(expiresAt ? { expiresAt } : {}),
  };
  await sessionItem.set(session);
  await authenticateBrowser(session);
}

/**
 * Loads the profile for the signed-in view. A token that Studio rejects ends the sign-in,
 * but a profile that cannot be loaded for another reason only costs the display name.
 */
async function loadProfile(studioOrigin: string, token: string, username: string) {
  try {
    return await getProfile(studioOrigin, token);
  } catch (error) {
    const failure = failureOf(error);
    if (failure.kind === 'http' && (failure.status === 401 || failure.status === 403)) throw error;
    log.warn('Profile not loaded', { kind: failure.kind });
    return { username, name: username, email: '' } satisfies Profile;
  }
}

/** Signs out: removes the header rule, the cookie and the stored token. */
export async function signOut(): Promise<SessionView> {
  await pendingLoginItem.remove();
  await noticeItem.remove();
  const session = await sessionItem.get();
  if (session) await finishSignOut(session);
  await notifyPages();
  return readView();
}

/** Completes a sign-out; the marker written first lets a restarted worker finish it too. */
export async function finishSignOut(session: StoredSession): Promise<void> {
  await sessionItem.set({ ...session, signingOut: true });
  await deauthenticateBrowser(session);
  await sessionItem.remove();
}

/**
 * Tells open extension pages and the toolbar button that the session changed. No open page
 * is not an error.
 */
export async function notifyPages(): Promise<void> {
  const view = await readView();
  await updateBadge(view);
  await syncPlaygroundTabs();
  const message: SessionChangedMessage = { type: 'sessionChanged', data: view };
  await browser.runtime.sendMessage(message).catch(() => undefined);
}

/**
 * Returns the host access the extension needs but lacks: the Studio host, and the docs host
 * for the default Studio. Firefox makes host permissions optional, and every browser lets the
 * user withdraw them.
 */
export async function findMissingAccess(studioOrigin: string): Promise<string[]> {
  const needed = [originPattern(studioOrigin)];
  if (isDefaultStudio(studioOrigin)) needed.push(`https://${DOCS_HOST}/*`);
  const missing: string[] = [];
  for (const pattern of needed) {
    if (!(await browser.permissions.contains({ origins: [pattern] }))) missing.push(pattern);
  }
  return missing;
}
