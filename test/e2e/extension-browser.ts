/**
 * Launches Debian's Chromium with the built extension and a stand-in Studio behind the real
 * host names. Tests run inside a private network namespace (test/netns.sh), so the browser
 * reaches nothing but the stand-in.
 */
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import {
  chromium,
  type BrowserContext,
  type ConsoleMessage,
  type Page,
  type Worker,
} from 'playwright-core';
import { STUDIO_ORIGIN, type Studio } from '../studio';
import { clearExtension, MANIFEST_ORIGINS } from './reset';
import type { LaunchOptions, TestBrowser, TestCookie } from './test-browser';

export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
export const EXTENSION_DIR = resolve('dist/chrome');

/** A Chromium profile with the extension loaded. */
export class ExtensionBrowser implements TestBrowser {
  readonly name = 'chromium';

  private constructor(
    readonly context: BrowserContext,
    readonly extensionId: string,
    readonly profileDir: string,
    private readonly ownsProfile: boolean,
  ) {}

  static async launch(studio: Studio, options: LaunchOptions = {}): Promise<ExtensionBrowser> {
    const profileDir = options.profileDir ?? (await mkdtemp(join(tmpdir(), 'ei-session-profile-')));
    await allowThirdPartyCookies(profileDir);
    const language = options.language ?? 'en-US';
    const context = await chromium.launchPersistentContext(profileDir, {
      executablePath: CHROMIUM_PATH,
      headless: true,
      args: [...chromiumArgs(studio), `--lang=${language}`],
      // Chromium on Linux takes its interface language from the environment too.
      env: { ...process.env, LANGUAGE: language, LANG: `${language.replace('-', '_')}.UTF-8` },
      locale: language,
    });
    const worker = context.serviceWorkers()[0] ?? (await context.waitForEvent('serviceworker'));
    const extensionId = new URL(worker.url()).host;
    return new ExtensionBrowser(context, extensionId, profileDir, options.profileDir === undefined);
  }

  /** Returns the running service worker, waiting for a new one if the last one was stopped. */
  async worker(): Promise<Worker> {
    const running = this.context.serviceWorkers().find((w) => w.url().includes(this.extensionId));
    return running ?? this.context.waitForEvent('serviceworker');
  }

  extensionUrl(path: string): string {
    return `chrome-extension://${this.extensionId}/${path}`;
  }

  async newPage(url?: string): Promise<Page> {
    const page = await this.context.newPage();
    if (url) await page.goto(url);
    return page;
  }

  waitForNewPage(): Promise<Page> {
    return this.context.waitForEvent('page');
  }

  async pageUrls(): Promise<string[]> {
    return this.context.pages().map((page) => page.url());
  }

  cookies(url: string): Promise<TestCookie[]> {
    return this.context.cookies(url);
  }

  async evaluateInExtension<R, A>(fn: (arg: A) => R | Promise<R>, arg?: A): Promise<R> {
    const worker = await this.worker();
    return worker.evaluate(fn as (arg: unknown) => R, arg);
  }

  stopBackground(): Promise<void> {
    return this.stopWorker();
  }

  async recordConsole(): Promise<() => Promise<string[]>> {
    const texts: string[] = [];
    const record = (message: ConsoleMessage) => texts.push(message.text());
    // The context's console event covers pages only, so each service worker is watched too.
    this.context.on('console', record);
    for (const worker of this.context.serviceWorkers()) worker.on('console', record);
    this.context.on('serviceworker', (worker) => worker.on('console', record));
    return async () => texts;
  }

  /**
   * Reads the clipboard from a Studio tab, because Chromium lets tests grant clipboard access
   * to web origins only.
   */
  async readClipboard(): Promise<string> {
    const origin = new URL(STUDIO_ORIGIN).origin;
    await this.context.grantPermissions(['clipboard-read'], { origin });
    const reader = await this.newPage(`${origin}/`);
    await reader.bringToFront();
    const text = await reader.evaluate(() => navigator.clipboard.readText());
    await reader.close();
    return text;
  }

  /**
   * Closes every tab, deletes every cookie, empties the extension's storage, rules and alarms,
   * and stops its service worker, which the next event starts from empty storage, as after an
   * install. Returns false when the test changed the extension's host access, which only a
   * new profile resets.
   */
  async reset(): Promise<boolean> {
    const blank = await this.context.newPage();
    for (const page of this.context.pages()) if (page !== blank) await page.close();
    await this.context.clearCookies();
    const origins = await (await this.worker()).evaluate(clearExtension);
    await this.stopWorker();
    return JSON.stringify(origins) === JSON.stringify(MANIFEST_ORIGINS);
  }

  /**
   * Stops the extension's service worker through the DevTools protocol, as Chromium does
   * after 30 seconds idle. The next event or message starts a new one.
   */
  async stopWorker(): Promise<void> {
    const page = await this.context.newPage();
    const devtools = await this.context.newCDPSession(page);
    await devtools.send('ServiceWorker.enable');
    await devtools.send('ServiceWorker.stopAllWorkers');
    await devtools.detach();
    await page.close();
  }

