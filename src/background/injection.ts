/**
 * Keeps the browser's authentication in step with the stored session: the header rule for
 * Studio API calls and the `jwt` cookie for Studio pages.
 */
import browser, { type Cookies, type DeclarativeNetRequest } from 'webextension-polyfill';
import { DOCS_HOST, hostOf, STUDIO_ORIGIN, TOKEN_COOKIE } from '../shared/hosts';
import { defineStorageItem } from '../shared/storage-item';
import { ALL_RULE_IDS, buildCorsRules, buildHeaderRule } from './header-rule';
import { readSettings } from './store';
import { applyTabRules, removeTabRules } from './tab-rules';

export interface Credential {
  token: string;
  studioOrigin: string;
  expiresAt?: number;
  /** Whether rule and cookie outlive a browser restart; otherwise both end with the browser. */
  persistent?: boolean;
}

/**
 * SHA-256 of the token in the last cookie the extension set, and its origin. It lets a new
 * worker that has no session recognise that cookie as its own without storing the token.
 */
const cookieFingerprintItem = defineStorageItem<{ studioOrigin: string; sha256: string }>(
  'local',
  'cookieFingerprint',
);

/** Name of the alarm that ends the session when its token expires. */
export const EXPIRY_ALARM = 'session-expiry';

/**
 * How long before the JWT's expiry the session ends. Chromium may fire an alarm up to
 * 30 seconds late, and an expired token must never be sent.
 */
export const EXPIRY_LEAD_MS = 60_000;

/**
 * Adds the header rule, sets the cookie and schedules the expiry alarm, replacing what an
 * earlier session left.
 */
export async function authenticateBrowser(credential: Credential): Promise<void> {
  // The three steps touch separate browser state, so they run side by side.
  await Promise.all([
    setRules(credential),
    applyTabRules(credential.token, credential.studioOrigin),
    scheduleExpiry(credential),
    setCookie(credential),
  ]);
}

async function setRules({ token, studioOrigin, persistent = true }: Credential): Promise<void> {
  const { toolOrigins } = await readSettings();
  const initiators = [
    hostOf(studioOrigin),
    DOCS_HOST,
    ...toolOrigins.map(({ origin }) => hostOf(origin)),
  ];
  const rules = [
    buildHeaderRule(token, studioOrigin, [...new Set(initiators)]),
    ...buildCorsRules(studioOrigin, toolOrigins),
  ];
  const update = { removeRuleIds: ALL_RULE_IDS, addRules: rules };
  const removal = { removeRuleIds: ALL_RULE_IDS };
  // Session rules end with the browser; dynamic rules persist until removed.
  const dnr = browser.declarativeNetRequest;
  // Every worker start lands here; rewriting rules that already match costs tens of ms.
  // Tab rules are session rules too, but another module keeps them, so they are left out.
  const own = (rules: DeclarativeNetRequest.Rule[]) =>
    rules.filter((rule) => ALL_RULE_IDS.includes(rule.id));
  const [current, other] = persistent
    ? [own(await dnr.getDynamicRules()), own(await dnr.getSessionRules())]
    : [own(await dnr.getSessionRules()), own(await dnr.getDynamicRules())];
  if (other.length === 0 && sameRules(current, rules)) return;
  if (persistent) {
    await dnr.updateSessionRules(removal);
    await dnr.updateDynamicRules(update);
  } else {
    await dnr.updateDynamicRules(removal);
    await dnr.updateSessionRules(update);
  }
}

async function scheduleExpiry({ expiresAt }: Credential): Promise<void> {
  const when = expiresAt === undefined ? undefined : expiresAt - EXPIRY_LEAD_MS;
  const alarm = await browser.alarms.get(EXPIRY_ALARM);
  if (alarm?.scheduledTime === when) return;
  await browser.alarms.clear(EXPIRY_ALARM);
  if (when !== undefined) await browser.alarms.create(EXPIRY_ALARM, { when });
}

/** Compares rules by content; the browser may return them with its defaults filled in. */
function sameRules(
  current: DeclarativeNetRequest.Rule[],
  expected: DeclarativeNetRequest.Rule[],
): boolean {
  if (current.length !== expected.length) return false;
  const byId = new Map(current.map((rule) => [rule.id, rule]));
  return expected.every((rule) => {
    const existing = byId.get(rule.id);
    return existing !== undefined && contains(existing, rule);
  });
}

