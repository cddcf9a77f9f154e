import { useEffect, useState } from 'preact/hooks';
import browser from 'webextension-polyfill';
import { DOCS_HOST, hostOf } from '../shared/hosts';
import { t } from '../shared/i18n';
import { sendToBackground } from '../shared/messages';
import { Alert } from './Alert';

export interface TargetTab {
  id: number;
  host: string;
  /** Match pattern of the tab's site, for its host permission. */
  pattern: string;
  /** Whether the extension has that permission, as read on opening and after each change. */
  hasPermission: boolean;
}

/**
 * Tells whether the tab rule needs host permission for the tab's site, as in Firefox (ESR 153):
 * its declarativeNetRequest requires it for the request's initiator and ignores activeTab. See
 * https://developer.mozilla.org/docs/Mozilla/Add-ons/WebExtensions/API/declarativeNetRequest#permissions
 */
export function needsHostPermission(): boolean {
  // No API shows the difference, and permissions.contains is false under activeTab in Chromium
  // 156 too, so this checks for Firefox, the only browser with runtime.getBrowserInfo.
  return 'getBrowserInfo' in browser.runtime;
}

/** Tells whether the extension has host permission for a site where the tab rule needs it. */
async function hasHostPermission(pattern: string): Promise<boolean> {
  return needsHostPermission() && browser.permissions.contains({ origins: [pattern] });
}

/**
 * Finds the tab the popup was opened over: the active tab of the last focused normal window.
 * Its URL is visible through activeTab, which the toolbar click grants. Studio and the API
 * reference are left out, because they are signed in already.
 */
async function findTargetTab(studioOrigin: string): Promise<TargetTab | undefined> {
  // windowTypes is in Chrome's and Firefox's API but missing from the polyfill's types.
  const filter = { windowTypes: ['normal'] } as Parameters<
    typeof browser.windows.getLastFocused
  >[0];
  const window = await browser.windows.getLastFocused(filter);
  const [tab] = await browser.tabs.query({ active: true, windowId: window.id });
  if (tab?.id === undefined || !tab.url) return undefined;
  const url = new URL(tab.url);
  if (url.protocol !== 'https:' && url.protocol !== 'http:') return undefined;
  if (url.hostname === hostOf(studioOrigin) || url.hostname === DOCS_HOST) return undefined;
  // originPattern's format, written out, because importing studio-address adds its parser.
  const pattern = `${url.protocol}//${url.hostname}/*`;
  return { id: tab.id, host: url.host, pattern, hasPermission: await hasHostPermission(pattern) };
}

/**
 * Requests host permission for the tab's site where the tab rule needs it. Returns whether the
 * tab may be authenticated, and the pattern granted for this tab alone, if any.
 */
export async function requestTabAccess(
  tab: TargetTab,
): Promise<{ granted: boolean; grantedPattern?: string }> {
  if (!needsHostPermission()) return { granted: true };
  // permissions.request needs the click's user gesture, so nothing is awaited before it.
  // NOTE: tests drive the popup in a tab, so whether the real popup stays open while the user
  // answers the prompt is not verified. If it closes, the next click keeps the grant.
  const granted = await browser.permissions.request({ origins: [tab.pattern] }).catch(() => false);
  return { granted, grantedPattern: granted && !tab.hasPermission ? tab.pattern : undefined };
}

/** Signs in Studio API calls from the current tab only, until it closes. */
export function AuthenticateTab({ studioOrigin }: { studioOrigin: string }) {
  const [tab, setTab] = useState<TargetTab>();
  const [on, setOn] = useState(false);
  const [refused, setRefused] = useState(false);

  useEffect(() => {
    void findTargetTab(studioOrigin)
      .then(async (target) => {
        if (!target) return;
        setOn(await sendToBackground('getTabAuthentication', { tabId: target.id }));
        setTab(target);
      })
      .catch(() => undefined);
  }, [studioOrigin]);

  if (!tab) return null;
  const toggle = async () => {
    const access = on ? { granted: true } : await requestTabAccess(tab);
    setRefused(!access.granted);
    if (!access.granted) return;
    const request = { tabId: tab.id, on: !on, grantedPattern: access.grantedPattern };
    setOn(await sendToBackground('setTabAuthentication', request));
    // Stop removes a permission granted for this tab alone, so the next start requests it.
    setTab({ ...tab, hasPermission: await hasHostPermission(tab.pattern) });
  };
  return (
    <div class="tab-auth">
      <button type="button" class="secondary" aria-pressed={on} onClick={toggle}>
        {on ? t('stopTabButton') : t('authenticateTabButton', tab.host)}
      </button>
      <p role="status">{on ? t('tabAuthenticated', tab.host) : ''}</p>
      {refused && <Alert text={t('errorTabPermissionRefused', tab.host)} />}
    </div>
  );
}
