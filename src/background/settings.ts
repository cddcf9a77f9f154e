import browser from 'webextension-polyfill';
import { log } from '../shared/log';
import type { Settings, ToolOrigin } from '../shared/messages';
import { isDefaultStudio, originPattern, parseStudioAddress } from '../shared/studio-address';
import { authenticateBrowser } from './injection';
import { finishSignOut, notifyPages } from './session';
import { noticeItem, pendingLoginItem, readSettings, sessionItem, settingsItem } from './store';

export { readSettings };

/**
 * Saves settings and applies them at once. A running session moves to the storage area,
 * rule type and cookie lifetime that the "stay signed in" setting selects. A new Studio address ends
 * the session, because a token belongs to the host that issued it.
 */
export async function updateSettings(patch: Partial<Settings>): Promise<Settings> {
  const previous = await readSettings();
  const settings = { ...previous, ...patch };
  if (settings.studioOrigin !== previous.studioOrigin) {
    await requireHostPermission(settings.studioOrigin);
    await endSessionFor(previous.studioOrigin);
  }
  const known = new Set(previous.toolOrigins.map((tool) => tool.origin));
  for (const tool of settings.toolOrigins) {
    // The header rule may name an initiator only with host access to it.
    if (!known.has(tool.origin)) await requireHostPermission(tool.origin);
  }
  await settingsItem.set(settings);
  const session = await sessionItem.get();
  if (session && !session.signingOut) {
    const updated = { ...session, persistent: settings.staySignedIn };
    if (session.persistent !== settings.staySignedIn) await sessionItem.set(updated);
    await authenticateBrowser(updated);
  }
  await notifyPages();
  return settings;
}

/** Rejects an address the extension has no host permission for; the options page requests it first. */
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
  const { staySignedIn, studioOrigin, authenticateDocs, toolOrigins } = (data ?? {}) as Record<
    string,
    unknown
  >;
  const patch: Partial<Settings> = {};
  for (const [name, value] of [
    ['staySignedIn', staySignedIn],
    ['authenticateDocs', authenticateDocs],
  ] as const) {
    if (value === undefined) continue;
    if (typeof value !== 'boolean') throw new Error(`Invalid ${name}: expected a boolean`);
    patch[name] = value;
  }
  if (studioOrigin !== undefined) patch.studioOrigin = parseOrigin(studioOrigin, 'studioOrigin');
  if (toolOrigins !== undefined) patch.toolOrigins = parseToolOrigins(toolOrigins);
  return patch;
}

/** Most API tools a user may allow; more would be a mistake, and each one widens the rule. */
export const MAX_TOOL_ORIGINS = 20;

function parseToolOrigins(value: unknown): ToolOrigin[] {
  if (!Array.isArray(value) || value.length > MAX_TOOL_ORIGINS) {
    throw new Error(`Invalid toolOrigins: expected at most ${MAX_TOOL_ORIGINS} entries`);
  }
  const tools = value.map((entry: unknown) => {
    const { origin, cors } = (entry ?? {}) as Record<string, unknown>;
    if (typeof cors !== 'boolean') throw new Error('Invalid toolOrigins: cors must be a boolean');
    return { origin: parseOrigin(origin, 'toolOrigins'), cors };
  });
  return tools.filter((tool, index) => tools.findIndex((t) => t.origin === tool.origin) === index);
}

/** Accepts an address with the same rules as the options page's Studio address. */
function parseOrigin(value: unknown, name: string): string {
  const parsed = typeof value === 'string' ? parseStudioAddress(value) : undefined;
  if (!parsed || !('origin' in parsed)) throw new Error(`Invalid ${name}`);
  return parsed.origin;
}
