/**
 * "Authenticate this tab": a session rule that adds the token header to Studio API calls
 * from one tab only, for a one-off API tool that is not on the allow list. The rule ends
 * when the tab closes, on sign-out, and with the browser.
 */
import browser, { type DeclarativeNetRequest } from 'webextension-polyfill';
import { defineStorageItem } from '../shared/storage-item';
import { buildTokenRule } from './header-rule';

/** Tab rules take ids from here on: this base plus the tab id. */
const FIRST_TAB_RULE_ID = 1_000_000;

/** Tabs the user authenticated; memory only, like the session rules themselves. */
const authenticatedTabsItem = defineStorageItem<number[]>('session', 'authenticatedTabs');

export async function readAuthenticatedTabs(): Promise<number[]> {
  return (await authenticatedTabsItem.get()) ?? [];
}

function buildTabRule(
  token: string,
  studioOrigin: string,
  tabId: number,
): DeclarativeNetRequest.Rule {
  // Every frame of the tab counts, so the user authenticates a tab they trust as a whole.
  const scope = { tabIds: [tabId] };
  return buildTokenRule(FIRST_TAB_RULE_ID + tabId, token, studioOrigin, scope, [
    'xmlhttprequest',
    'other',
  ]);
}

/** Adds or refreshes the rules of the authenticated tabs with the current token. */
export async function applyTabRules(token: string, studioOrigin: string): Promise<void> {
  const tabs = await readAuthenticatedTabs();
  if (tabs.length === 0) return;
  const addRules = tabs.map((tabId) => buildTabRule(token, studioOrigin, tabId));
  await browser.declarativeNetRequest.updateSessionRules({
    removeRuleIds: addRules.map((rule) => rule.id),
    addRules,
  });
}

/** Authenticates a tab, or stops, and returns whether it is authenticated now. */
export async function setTabAuthenticated(
  tabId: number,
  on: boolean,
  credential?: { token: string; studioOrigin: string },
): Promise<boolean> {
  const others = (await readAuthenticatedTabs()).filter((id) => id !== tabId);
  await browser.declarativeNetRequest.updateSessionRules({
    removeRuleIds: [FIRST_TAB_RULE_ID + tabId],
  });
  if (!on || !credential) {
    await authenticatedTabsItem.set(others);
    return false;
  }
  await authenticatedTabsItem.set([...others, tabId]);
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
}

/** Handles a closed tab: its rule goes with it. */
export async function handleTabRemoved(tabId: number): Promise<void> {
  if ((await readAuthenticatedTabs()).includes(tabId)) await setTabAuthenticated(tabId, false);
}
