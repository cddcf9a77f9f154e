/**
 * "Authenticate this tab": a session rule that adds the token header to Studio API calls
 * from one tab only, for a one-off API tool that is not on the allow list. The rule ends
 * when the tab closes, on sign-out, and with the browser. A host permission that the popup
 * requested for the tab alone (in Firefox) is removed when the rule ends.
 */
import browser, { type DeclarativeNetRequest } from 'webextension-polyfill';
import { log } from '../shared/log';
import { defineStorageItem } from '../shared/storage-item';
import { originPattern } from '../shared/studio-address';
import { buildTokenRule } from './header-rule';
import { readSettings } from './store';

/** Tab rules take ids from here on: this base plus the tab id. */
const FIRST_TAB_RULE_ID = 1_000_000;

/** A tab the user authenticated, and the host it showed then, the only initiator of its rule. */
interface AuthenticatedTab {
  tabId: number;
  host: string;
}

/** Tabs the user authenticated; memory only, like the session rules themselves. */
const authenticatedTabsItem = defineStorageItem<AuthenticatedTab[]>('session', 'authenticatedTabs');

/** A host permission, as a match pattern, that the popup requested for one tab alone. */
interface TabPermission {
  tabId: number;
  pattern: string;
}

/**
 * Host permissions granted for one authenticated tab alone. Firefox keeps granted permissions
 * across restarts, so these are in storage.local, unlike the tab list, where the first start
 * after a restart, which ends every tab rule, finds and removes them.
 */
const tabPermissionsItem = defineStorageItem<TabPermission[]>('local', 'tabPermissions');

async function readTabEntries(): Promise<AuthenticatedTab[]> {
  return (await authenticatedTabsItem.get()) ?? [];
}

export async function readAuthenticatedTabs(): Promise<number[]> {
  return (await readTabEntries()).map(({ tabId }) => tabId);
}

/**
 * Builds the rule of one tab. It names the tab's host as the only initiator, so that another
 * site that the tab navigates to, or frames, gets no header even where the extension has
 * access to that site.
 */
function buildTabRule(
  token: string,
  studioOrigin: string,
  { tabId, host }: AuthenticatedTab,
): DeclarativeNetRequest.Rule {
  const scope = { tabIds: [tabId], initiatorDomains: [host] };
  return buildTokenRule(FIRST_TAB_RULE_ID + tabId, token, studioOrigin, scope, [
    'xmlhttprequest',
    'other',
  ]);
}

/** Adds or refreshes the rules of the authenticated tabs with the current token. */
export async function applyTabRules(token: string, studioOrigin: string): Promise<void> {
  // Every worker start calls this or removeTabRules, so both remove what a restart left.
  await removeUnusedPermissions();
  const tabs = await readTabEntries();
  if (tabs.length === 0) return;
  const addRules = tabs.map((tab) => buildTabRule(token, studioOrigin, tab));
  await browser.declarativeNetRequest.updateSessionRules({
    removeRuleIds: addRules.map((rule) => rule.id),
    addRules,
  });
}

/**
 * Authenticates a tab, or stops, and returns whether it is authenticated now. `host` is the
 * host name the tab shows, and no rule is added without it. `grantedPattern` is a host
 * permission granted for this tab alone, removed when its rule ends, and at once when no
 * rule is added.
 */
export async function setTabAuthenticated(
  tabId: number,
  on: boolean,
  credential?: { token: string; studioOrigin: string },
  { host, grantedPattern }: { host?: string; grantedPattern?: string } = {},
): Promise<boolean> {
  if (grantedPattern) {
    const granted = (await tabPermissionsItem.get()) ?? [];
    await tabPermissionsItem.set([...granted, { tabId, pattern: grantedPattern }]);
  }
  const others = (await readTabEntries()).filter((tab) => tab.tabId !== tabId);
  await browser.declarativeNetRequest.updateSessionRules({
    removeRuleIds: [FIRST_TAB_RULE_ID + tabId],
  });
  if (!on || !credential || !host) {
    await authenticatedTabsItem.set(others);
    await removeUnusedPermissions();
    return false;
  }
  await authenticatedTabsItem.set([...others, { tabId, host }]);
  await applyTabRules(credential.token, credential.studioOrigin);
  return true;
}

/** Removes every tab rule, as sign-out and expiry must. */
export async function removeTabRules(): Promise<void> {
  const rules = await browser.declarativeNetRequest.getSessionRules();
  const removeRuleIds = rules.map((rule) => rule.id).filter((id) => id >= FIRST_TAB_RULE_ID);
  if (removeRuleIds.length > 0) {
    await browser.declarativeNetRequest.updateSessionRules({ removeRuleIds });
  }
  await authenticatedTabsItem.remove();
  await removeUnusedPermissions();
}

/**
 * Removes the host permissions granted for tabs that are no longer authenticated, except
 * those that another authenticated tab, the Studio address or an allowed API tool needs.
 */
async function removeUnusedPermissions(): Promise<void> {
  const granted = (await tabPermissionsItem.get()) ?? [];
  if (granted.length === 0) return;
  const tabs = await readAuthenticatedTabs();
  const remaining = granted.filter(({ tabId }) => tabs.includes(tabId));
  const { studioOrigin, toolOrigins } = await readSettings();
  const settingsOrigins = [studioOrigin, ...toolOrigins.map(({ origin }) => origin)];
  const needed = new Set([
    ...remaining.map(({ pattern }) => pattern),
    ...settingsOrigins.map(originPattern),
  ]);
  const origins = granted.map(({ pattern }) => pattern).filter((pattern) => !needed.has(pattern));
  await tabPermissionsItem.set(remaining);
  if (origins.length === 0) return;
  await browser.permissions.remove({ origins }).catch((error: unknown) => {
    log.warn('Removing a host permission failed', {
      name: error instanceof Error ? error.name : '',
    });
  });
}

/** Handles a closed tab: its rule goes with it. */
export async function handleTabRemoved(tabId: number): Promise<void> {
  if ((await readAuthenticatedTabs()).includes(tabId)) await setTabAuthenticated(tabId, false);
}
