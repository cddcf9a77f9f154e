/**
 * The typed message map between the extension's pages and its background. Each message has
 * one request type and one response type; the background handles each in one function.
 */
import browser, { type Runtime } from 'webextension-polyfill';
import type { Failure } from './failure';
import { STUDIO_ORIGIN } from './hosts';

/** The parts of the user's Studio profile that the popup shows. */
export interface Profile {
  /** Missing when the profile could not be loaded and only the typed username is known. */
  id?: number;
  username: string;
  name: string;
  email: string;
  photo?: string;
}

/** The session as extension pages see it: everything except the token. */
export type SessionView =
  | {
      status: 'signedOut';
      studioOrigin: string;
      username?: string;
      failure?: Failure;
      /** Set when the browser has a Studio session of its own that the extension could adopt. */
      studioSession?: { username?: string };
      /** Host access the user withheld or never granted, as match patterns, if any. */
      missingAccess?: string[];
    }
  | { status: 'signingIn'; studioOrigin: string; username: string; verifyingCode?: boolean }
  | { status: 'needsCode'; studioOrigin: string; username: string; failure?: Failure }
  | { status: 'signedIn'; studioOrigin: string; profile: Profile; expiresAt?: number };

/** Settings the user changes on the options page. */
export interface Settings {
  /** Keep the session after the browser closes (default). Off: memory only. */
  staySignedIn: boolean;
  /** Origin of the Studio to sign in to, such as `https://studio.edgeimpulse.com`. */
  studioOrigin: string;
  /** Give the token to the API reference's playground, whose requests go through its server. */
  authenticateDocs: boolean;
  /** Web-based API tools whose calls to the Studio API get the token header. */
  toolOrigins: ToolOrigin[];
}

export interface ToolOrigin {
  /** Such as `https://editor.swagger.io` or `http://localhost:8080`. */
  origin: string;
  /** Add CORS response headers for this origin, for tools that Studio's CORS does not allow. */
  cors: boolean;
}

export const DEFAULT_SETTINGS: Settings = {
  staySignedIn: true,
  studioOrigin: STUDIO_ORIGIN,
  authenticateDocs: false,
  toolOrigins: [],
};

export interface Credentials {
  username: string;
  password: string;
}

/** Messages that extension pages send to the background. */
export interface BackgroundMessages {
  getSession: { request: null; response: SessionView };
  signIn: { request: Credentials; response: SessionView };
  submitCode: { request: { code: string }; response: SessionView };
  cancelCode: { request: null; response: SessionView };
  signOut: { request: null; response: SessionView };
  adoptStudioSession: { request: null; response: SessionView };
  /** Returns the token for the clipboard; the popup requests it only after the user confirms. */
  copyToken: { request: null; response: { token: string } | null };
  getTabAuthentication: { request: { tabId: number }; response: boolean };
  /**
   * `grantedPattern` is a host permission, such as `https://tool.example/*`, that the popup
   * requested for this tab alone. The background removes it when the tab's rule ends.
   */
  setTabAuthentication: {
    request: { tabId: number; on: boolean; grantedPattern?: string };
    response: boolean;
  };
  getSettings: { request: null; response: Settings };
  updateSettings: { request: Partial<Settings>; response: Settings };
}

export type BackgroundMessageType = keyof BackgroundMessages;

export interface BackgroundMessage<K extends BackgroundMessageType = BackgroundMessageType> {
  type: K;
  data: BackgroundMessages[K]['request'];
}

/** The message the background broadcasts to open pages after every change of the session. */
export interface SessionChangedMessage {
  type: 'sessionChanged';
  data: SessionView;
}

/** Sends a message to the background and resolves with its typed response. */
export function sendToBackground<K extends BackgroundMessageType>(
  type: K,
  data: BackgroundMessages[K]['request'],
): Promise<BackgroundMessages[K]['response']> {
  const message: BackgroundMessage<K> = { type, data };
  return browser.runtime.sendMessage(message) as Promise<BackgroundMessages[K]['response']>;
}

/**
 * Tells whether a message comes from one of this extension's own pages (popup, options) or
 * its background. Content scripts report the web page's URL, and other extensions or web
 * pages another id, so both fail this check.
 */
export function isFromExtensionPage(sender: Runtime.MessageSender): boolean {
  if (sender.id !== browser.runtime.id || sender.url === undefined) return false;
  return sender.url.startsWith(browser.runtime.getURL('/'));
}
