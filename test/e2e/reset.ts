/**
 * The reset between end-to-end tests that share a browser: the extension goes back to the state
 * of a new install without a new browser. Reloading the extension would be simpler, but
 * Chromium disables an extension loaded with --load-extension when it calls runtime.reload.
 */
import manifest from '../../manifest.json';

/** The host permissions that a new install has. */
export const MANIFEST_ORIGINS = [...manifest.host_permissions].sort();

/**
 * Runs where the extension's APIs are (its service worker, or a page of it): removes what a
 * test left in storage, IndexedDB, alarms and rules. Returns the extension's host
 * permissions. The caller then stops the background, which starts again from empty storage.
 */
export async function clearExtension(): Promise<string[]> {
  await Promise.all([
    chrome.storage.local.clear(),
    chrome.storage.session.clear(),
    chrome.storage.sync.clear(),
    chrome.alarms.clearAll(),
  ]);
  // A deletion waits for open connections to close, and the extension closes each of its
  // connections after one request.
  for (const { name } of await indexedDB.databases()) {
    if (!name) continue;
    await new Promise((resolve, reject) => {
      const request = indexedDB.deleteDatabase(name);
      request.onsuccess = resolve;
      request.onerror = () => reject(request.error);
    });
  }
  const dynamic = await chrome.declarativeNetRequest.getDynamicRules();
  const session = await chrome.declarativeNetRequest.getSessionRules();
  await chrome.declarativeNetRequest.updateDynamicRules({
    removeRuleIds: dynamic.map((rule) => rule.id),
  });
  await chrome.declarativeNetRequest.updateSessionRules({
    removeRuleIds: session.map((rule) => rule.id),
  });
  // Firefox keeps a popup opened by the toolbar button open, and a second click closes it.
  for (const view of chrome.extension?.getViews?.({ type: 'popup' }) ?? []) view.close();
  const { origins = [] } = await chrome.permissions.getAll();
  return origins.sort();
}
