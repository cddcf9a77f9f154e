/**
 * Brings the browser's authentication in line with storage at every worker start. The worker
 * stops after about 30 seconds idle, and dynamic rules and cookies outlive it, so neither
 * the rules nor the in-memory state can be trusted to match what storage contains.
 */
import browser from 'webextension-polyfill';
import { log } from '../shared/log';
import { updateBadge } from './badge';
import { authenticateBrowser, deauthenticateBrowser, EXPIRY_LEAD_MS } from './injection';
import { expirePendingLogin, finishSignOut, notifyPages, readView } from './session';
import { noticeItem, pendingLoginItem, sessionItem, type StoredSession } from './store';

/** Reconciles rules, cookie and pending login with storage; returns once they agree. */
export async function reconcile(now = Date.now()): Promise<void> {
  await restrictStorageToExtension();
  await reconcileSession(now);
  await reconcilePendingLogin(now);
  await updateBadge(await readView());
  // Read by `npm run bench` to time a worker start (bench/worker-start.ts).
  performance.mark('ei-session:reconciled');
}

/**
 * Hides storage.local, which contains settings and no token, from content scripts, as
 * storage.session is by default. Chromium supports this for every area; Firefox 142 only
 * for storage.session, and throws here. The token is in IndexedDB in every browser.
 */
async function restrictStorageToExtension(): Promise<void> {
  const local = browser.storage.local as { setAccessLevel?: (options: object) => Promise<void> };
  try {
    await local.setAccessLevel?.({ accessLevel: 'TRUSTED_CONTEXTS' });
  } catch {
    log.warn('storage.local could not be restricted to extension pages');
  }
}

async function reconcileSession(now: number): Promise<void> {
  const session = await sessionItem.get();
  if (!session) {
    await deauthenticateBrowser();
  } else if (session.signingOut) {
    await finishSignOut(session);
  } else if (isExpired(session, now)) {
    await expire(session);
  } else {
    await authenticateBrowser(session);
  }
}

/** Tells whether the session is within a minute of its token's expiry, or past it. */
export function isExpired(session: StoredSession, now = Date.now()): boolean {
  return session.expiresAt !== undefined && session.expiresAt - EXPIRY_LEAD_MS <= now;
}

/** Ends an expired session, and keeps the username so that the sign-in form is filled in. */
export async function expire(session: StoredSession): Promise<void> {
  await finishSignOut(session);
  await noticeItem.set({ username: session.profile.username, failure: { kind: 'expired' } });
  await notifyPages();
}

/**
 * Turns a stored "signing in" into a message instead of a spinner that never ends: a fresh
 * worker runs no login, so the last worker stopped mid-request.
 */
async function reconcilePendingLogin(now: number): Promise<void> {
  const pending = await pendingLoginItem.get();
  if (!pending) return;
  if (pending.phase === 'signingIn') {
    log.warn('Sign-in interrupted by a worker restart');
    await pendingLoginItem.remove();
    await noticeItem.set({ username: pending.username, failure: { kind: 'interrupted' } });
  } else {
    await expirePendingLogin(now);
  }
}
