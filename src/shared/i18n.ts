import browser from 'webextension-polyfill';
import type messages from '../../public/_locales/en/messages.json';

/** A key of `_locales/en/messages.json`; the type check catches keys that do not exist. */
export type MessageKey = keyof typeof messages;

/** Returns the string for a key in the browser's language, falling back to English. */
export function t(key: MessageKey, substitutions?: string | string[]): string {
  return browser.i18n.getMessage(key, substitutions);
}