  /**
   * Grants the extension access to more hosts, as a user does under "Site access" on
   * chrome://extensions. Headless Chromium cannot answer the permission prompt that
   * permissions.request shows, but it grants without a prompt what the user allowed here.
   */
  async grantSiteAccess(patterns: string[]): Promise<void> {
    const page = await this.newPage(`chrome://extensions/?id=${this.extensionId}`);
    await page.evaluate(
      async ({ extensionId, patterns }) => {
        const developer = (chrome as unknown as { developerPrivate: DeveloperPrivate })
          .developerPrivate;
        const info = await developer.getExtensionInfo(extensionId);
        await developer.updateExtensionConfiguration({
          extensionId,
          hostAccess: 'ON_SPECIFIC_SITES',
        });
        const granted = info.permissions.runtimeHostPermissions?.hosts ?? [];
        const hosts = [
          ...granted.filter((host) => host.granted).map((host) => host.host),
          ...patterns,
        ];
        for (const host of hosts) await developer.addHostPermission(extensionId, host);
      },
      { extensionId: this.extensionId, patterns },
    );
    await page.close();
  }

  /**
   * Clicks the extension's toolbar button over a page, through the DevTools protocol's
   * Extensions.triggerAction, which needs --enable-unsafe-extension-debugging. As a real click
   * does, it grants activeTab for that tab and opens the popup, which Playwright cannot reach.
   */
  async clickToolbarButton(page: Page): Promise<void> {
    const browser = this.context.browser();
    if (!browser) throw new Error('The persistent context has no browser to send commands to');
    const devtools = await browser.newBrowserCDPSession();
    const { targetInfos } = (await devtools.send('Target.getTargets', {
      filter: [{ type: 'tab' }],
    } as never)) as { targetInfos: { targetId: string; url: string }[] };
    const tab = targetInfos.find((target) => target.url === page.url());
    if (!tab) throw new Error(`No tab target shows ${page.url()}`);
    await devtools.send(
      'Extensions.triggerAction' as never,
      {
        id: this.extensionId,
        targetId: tab.targetId,
      } as never,
    );
    await devtools.detach();
  }

  /** Withholds all site access, as a user does by choosing "On click" on chrome://extensions. */
  async withholdSiteAccess(): Promise<void> {
    const page = await this.newPage(`chrome://extensions/?id=${this.extensionId}`);
    await page.evaluate(async (extensionId) => {
      const developer = (chrome as unknown as { developerPrivate: DeveloperPrivate })
        .developerPrivate;
      await developer.updateExtensionConfiguration({ extensionId, hostAccess: 'ON_CLICK' });
    }, this.extensionId);
    await page.close();
  }

  /** Rejects: Chromium answers its permission prompt only in its own browser tests. */
  answerPermissionPrompt(): Promise<() => Promise<string[]>> {
    return Promise.reject(
      new Error('Cannot answer a Chromium permission prompt from a test. Run the test in Firefox.'),
    );
  }

  /** Closes the browser; the profile folder stays when the caller passed it in. */
  async close(): Promise<void> {
    await this.context.close();
    if (this.ownsProfile) await rm(this.profileDir, { recursive: true, force: true });
  }
}

function chromiumArgs(studio: Studio): string[] {
  return [
    '--no-sandbox',
    '--disable-gpu',
    '--disable-quic',
    '--no-first-run',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
    '--disable-default-apps',
    `--disable-extensions-except=${EXTENSION_DIR}`,
    `--load-extension=${EXTENSION_DIR}`,
    '--enable-unsafe-extension-debugging',
    `--host-resolver-rules=${studio.hostRules}`,
    '--ignore-certificate-errors',
  ];
}

/**
 * Chromium blocks third-party cookies by default, which would hide whether our cookie's
 * SameSite setting keeps it off cross-site requests. Tests allow them, as many users do.
 */
async function allowThirdPartyCookies(profileDir: string): Promise<void> {
  const defaultDir = join(profileDir, 'Default');
  await mkdir(defaultDir, { recursive: true });
  const preferences = { profile: { cookie_controls_mode: 0 } };
  await writeFile(join(defaultDir, 'Preferences'), JSON.stringify(preferences), {
    flag: 'wx',
  }).catch((error: NodeJS.ErrnoException) => {
    if (error.code !== 'EEXIST') throw error;
  });
}

/** The part of chrome://extensions' private API that grantSiteAccess uses. */
interface DeveloperPrivate {
  getExtensionInfo(id: string): Promise<{
    permissions: { runtimeHostPermissions?: { hosts: { host: string; granted: boolean }[] } };
  }>;
  updateExtensionConfiguration(update: { extensionId: string; hostAccess: string }): Promise<void>;
  addHostPermission(id: string, host: string): Promise<void>;
}
