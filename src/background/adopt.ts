/**
 * Adopts the session of a user who already signed in on Studio itself, so that API tools
 * get authenticated too. Runs only when the user clicks "Use my Studio session".
 */
import { log } from '../shared/log';
import type { SessionView } from '../shared/messages';
import { failureOf, notifyPages, readView, startSession } from './session';
import { noticeItem, pendingLoginItem } from './store';
import { findStudioSession } from './studio-cookie';

/** Validates Studio's cookie with `GET /v1/api/user` and keeps it as the extension's session. */
export async function adoptStudioSession(studioOrigin: string): Promise<SessionView> {
  const found = await findStudioSession(studioOrigin);
  if (!found) return readView();
  await pendingLoginItem.remove();
  try {
    await startSession(studioOrigin, found.token, found.username ?? '', { strict: true });
    await noticeItem.remove();
  } catch (error) {
    const failure = failureOf(error);
    log.warn('Studio session not adopted', { kind: failure.kind });
    await noticeItem.set({ failure });
  }
  await notifyPages();
  return readView();
}
