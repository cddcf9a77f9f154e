/**
 * The background's message handlers, one per message type. Each request is checked for its
 * sender and its shape before a handler runs.
 */
import browser, { type Runtime } from 'webextension-polyfill';
import { findInputProblem, isValidCode, normalizeCode } from '../shared/input';
import { log } from '../shared/log';
import { originPattern } from '../shared/studio-address';
import {
  isFromExtensionPage,
  type BackgroundMessages,
  type BackgroundMessageType,
  type Credentials,
} from '../shared/messages';
import { adoptStudioSession } from './adopt';
import { validateSession } from './expiry';
import { cancelCode, readView, signIn, signOut, submitCode } from './session';
import { parseSettingsPatch, readSettings, updateSettings } from './settings';
import { sessionItem } from './store';
import { readAuthenticatedTabs, setTabAuthenticated } from './tab-rules';

type Handlers = {
  [K in BackgroundMessageType]: (data: unknown) => Promise<BackgroundMessages[K]['response']>;
};

const handlers: Handlers = {
  getSession: () => {
    // The popup opening is a good moment to learn that Studio revoked the token.
    void validateSession();
    return readView();
  },
  signIn: (data) => signIn(parseCredentials(data)),
  submitCode: (data) => submitCode(parseCode(data)),
  cancelCode: () => cancelCode(),
  signOut: () => signOut(),
  adoptStudioSession: async () => adoptStudioSession((await readSettings()).studioOrigin),
  copyToken: async () => {
    const session = await sessionItem.get();
    return session && !session.signingOut ? { token: session.token } : null;
  },
  getTabAuthentication: async (data) => {
    const { id } = await parseTab(data);
    return (await readAuthenticatedTabs()).includes(id);
  },
  setTabAuthentication: async (data) => {
    const { id, url } = await parseTab(data);
    const { on, grantedPattern } = data as { on?: unknown; grantedPattern?: unknown };
    const pattern = parseHostPattern(grantedPattern);
    // activeTab, or the access the popup requested, lets the worker see the tab's address.
    const site = url && /^https?:/.test(url) ? new URL(url) : undefined;
    if (pattern && pattern !== (site && originPattern(site.origin))) {
      throw new Error(`Invalid grantedPattern: ${pattern} is not the pattern of tab ${id}`);
    }
    const session = await sessionItem.get();
    const credential = session && !session.signingOut ? session : undefined;
    return setTabAuthenticated(id, on === true, credential, {
      host: site?.hostname,
      grantedPattern: pattern,
    });
  },
  getSettings: () => readSettings(),
  updateSettings: (data) => updateSettings(parseSettingsPatch(data)),
};

/**
 * Handles one runtime message. Rejects messages from senders that are not this extension's
 * pages, of unknown type, or with invalid data; the sender receives the error.
 */
export async function handleMessage(message: unknown, sender: Runtime.MessageSender) {
  if (!isFromExtensionPage(sender)) {
    log.warn('Message rejected: sender is not an extension page', { url: sender.url });
    throw new Error('Message rejected: sender is not an extension page');
  }
  const type = (message as { type?: unknown } | null)?.type;
  if (typeof type !== 'string' || !Object.hasOwn(handlers, type)) {
    throw new Error(`Unknown message type: ${String(type).slice(0, 40)}`);
  }
  const handler = handlers[type as BackgroundMessageType];
  return handler((message as { data?: unknown }).data);
}

function parseCredentials(data: unknown): Credentials {
  const { username, password } = (data ?? {}) as Record<string, unknown>;
  return { username: parseInput(username, 'username'), password: parseInput(password, 'password') };
}

function parseCode(data: unknown): string {
  const code = normalizeCode(parseInput((data as { code?: unknown } | null)?.code, 'code'));
  if (!isValidCode(code)) throw new Error('Invalid code: expected 6 to 8 digits');
  return code;
}

/** Accepts the id of an open tab and returns its id and address, if the worker may see it. */
async function parseTab(data: unknown): Promise<{ id: number; url?: string }> {
  const tabId = (data as { tabId?: unknown } | null)?.tabId;
  if (typeof tabId !== 'number' || !Number.isInteger(tabId) || tabId < 0) {
    throw new Error('Invalid tabId: expected the id of an open tab');
  }
  // The browser's lookup rejects the id of a tab that is not open.
  const { url } = await browser.tabs.get(tabId);
  return { id: tabId, url };
}

/** Accepts no pattern, or one host's http or https match pattern, as originPattern writes it. */
function parseHostPattern(value: unknown): string | undefined {
  if (value === undefined) return undefined;
  if (typeof value === 'string' && /^https?:\/\/[^/*]+\/\*$/.test(value)) return value;
  throw new Error(
    'Invalid grantedPattern: expected a match pattern such as https://tool.example/*',
  );
}

/** Accepts a string that passes the same checks as the popup's form. */
export function parseInput(value: unknown, field: string): string {
  const problem = typeof value === 'string' ? findInputProblem(value) : 'empty';
  if (problem) throw new Error(`Invalid ${field}: ${problem}`);
  return value as string;
}
