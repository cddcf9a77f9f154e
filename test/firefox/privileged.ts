/**
 * Test hooks that Firefox offers no WebDriver BiDi command for: stopping the extension's
 * background, changing its host permissions, clicking its toolbar button and installing it
 * for good. Each runs a function in Firefox's parent process (the "chrome" scope), which
 * Firefox's BiDi server allows only when the browser was started with
 * `--remote-allow-system-access` (checked with Firefox ESR 153 and puppeteer-core 24.43).
 */
import { readdir } from 'node:fs/promises';
import { join, relative, sep } from 'node:path';
import puppeteer, { type Browser, type Page } from 'puppeteer-core';
import { writeZip } from '../../scripts/zip';
import { extensionUrl, FIREFOX_PATH, GECKO_ID } from './firefox-browser';

/** The part of puppeteer's internal BidiConnection that these hooks use. */
interface BidiConnection {
  send(method: string, params: object): Promise<{ result: unknown }>;
}

interface BrowsingContextInfo {
  context: string;
  url: string;
}

type EvaluateResult =
  | { type: 'success'; result: { type: string; value?: unknown } }
  | { type: 'exception'; exceptionDetails: { text: string } };

/**
 * Returns puppeteer's WebDriver BiDi connection, to send commands that puppeteer has no API
 * for. `Browser.connection` exists on puppeteer's BiDi browser but is not public API.
 */
function bidiConnection(browser: Browser): BidiConnection {
  const connection = (browser as unknown as { connection?: BidiConnection }).connection;
  if (typeof connection?.send !== 'function') {
    throw new Error('The browser has no WebDriver BiDi connection: launch it with puppeteer');
  }
  return connection;
}

/** Returns the BiDi id of the first browser window's chrome document (browser.xhtml). */
async function chromeWindowContext(connection: BidiConnection): Promise<string> {
  const { result } = await connection.send('browsingContext.getTree', {
    'moz:scope': 'chrome',
    maxDepth: 0,
  });
  const { contexts } = result as { contexts: BrowsingContextInfo[] };
  const window = contexts.find((context) => context.url.startsWith('chrome://browser/'));
  if (!window) {
    const urls = contexts.map((context) => context.url).join(', ') || 'none';
    throw new Error(
      `No browser window found in the chrome scope (contexts: ${urls}). ` +
        'Launch Firefox with --remote-allow-system-access.',
    );
  }
  return window.context;
}

/**
 * Calls `parentFunction` in a browser window of Firefox's parent process and returns its
 * result. The function is sent as source text, so it can use only its arguments and the
 * window's globals. Arguments and result travel as JSON.
 */
export async function evaluateInParent<Args extends unknown[], Result>(
  browser: Browser,
  parentFunction: (...args: Args) => Result | Promise<Result>,
  ...args: Args
): Promise<Result> {
  const connection = bidiConnection(browser);
  const context = await chromeWindowContext(connection);
  const { result } = await connection.send('script.callFunction', {
    functionDeclaration: `async (json) => JSON.stringify(await (${parentFunction.toString()})(...JSON.parse(json)))`,
    arguments: [{ type: 'string', value: JSON.stringify(args) }],
    target: { context },
    awaitPromise: true,
  });
  const evaluation = result as EvaluateResult;
  if (evaluation.type === 'exception') {
    throw new Error(`Script in the parent process failed: ${evaluation.exceptionDetails.text}`);
  }
  const json = evaluation.result.value;
  return (typeof json === 'string' ? JSON.parse(json) : undefined) as Result;
}

// Globals of a browser window in Firefox's parent process, typed only as far as the
// functions below use them. They exist there, not in Node.
declare const ChromeUtils: { importESModule<Module>(url: string): Module };
declare const Services: {
  obs: {
    addObserver(observer: object, topic: string): void;
    removeObserver(observer: object, topic: string): void;
  };
};
declare const WebExtensionPolicy: { getByID(id: string): { extension?: ParentExtension } | null };

