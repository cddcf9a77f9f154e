/**
 * A fake `browser` for unit tests: @webext-core/fake-browser, plus small in-memory stand-ins
 * for the APIs it does not implement (cookies, declarativeNetRequest, i18n).
 */
import { fakeBrowser } from '@webext-core/fake-browser';
import type { Cookies, DeclarativeNetRequest } from 'webextension-polyfill';
import messages from '../../public/_locales/en/messages.json';

export const EXTENSION_ID = 'test-extension-id';
export const EXTENSION_ORIGIN = `chrome-extension://${EXTENSION_ID}`;

let cookies: Cookies.Cookie[] = [];
let dynamicRules: DeclarativeNetRequest.Rule[] = [];
let sessionRules: DeclarativeNetRequest.Rule[] = [];

function updateRules(
  rules: DeclarativeNetRequest.Rule[],
  options: DeclarativeNetRequest.UpdateDynamicRulesOptionsType,
): DeclarativeNetRequest.Rule[] {
  const removed = new Set(options.removeRuleIds ?? []);
  return [...rules.filter((rule) => !removed.has(rule.id)), ...(options.addRules ?? [])];
}

const cookieKey = (url: string, name: string) => `${new URL(url).host}|${name}`;

const fakeCookies = {
  async set(details: Cookies.SetDetailsType) {
    const key = cookieKey(details.url, details.name ?? '');
    cookies = cookies.filter(
      (cookie) => cookieKey(`https://${cookie.domain}`, cookie.name) !== key,
    );
    // Browsers delete the replaced cookie and store nothing when the expiry has passed.
    if (details.expirationDate !== undefined && details.expirationDate * 1000 <= Date.now()) {
      return null;
    }
    const hostOnly = details.domain === undefined;
    const domain = details.domain ?? new URL(details.url).host;
    const session = details.expirationDate === undefined;
    const cookie = { ...details, domain, hostOnly, session } as unknown as Cookies.Cookie;
    cookies.push(cookie);
    return cookie;
  },
  async get({ url, name }: { url: string; name: string }) {
    const key = cookieKey(url, name);
    return (
      cookies.find((cookie) => cookieKey(`https://${cookie.domain}`, cookie.name) === key) ?? null
    );
  },
  async getAll({ url, name }: { url: string; name: string }) {
    const host = new URL(url).host;
    const matches = (cookie: Cookies.Cookie) =>
      cookie.domain === host || host.endsWith(`.${cookie.domain}`);
    return cookies.filter((cookie) => cookie.name === name && matches(cookie));
  },
  async remove({ url, name }: { url: string; name: string }) {
    const key = cookieKey(url, name);
    cookies = cookies.filter(
      (cookie) => cookieKey(`https://${cookie.domain}`, cookie.name) !== key,
    );
    return null;
  },
};

const fakeDeclarativeNetRequest = {
  async updateDynamicRules(options: DeclarativeNetRequest.UpdateDynamicRulesOptionsType) {
    dynamicRules = updateRules(dynamicRules, options);
  },
  async getDynamicRules() {
    return structuredClone(dynamicRules);
  },
  async updateSessionRules(options: DeclarativeNetRequest.UpdateSessionRulesOptionsType) {
    sessionRules = updateRules(sessionRules, options);
  },
  async getSessionRules() {
    return structuredClone(sessionRules);
  },
};

type LocaleEntry = { message: string; placeholders?: Record<string, { content: string }> };

/** Formats a message the way browsers do: named placeholders, then $1…$9 substitutions. */
function getMessage(key: string, substitutions?: string | string[]): string {
  const entry = (messages as Record<string, LocaleEntry>)[key];
  if (!entry) return '';
  const values = typeof substitutions === 'string' ? [substitutions] : (substitutions ?? []);
  const withContent = entry.message.replace(/\$(\w+)\$/g, (_, name: string) => {
    return entry.placeholders?.[name.toLowerCase()]?.content ?? '';
  });
  return withContent.replace(/\$(\d)/g, (_, index: string) => values[Number(index) - 1] ?? '');
}

Object.assign(fakeBrowser, {
  cookies: fakeCookies,
  declarativeNetRequest: fakeDeclarativeNetRequest,
  i18n: { ...fakeBrowser.i18n, getMessage },
});
/** Access level each storage area was last restricted to, as storage.setAccessLevel sets it. */
export const storageAccessLevels = new Map<string, string>();
for (const area of ['local', 'session'] as const) {
  Object.assign(fakeBrowser.storage[area], {
    async setAccessLevel({ accessLevel }: { accessLevel: string }) {
      storageAccessLevels.set(area, accessLevel);
    },
  });
}

/** Host permissions granted at run time, as match patterns. */
export const grantedOrigins = new Set<string>();
/** Host permissions from the manifest, granted at install unless a test withholds them. */
export const MANIFEST_ORIGINS = [
  'https://studio.edgeimpulse.com/*',
  'https://docs.edgeimpulse.com/*',
];

Object.assign(fakeBrowser, {
  permissions: {
    async contains({ origins = [] }: { origins?: string[] }) {
      return origins.every((origin) => grantedOrigins.has(origin));
    },
  },
});

Object.assign(fakeBrowser.runtime, {
  id: EXTENSION_ID,
  getURL: (path: string) => `${EXTENSION_ORIGIN}/${path.replace(/^\//, '')}`,
});

/** Clears storage, listeners, cookies and rules between tests. */
export function resetFakeBrowser(): void {
  fakeBrowser.reset();
  cookies = [];
  dynamicRules = [];
  sessionRules = [];
  storageAccessLevels.clear();
  grantedOrigins.clear();
  for (const origin of MANIFEST_ORIGINS) grantedOrigins.add(origin);
}

/** Returns every cookie the code under test set, as the browser's cookie jar would hold them. */
export function storedCookies(): readonly Cookies.Cookie[] {
  return cookies;
}

export { fakeBrowser };
