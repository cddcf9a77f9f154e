import type { Settings } from '../shared/messages';
import { authenticateBrowser } from './injection';
import { readSettings, sessionItem, settingsItem } from './store';

export { readSettings };

/**
 * Saves settings and applies them at once: a running session moves to the storage area,
 * rule type and cookie lifetime that "stay signed in" now asks for.
 */
export async function updateSettings(patch: Partial<Settings>): Promise<Settings> {
  const settings = { ...(await readSettings()), ...patch };
  await settingsItem.set(settings);
  const session = await sessionItem.get();
  if (session && !session.signingOut && session.persistent !== settings.staySignedIn) {
    const moved = { ...session, persistent: settings.staySignedIn };
    await sessionItem.set(moved);
    await authenticateBrowser(moved);
  }
  return settings;
}

/** Accepts only known settings with values of the right type. */
export function parseSettingsPatch(data: unknown): Partial<Settings> {
  const { staySignedIn } = (data ?? {}) as Record<string, unknown>;
  if (staySignedIn === undefined) return {};
  if (typeof staySignedIn !== 'boolean')
    throw new Error('Invalid staySignedIn: expected a boolean');
  return { staySignedIn };
}