interface ParentExtension {
  backgroundState: 'starting' | 'running' | 'suspending' | 'stopped';
  terminateBackground(options: {
    ignoreDevToolsAttached: boolean;
    disableResetIdleForTest: boolean;
  }): Promise<void>;
}

interface Permissions {
  permissions: string[];
  origins: string[];
}

/**
 * Stops the extension's background page (an event page in Firefox), as Firefox does after
 * `extensions.background.idle.timeout` (30 s) idle and as Chromium's DevTools
 * `ServiceWorker.stopAllWorkers` does. Its in-memory state is lost, and the next event or
 * message starts it again. Resolves once the background has stopped.
 */
export async function stopBackground(browser: Browser): Promise<void> {
  const state = await evaluateInParent(
    browser,
    async (id: string) => {
      const extension = WebExtensionPolicy.getByID(id)?.extension;
      if (!extension) throw new Error(`Add-on ${id} is not running`);
      // Stopping a stopped background logs an error and waits for the next start.
      if (extension.backgroundState === 'stopped') return extension.backgroundState;
      // The options skip the checks that keep a busy background running past its idle
      // timeout (pending listener calls, open native ports, active stream filters).
      await extension.terminateBackground({
        ignoreDevToolsAttached: true,
        disableResetIdleForTest: true,
      });
      return extension.backgroundState;
    },
    GECKO_ID,
  );
  if (state !== 'stopped') throw new Error(`The background is ${state} instead of stopped`);
}

/**
 * Changes the extension's granted permissions in the parent process, as the toggles under
 * "Permissions" in about:addons do (Firefox ESR 153, addon-card.mjs): without a prompt, and
 * saved in the profile.
 */
function updatePermissions(browser: Browser, action: 'add' | 'remove', origins: string[]) {
  return evaluateInParent(
    browser,
    async (id: string, action: 'add' | 'remove', origins: string[]) => {
      type PermissionsModule = {
        ExtensionPermissions: {
          add(id: string, perms: Permissions, emitter?: unknown): Promise<void>;
          remove(id: string, perms: Permissions, emitter?: unknown): Promise<void>;
          normalizeOptional(perms: Permissions, optional: Permissions): Permissions;
        };
      };
      type AddonManagerModule = {
        AddonManager: {
          getAddonByID(id: string): Promise<{ optionalPermissions: Permissions } | null>;
        };
      };
      const { ExtensionPermissions } = ChromeUtils.importESModule<PermissionsModule>(
        'resource://gre/modules/ExtensionPermissions.sys.mjs',
      );
      const { AddonManager } = ChromeUtils.importESModule<AddonManagerModule>(
        'resource://gre/modules/AddonManager.sys.mjs',
      );
      const addon = await AddonManager.getAddonByID(id);
      if (!addon) throw new Error(`Add-on ${id} is not installed`);
      // Like about:addons, this moves manifest host permissions that Firefox lists as
      // optional (MV3 host_permissions are) into the optional set it can add and remove.
      const perms = ExtensionPermissions.normalizeOptional(
        { permissions: [], origins },
        addon.optionalPermissions,
      );
      // Passing the running extension updates its allowed origins at once.
      const extension = WebExtensionPolicy.getByID(id)?.extension;
      await ExtensionPermissions[action](id, perms, extension);
    },
    GECKO_ID,
    action,
    origins,
  );
}

/**
 * Grants the extension access to more hosts without a prompt, as a user does in
 * about:addons. `origins` are match patterns such as `https://studio.acme.example/*`.
 */
export async function grantHostPermissions(browser: Browser, origins: string[]): Promise<void> {
  await updatePermissions(browser, 'add', origins);
}

/**
 * Withdraws host permissions, as a user does by switching them off in about:addons. The
 * extension can ask for them again with permissions.request.
 */
export async function withdrawHostPermissions(browser: Browser, origins: string[]) {
  await updatePermissions(browser, 'remove', origins);
}

