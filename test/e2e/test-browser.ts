/**
 * The browser under test, as the end-to-end suite uses it. Chromium implements it with
 * Playwright (extension-browser.ts) and Firefox with puppeteer-core (test/firefox). The page
 * and locator types are the subset of Playwright's that the tests use, so a Playwright page
 * is one as it is, and the Firefox driver implements the same calls with the same rules.
 * `E2E_BROWSER` chooses the browser: `chromium` (the default) or `firefox`.
 */
import type { Studio } from '../studio';

export type BrowserName = 'chromium' | 'firefox';

export const BROWSER: BrowserName = process.env.E2E_BROWSER === 'firefox' ? 'firefox' : 'chromium';

export interface TextOptions {
  exact?: boolean;
}

export interface RoleOptions extends TextOptions {
  name?: string | RegExp;
}

export interface WaitOptions {
  state?: 'attached' | 'detached' | 'visible' | 'hidden';
  timeout?: number;
}

/** Elements on a page, found again at each call, like Playwright's Locator. */
export interface TestLocator {
  getByRole(role: string, options?: RoleOptions): TestLocator;
  getByLabel(text: string | RegExp, options?: TextOptions): TestLocator;
  getByText(text: string | RegExp, options?: TextOptions): TestLocator;
  locator(selector: string): TestLocator;
  filter(options: { hasText: string | RegExp }): TestLocator;
  waitFor(options?: WaitOptions): Promise<void>;
  click(): Promise<void>;
  fill(value: string): Promise<void>;
  press(key: string): Promise<void>;
  check(): Promise<void>;
  setChecked(checked: boolean): Promise<void>;
  textContent(): Promise<string | null>;
  inputValue(): Promise<string>;
  getAttribute(name: string): Promise<string | null>;
  isVisible(): Promise<boolean>;
  isEnabled(): Promise<boolean>;
  isDisabled(): Promise<boolean>;
  isChecked(): Promise<boolean>;
  count(): Promise<number>;
  evaluate<R, A>(fn: (element: Element, arg: A) => R | Promise<R>, arg: A): Promise<R>;
  evaluate<R>(fn: (element: Element) => R | Promise<R>): Promise<R>;
}

export interface TestKeyboard {
  press(key: string): Promise<void>;
  type(text: string): Promise<void>;
}

/** A tab. */
export interface TestPage {
  readonly keyboard: TestKeyboard;
  getByRole(role: string, options?: RoleOptions): TestLocator;
  getByLabel(text: string | RegExp, options?: TextOptions): TestLocator;
  getByText(text: string | RegExp, options?: TextOptions): TestLocator;
  locator(selector: string): TestLocator;
  frameLocator(selector: string): { locator(selector: string): TestLocator };
  evaluate<R, A>(fn: (arg: A) => R | Promise<R>, arg: A): Promise<R>;
  evaluate<R>(fn: (() => R | Promise<R>) | string): Promise<R>;
  /** Waits until `fn`, run in the page, returns a truthy value. */
  waitForFunction<A>(fn: (arg: A) => unknown, arg: A): Promise<unknown>;
  waitForURL(url: string): Promise<void>;
  url(): string;
  content(): Promise<string>;
  reload(): Promise<unknown>;
  /** Makes this the selected tab of its window. */
  bringToFront(): Promise<void>;
  setViewportSize(size: { width: number; height: number }): Promise<void>;
  emulateMedia(media: { colorScheme: 'light' | 'dark'; reducedMotion: 'reduce' }): Promise<void>;
  screenshot(options: { path: string }): Promise<unknown>;
  close(): Promise<void>;
}

export interface TestCookie {
  name: string;
  value: string;
  domain: string;
  path: string;
  /** Seconds since the epoch; -1 for a session cookie. */
  expires: number;
  httpOnly: boolean;
  secure: boolean;
  sameSite: 'Strict' | 'Lax' | 'None';
}

export interface LaunchOptions {
  /** Reuse a profile folder, to test what survives a browser restart. */
  profileDir?: string;
  /** The browser's interface language, which extensions get their messages in; English if unset. */
  language?: string;
}

/** A browser profile with the extension installed, against the stand-in Studio. */
export interface TestBrowser {
  readonly name: BrowserName;
  /** The extension's id: generated in Chromium, the gecko id in Firefox. */
  readonly extensionId: string;
  extensionUrl(path: string): string;
  /** Opens a tab, and waits for `url` to load unless it is a page of the extension. */
  newPage(url?: string): Promise<TestPage>;
  /** Returns the next tab that opens, such as one a link with target="_blank" opens. */
  waitForNewPage(): Promise<TestPage>;
  /** Returns the URL of every open tab. */
  pageUrls(): Promise<string[]>;
  /** Returns the cookies that the browser would send to `url`. */
  cookies(url: string): Promise<TestCookie[]>;
  /**
   * Runs a function where the extension's `chrome` APIs are available: the service worker in
   * Chromium, a page of the extension in Firefox.
   */
  evaluateInExtension<R, A>(fn: (arg: A) => R | Promise<R>, arg: A): Promise<R>;
  evaluateInExtension<R>(fn: () => R | Promise<R>): Promise<R>;
  /** Stops the extension's background, as the browser does when it has been idle. */
  stopBackground(): Promise<void>;
  /**
   * Grants the extension access to more hosts (match patterns), without the prompt that
   * headless browsers cannot answer, as a user does in the browser's extension settings.
   */
  grantSiteAccess(patterns: string[]): Promise<void>;
  /** Withdraws the host access that the manifest requests, as a user can. */
  withholdSiteAccess(): Promise<void>;
  /**
   * Answers the extension's next permission prompt with Allow or Don't allow, and returns a
   * function that waits for the prompt and returns the origins it requested. Firefox only:
   * Chromium's prompt cannot be answered from a test.
   */
  answerPermissionPrompt(allow: boolean): Promise<() => Promise<string[]>>;
  /** Clicks the extension's toolbar button over a tab, which grants activeTab for it. */
  clickToolbarButton(page: TestPage): Promise<void>;
  /** Returns the text on the system clipboard. */
  readClipboard(): Promise<string>;
  /**
   * Starts recording the console of tabs and of the extension's background, and returns a
   * function that returns the text of each message so far.
   */
  recordConsole(): Promise<() => Promise<string[]>>;
  /**
   * Brings the extension and profile back to a new install's state between tests. Returns
   * false when it cannot, and the caller then launches a new browser.
   */
  reset(): Promise<boolean>;
  close(): Promise<void>;
}

export type LaunchBrowser = (studio: Studio, options?: LaunchOptions) => Promise<TestBrowser>;
