/**
 * Signs in the "Try it" playground of Edge Impulse's API reference when it sends requests
 * through the docs site's own proxy, where a header added in the browser never reaches Studio.
 * Direct requests from the docs site to Studio need none of this: the header rule covers them.
 */
import browser from 'webextension-polyfill';
import { DOCS_HOST } from '../shared/hosts';
import { t } from '../shared/i18n';
import { log } from '../shared/log';
import { defineStorageItem } from '../shared/storage-item';
import { EXPIRY_LEAD_MS } from './injection';
import { installPlaygroundAuth, type PlaygroundAuth } from './playground-page';
import { readSettings, sessionItem } from './store';

/** Path that Mintlify's playground posts its requests to in its default proxy mode. */
export const MINTLIFY_PROXY_PATH = '/_mintlify/api/request';
const DOCS_ORIGIN = `https://${DOCS_HOST}`;
const DOCS_TABS = `${DOCS_ORIGIN}/*`;

/**
 * The event type through which an injection reaches the wrapper that an earlier one left in a
 * page. It is random, so page scripts cannot listen for it by name, and each sign-in gets a new
 * one. It outlives a reload or an update of the extension, after which the new background must
 * still reach open pages.
 */
const channelItem = defineStorageItem<string>('local', 'playgroundChannel');
let channel: Promise<string> | undefined;

function readChannel(): Promise<string> {
  channel ??= (async () => {
    const stored = await channelItem.get();
    if (stored) return stored;
    const created = `ei-session-${crypto.randomUUID()}`;
    await channelItem.set(created);
    return created;
  })();
  return channel;
}

async function currentAuth(): Promise<PlaygroundAuth | null> {
  const { authenticateDocs } = await readSettings();
  const session = await sessionItem.get();
  if (!authenticateDocs || !session || session.signingOut) return null;
  return {
    token: session.token,
    // The session ends this early, even where the background can no longer reach the page.
    ...(session.expiresAt ? { expiresAt: session.expiresAt - EXPIRY_LEAD_MS } : {}),
    studioOrigin: session.studioOrigin,
    proxyPath: MINTLIFY_PROXY_PATH,
    note: t('playgroundNote', session.profile.username),
    dismissLabel: t('dismissNote'),
  };
}

/**
 * Puts the token, or its removal, into the page world of one docs tab. The token travels as
 * an argument of executeScript, so no content script and no message ever carries it.
 */
async function applyToTab(tabId: number, auth: PlaygroundAuth | null): Promise<void> {
  try {
    await browser.scripting.executeScript({
      target: { tabId },
      world: 'MAIN',
      injectImmediately: true,
      func: installPlaygroundAuth,
      args: [auth, { docsOrigin: DOCS_ORIGIN, channel: await readChannel() }],
    });
    await browser.action.setBadgeText({ tabId, text: auth ? 'API' : null });
  } catch (error) {
    // Tabs that closed or navigated away meanwhile cannot be scripted; nothing is left there.
    log.debug('Playground tab not updated', { name: error instanceof Error ? error.name : '' });
  }
}

/**
 * Handles a docs tab that loads: a reload or new page needs the token again. It acts when the
 * load starts, so that early requests are signed, and again when it completes, because the
 * first injection may still reach the document that is being replaced.
 */
export async function handleTabUpdated(
  tabId: number,
  change: { status?: string },
  tab: { url?: string },
): Promise<void> {
  if (change.status !== 'loading' && change.status !== 'complete') return;
  if (!tab.url?.startsWith(`${DOCS_ORIGIN}/`)) return;
  const auth = await currentAuth();
  if (auth) await applyToTab(tabId, auth);
}

/** Brings every open docs tab in line with the session and the setting. */
export async function syncPlaygroundTabs(): Promise<void> {
  const auth = await currentAuth();
  // Without a channel, no page keeps a token that this background gave it.
  if (!auth && !(await channelItem.get())) return;
  const tabs = await browser.tabs.query({ url: DOCS_TABS });
  for (const tab of tabs) {
    if (tab.id !== undefined) await applyToTab(tab.id, auth);
  }
  if (!auth) {
    // The next sign-in gets a new channel, so a page that learnt this one learns no new token.
    channel = undefined;
    await channelItem.remove();
  }
}