/** The window property that keeps the permission prompt observer between calls. */
const PROMPT_KEY = 'eiSessionPermissionPrompt';

/**
 * Answers the extension's next permission prompt with Allow or Don't allow, as the user does,
 * and returns a function that waits for that prompt and returns the origins it requested.
 * Firefox announces each prompt of permissions.request to observers of
 * `webextension-optional-permission-prompt` with a `resolve` callback (ext-permissions.js),
 * and the first answer counts. Firefox's own handler may still open the prompt's panel, and
 * its later answer is ignored.
 */
export async function answerPermissionPrompt(
  browser: Browser,
  allow: boolean,
): Promise<() => Promise<string[]>> {
  await evaluateInParent(
    browser,
    (key: string, allow: boolean) => {
      type PromptSubject = {
        wrappedJSObject: { permissions: { origins: string[] }; resolve(allow: boolean): void };
      };
      const topic = 'webextension-optional-permission-prompt';
      const store = window as unknown as Record<string, PromptAnswer | undefined>;
      // A test that failed before its prompt leaves an observer waiting.
      const earlier = store[key];
      if (earlier?.waiting) Services.obs.removeObserver(earlier.observer, topic);
      let answered: (origins: string[]) => void = () => {};
      const answer: PromptAnswer = {
        waiting: true,
        observer: {
          observe(subject: PromptSubject) {
            Services.obs.removeObserver(answer.observer, topic);
            answer.waiting = false;
            subject.wrappedJSObject.resolve(allow);
            answered(subject.wrappedJSObject.permissions.origins);
          },
        },
        origins: new Promise<string[]>((resolve) => (answered = resolve)),
      };
      store[key] = answer;
      Services.obs.addObserver(answer.observer, topic);
    },
    PROMPT_KEY,
    allow,
  );
  return () =>
    evaluateInParent(
      browser,
      (key: string) => (window as unknown as Record<string, PromptAnswer>)[key]!.origins,
      PROMPT_KEY,
    );
}

/** A standing answer to the next permission prompt, kept on a window of the parent process. */
interface PromptAnswer {
  waiting: boolean;
  observer: object;
  origins: Promise<string[]>;
}

/**
 * Clicks the extension's toolbar button over `page`, as Chromium's DevTools
 * `Extensions.triggerAction` does: the tab is selected, the extension gets activeTab for it,
 * and Firefox opens the popup if the window has focus.
 */
export async function clickToolbarButton(browser: Browser, page: Page): Promise<void> {
  // Puppeteer's BiDi frame stores the BiDi browsing context id in `_id`, which is internal.
  const navigableId = (page.mainFrame() as unknown as { _id: string })._id;
  await evaluateInParent(
    browser,
    (id: string, navigableId: string) => {
      type XulBrowser = { ownerDocument: { defaultView: ChromeWindow } };
      type ChromeWindow = {
        gBrowser: { selectedTab: unknown; getTabForBrowser(browser: XulBrowser): unknown };
      };
      type NavigableModule = {
        NavigableManager: { getBrowserById(id: string): XulBrowser | null };
      };
      type ParentModule = {
        ExtensionParent: {
          apiManager: {
            global: {
              browserActionFor?(extension: ParentExtension): {
                triggerAction(window: ChromeWindow): void;
              };
            };
          };
        };
      };
      const extension = WebExtensionPolicy.getByID(id)?.extension;
      if (!extension) throw new Error(`Add-on ${id} is not running`);
      const { NavigableManager } = ChromeUtils.importESModule<NavigableModule>(
        'chrome://remote/content/shared/NavigableManager.sys.mjs',
      );
      const tabBrowser = NavigableManager.getBrowserById(navigableId);
      if (!tabBrowser) throw new Error(`No tab has the browsing context ${navigableId}`);
      const window = tabBrowser.ownerDocument.defaultView;
      window.gBrowser.selectedTab = window.gBrowser.getTabForBrowser(tabBrowser);
      // ext-browserAction.js, which handles `action` in manifest version 3, puts this
      // lookup on the global of Firefox's ext-*.js scripts.
      const { ExtensionParent } = ChromeUtils.importESModule<ParentModule>(
        'resource://gre/modules/ExtensionParent.sys.mjs',
      );
      const action = ExtensionParent.apiManager.global.browserActionFor?.(extension);
      if (!action) throw new Error(`Add-on ${id} has no toolbar button`);
      action.triggerAction(window);
    },
    GECKO_ID,
    navigableId,
  );
}

