import { useEffect, useState } from 'preact/hooks';
import browser from 'webextension-polyfill';
import { DOCS_HOST, hostOf } from '../shared/hosts';
import { t } from '../shared/i18n';
import { sendToBackground } from '../shared/messages';

interface TargetTab {
  id: number;
  host: string;
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
  return { id: tab.id, host: url.host };
}

/** Signs in Studio API calls from the current tab only, until it closes. */
export function AuthenticateTab({ studioOrigin }: { studioOrigin: string }) {
  const [tab, setTab] = useState<TargetTab>();
  const [on, setOn] = useState(false);

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
    setOn(await sendToBackground('setTabAuthentication', { tabId: tab.id, on: !on }));
  };
  return (
    <div class="tab-auth">
      <button type="button" class="secondary" aria-pressed={on} onClick={toggle}>
        {on ? t('stopTabButton') : t('authenticateTabButton', tab.host)}
      </button>
      <p role="status">{on ? t('tabAuthenticated', tab.host) : ''}</p>
    </div>
  );
}
