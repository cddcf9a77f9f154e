/**
 * The background service worker (a background script in Firefox). It is the only context
 * that stores the token and sends requests to Studio.
 */
import browser, { type Runtime } from 'webextension-polyfill';
import { log } from '../shared/log';
import { handleAlarm, handleApiResponse } from './expiry';
import { reconcile } from './lifecycle';
import { handleMessage } from './messages';
import { handleTabUpdated, syncPlaygroundTabs } from './playground';
import { handleTabRemoved } from './tab-rules';

// Reconcile at every start, not in runtime.onStartup: that event does not fire when an
// idle worker is started again, and Chromium skips it for unpacked extensions.
const ready = reconcile().catch((error: unknown) => {
  log.warn('Reconcile failed', { name: error instanceof Error ? error.name : 'unknown' });
});

browser.runtime.onMessage.addListener((message: unknown, sender: Runtime.MessageSender) =>
  ready.then(() => handleMessage(message, sender)),
);

// An install, update or reload leaves open docs pages with what the previous background
// gave them, such as a token the user has since signed out of.
browser.runtime.onInstalled.addListener(() => {
  void ready.then(() => syncPlaygroundTabs());
});

browser.tabs.onUpdated.addListener((tabId, change, tab) => {
  void ready.then(() => handleTabUpdated(tabId, change, tab));
});

browser.tabs.onRemoved.addListener((tabId) => {
  void ready.then(() => handleTabRemoved(tabId));
});

browser.alarms.onAlarm.addListener((alarm) => {
  void ready.then(() => handleAlarm(alarm));
});

browser.webRequest.onCompleted.addListener(
  (details) => {
    void ready.then(() => handleApiResponse(details));
    return undefined;
  },
  // Every host the Studio address may name; the handler checks the current one.
  { urls: ['https://*/v1/api/*', 'http://localhost/v1/api/*', 'http://127.0.0.1/v1/api/*'] },
);