/**
 * Writes the build in `buildDir` as an XPI file, the ZIP archive that Firefox installs for
 * good. Firefox ESR installs it unsigned when `xpinstall.signatures.required` is false.
 */
export async function writeXpi(buildDir: string, xpiPath: string): Promise<void> {
  const entries = await readdir(buildDir, { recursive: true, withFileTypes: true });
  const files = entries
    .filter((entry) => entry.isFile())
    .map((entry) => {
      const path = join(entry.parentPath, entry.name);
      return { name: relative(buildDir, path).split(sep).join('/'), path };
    });
  await writeZip(xpiPath, files);
}

/**
 * Installs an XPI file for good, through WebDriver BiDi's `webExtension.install` with
 * Firefox's `moz:permanent`. Unlike a temporary add-on, it stays installed in the profile
 * when Firefox closes. Returns the add-on id.
 */
export async function installPermanently(browser: Browser, xpiPath: string): Promise<string> {
  const { result } = await bidiConnection(browser).send('webExtension.install', {
    extensionData: { type: 'archivePath', path: xpiPath },
    'moz:permanent': true,
  });
  return (result as { extension: string }).extension;
}

/**
 * Preferences that let Firefox ESR install the unsigned XPI for good and keep it enabled in
 * a profile that tests reopen. Release builds of Firefox ignore the signature preference.
 */
export const PERMANENT_INSTALL_PREFERENCES: Readonly<Record<string, unknown>> = {
  'xpinstall.signatures.required': false,
  // Enables add-ons found in every install location (all 4 scope bits), without a prompt.
  'extensions.autoDisableScopes': 0,
  'extensions.enabledScopes': 15,
};

export interface ProfileLaunchOptions {
  headless: boolean;
  /** Preferences to set on top of PERMANENT_INSTALL_PREFERENCES and the extension's UUID. */
  extraPrefsFirefox?: Record<string, unknown>;
  acceptInsecureCerts?: boolean;
}

/**
 * Starts Firefox on the profile in `profileDir`, creating it if it is empty, so that a test
 * can close the browser and start it again on the same profile. It opens the chrome scope to
 * BiDi (`--remote-allow-system-access`) but does not install the extension: call
 * installPermanently once, after the first start.
 */
export async function launchFirefoxWithProfile(
  profileDir: string,
  options: ProfileLaunchOptions,
): Promise<Browser> {
  const extensionHost = new URL(extensionUrl('')).host;
  // NOTE: puppeteer-core 24.43 backs up an existing prefs.js at launch and puts the backup
  // back at close (FirefoxLauncher.cleanUserDataDir), so preference changes that Firefox
  // makes from the second start on are lost. Read from puppeteer's source, not tested.
  return puppeteer.launch({
    browser: 'firefox',
    executablePath: FIREFOX_PATH,
    headless: options.headless,
    userDataDir: profileDir,
    args: ['--remote-allow-system-access'],
    acceptInsecureCerts: options.acceptInsecureCerts ?? false,
    extraPrefsFirefox: {
      ...PERMANENT_INSTALL_PREFERENCES,
      'extensions.webextensions.uuids': JSON.stringify({ [GECKO_ID]: extensionHost }),
      'extensions.originControls.grantByDefault': true,
      ...options.extraPrefsFirefox,
    },
  });
}
