import browser from 'webextension-polyfill';
import { log } from '../shared/log';
import type { Settings } from '../shared/messages';
import { isDefaultStudio, originPattern, parseStudioAddress } from '../shared/studio-address';
import { authenticateBrowser } from './injection';
import { finishSignOut, notifyPages } from './session';
import { noticeItem, pendingLoginItem, readSettings, sessionItem, settingsItem } from './store';

export { readSettings };

/**
 * Saves settings and applies them at once. A running session moves to the storage area,
 * rule type and cookie lifetime that "stay signed in" asks for. A new Studio address ends
 * the session, because a token belongs to the host that issued it.
 */
export async function updateSettings(patch: Partial<Settings>): Promise<Settings> {
  const previous = await readSettings();
  const settings = { ...previous, ...patch };
  if (settings.studioOrigin !== previous.studioOrigin) {
    await requireHostPermission(settings.studioOrigin);
    await endSessionFor(previous.studioOrigin);
  }
  await settingsItem.set(settings);
  const session = await sessionItem.get();
  if (session && !session.signingOut && session.persistent !== settings.staySignedIn) {
    const moved = { ...session, persistent: settings.staySignedIn };
    await sessionItem.set(moved);
    await authenticateBrowser(moved);
  }
  await notifyPages();
  return settings;
}

/** Rejects an address the extension has no host permission for; the options page asks first. */
async function requireHostPermission(studioOrigin: string): Promise<void> {
  if (isDefaultStudio(studioOrigin)) return;
  const granted = await browser.permissions.contains({ origins: [originPattern(studioOrigin)] });
  if (!granted) throw new Error(`Missing host permission for ${studioOrigin}`);
}

async function endSessionFor(studioOrigin: string): Promise<void> {
  log.warn('Studio address changed; signing out', { from: studioOrigin });
  await pendingLoginItem.remove();
  await noticeItem.remove();
  const session = await sessionItem.get();
  if (session) await finishSignOut(session);
}

/** Accepts only known settings with values of the right type. */
export function parseSettingsPatch(data: unknown): Partial<Settings> {
  const { staySignedIn, studioOrigin, authenticateDocs } = (data ?? {}) as Record<string, unknown>;
  const patch: Partial<Settings> = {};
  for (const [name, value] of [
    ['staySignedIn', staySignedIn],
    ['authenticateDocs', authenticateDocs],
  ] as const) {
    if (value === undefined) continue;
    if (typeof value !== 'boolean') throw new Error(`Invalid ${name}: expected a boolean`);
    patch[name] = value;
  }
  if (studioOrigin !== undefined) {
    const parsed = typeof studioOrigin === 'string' ? parseStudioAddress(studioOrigin) : undefined;
    if (!parsed || !('origin' in parsed)) throw new Error('Invalid studioOrigin');
    patch.studioOrigin = parsed.origin;
  }
  return patch;
}