/** Tells whether every field set in `expected` has the same value in `actual`. */
function contains(actual: unknown, expected: unknown): boolean {
  if (typeof expected !== 'object' || expected === null) return actual === expected;
  if (typeof actual !== 'object' || actual === null) return false;
  return Object.entries(expected).every(([key, value]) =>
    contains((actual as Record<string, unknown>)[key], value),
  );
}

async function setCookie(credential: Credential): Promise<void> {
  const { token, studioOrigin, expiresAt, persistent = true } = credential;
  const url = `${studioOrigin}/`;
  const cookies = await browser.cookies.getAll({ url, name: TOKEN_COOKIE });
  const fingerprint = await cookieFingerprintItem.get();
  const digest = await sha256(token);
  // A session cookie is one without an expiry; whether it has one follows the setting.
  const sessionCookie = !(persistent && expiresAt !== undefined);
  const current = cookies.some(
    (cookie) => cookie.hostOnly && cookie.value === token && cookie.session === sessionCookie,
  );
  if (current && fingerprint?.sha256 === digest) return;
  await cookieFingerprintItem.set({ studioOrigin, sha256: digest });
  await browser.cookies.set({
    url,
    name: TOKEN_COOKIE,
    value: token,
    path: '/',
    secure: studioOrigin.startsWith('https:'),
    // NOTE: assumes Studio's own scripts never read the jwt cookie; not verified on the real site.
    httpOnly: true,
    sameSite: 'lax',
    // Without an expiry the browser drops the cookie when it closes.
    ...(persistent && expiresAt !== undefined
      ? { expirationDate: Math.floor(expiresAt / 1000) }
      : {}),
  });
}

/**
 * Removes the header rules, the expiry alarm, and the cookie when it still carries the
 * extension's token. A cookie with another value came from signing in on Studio itself.
 */
export async function deauthenticateBrowser(credential?: Credential): Promise<void> {
  await browser.alarms.clear(EXPIRY_ALARM);
  await removeTabRules();
  const removal = { removeRuleIds: ALL_RULE_IDS };
  await browser.declarativeNetRequest.updateDynamicRules(removal);
  await browser.declarativeNetRequest.updateSessionRules(removal);
  const fingerprint = await cookieFingerprintItem.get();
  const studioOrigin = credential?.studioOrigin ?? fingerprint?.studioOrigin ?? STUDIO_ORIGIN;
  const url = `${studioOrigin}/`;
  // A sibling subdomain can plant a domain-wide `jwt` cookie that cookies.get would return
  // first, so every cookie of that name is checked. The extension sets only host-only ones.
  const cookies = await browser.cookies.getAll({ url, name: TOKEN_COOKIE });
  for (const cookie of cookies) {
    if (!cookie.hostOnly) continue;
    if (await isOwnCookie(cookie.value, credential, fingerprint?.sha256)) {
      await expireHostOnlyCookie(url, cookie);
    }
  }
  await cookieFingerprintItem.remove();
}

/**
 * Deletes one host-only cookie by setting an expired cookie with the same name, host and path.
 * cookies.remove takes only a URL and a name, so it cannot tell this cookie from a domain-wide
 * one of the same name. Chromium 156 deletes both. Firefox 153 deletes only the one with the
 * longest path, then the earliest created, which can be the planted one. See
 * https://developer.mozilla.org/docs/Mozilla/Add-ons/WebExtensions/API/cookies/remove
 */
async function expireHostOnlyCookie(url: string, cookie: Cookies.Cookie): Promise<void> {
  await browser.cookies.set({
    url,
    name: cookie.name,
    value: '',
    path: cookie.path,
    secure: cookie.secure,
    httpOnly: cookie.httpOnly,
    storeId: cookie.storeId,
    // One second after the Unix epoch is long past, so the browser drops the cookie.
    expirationDate: 1,
  });
}

async function isOwnCookie(value: string, credential?: Credential, fingerprint?: string) {
  if (credential) return value === credential.token;
  return fingerprint !== undefined && (await sha256(value)) === fingerprint;
}

async function sha256(text: string): Promise<string> {
  const digest = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(text));
  return Array.from(new Uint8Array(digest), (byte) => byte.toString(16).padStart(2, '0')).join('');
}
