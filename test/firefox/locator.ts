/**
 * Playwright's locator calls on top of puppeteer-core, for Firefox. They wait as Playwright's
 * do, and keep its strict mode: an action on a locator that matches more than one element
 * fails. Names and text match as in Playwright, and locate.ts does the matching in the page.
 */
import type { ElementHandle, Frame, KeyInput, Page } from 'puppeteer-core';
import type {
  RoleOptions,
  TestKeyboard,
  TestLocator,
  TestPage,
  TextOptions,
  WaitOptions,
} from '../e2e/test-browser';
import { locate, type Condition, type Step, type TextPattern } from './locate';

/** Playwright's default time for a locator to find its element. */
const TIMEOUT_MS = 30_000;
const POLL_MS = 50;

function pattern(text: string | RegExp, options: TextOptions = {}): TextPattern {
  if (text instanceof RegExp) return { source: text.source, flags: text.flags };
  return { string: text, exact: options.exact ?? false };
}

export class PuppeteerLocator implements TestLocator {
  constructor(
    private readonly frame: () => Promise<Frame>,
    private readonly steps: Step[],
  ) {}

  getByRole(role: string, options: RoleOptions = {}): TestLocator {
    const name = options.name === undefined ? undefined : pattern(options.name, options);
    return this.then({ kind: 'role', role, name });
  }

  getByLabel(text: string | RegExp, options?: TextOptions): TestLocator {
    return this.then({ kind: 'label', text: pattern(text, options) });
  }

  getByText(text: string | RegExp, options?: TextOptions): TestLocator {
    return this.then({ kind: 'text', text: pattern(text, options) });
  }

  locator(selector: string): TestLocator {
    return this.then({ kind: 'css', selector });
  }

  filter({ hasText }: { hasText: string | RegExp }): TestLocator {
    return this.then({ kind: 'hasText', text: pattern(hasText) });
  }

  async waitFor({ state = 'visible', timeout = TIMEOUT_MS }: WaitOptions = {}): Promise<void> {
    if (state === 'attached' || state === 'visible') {
      const element = await this.element(state, timeout);
      await element.dispose();
      return;
    }
    const frame = await this.frame();
    const options = { polling: POLL_MS, timeout };
    await (await frame.waitForFunction(locate, options, this.steps, state)).dispose();
  }

  async click(): Promise<void> {
    await this.act('enabled', (element) => element.click());
  }

  async fill(value: string): Promise<void> {
    // Sets the value as typing would, through the prototype's setter, so Preact gets the input.
    await this.act('enabled', (element) =>
      element.evaluate((input, value) => {
        const field = input as HTMLInputElement;
        field.focus();
        const prototype = Object.getPrototypeOf(field) as object;
        Object.getOwnPropertyDescriptor(prototype, 'value')?.set?.call(field, value);
        field.dispatchEvent(new InputEvent('input', { bubbles: true, inputType: 'insertText' }));
        field.dispatchEvent(new Event('change', { bubbles: true }));
      }, value),
    );
  }

  async press(key: string): Promise<void> {
    const frame = await this.frame();
    await this.act('enabled', async (element) => {
      await element.focus();
      await pressKeys(frame.page(), key);
    });
  }

  async check(): Promise<void> {
    await this.setChecked(true);
  }

  async setChecked(checked: boolean): Promise<void> {
    if ((await this.isChecked()) !== checked) await this.click();
    if ((await this.isChecked()) !== checked) {
      throw new Error(`Clicking ${this.describe()} did not make it ${checked ? '' : 'un'}checked`);
    }
  }

  textContent(): Promise<string | null> {
    return this.read((element) => element.textContent);
  }

  inputValue(): Promise<string> {
    return this.read((element) => (element as HTMLInputElement).value);
  }

  getAttribute(name: string): Promise<string | null> {
    return this.read((element, name) => element.getAttribute(name), name);
  }

  /** Tells at once, without waiting, whether the one matching element is visible. */
  async isVisible(): Promise<boolean> {
    const frame = await this.frame();
    const found = await frame.evaluate(locate, this.steps, 'visible' as Condition);
    if (typeof found === 'string') throw new Error(`${this.describe()}: ${found}`);
    return found !== false;
  }

  isEnabled(): Promise<boolean> {
    return this.read((element) => !element.matches(':disabled'));
  }

  async isDisabled(): Promise<boolean> {
    return !(await this.isEnabled());
  }

  isChecked(): Promise<boolean> {
    return this.read((element) => (element as HTMLInputElement).checked);
  }

  async count(): Promise<number> {
    const frame = await this.frame();
    return (await frame.evaluate(locate, this.steps, 'count' as const)) as number;
  }

  evaluate<R, A>(fn: (element: Element, arg: A) => R | Promise<R>, arg?: A): Promise<R> {
    return this.read(fn as (element: Element, arg: A | undefined) => R, arg);
  }

  private then(step: Step): PuppeteerLocator {
    return new PuppeteerLocator(this.frame, [...this.steps, step]);
  }

  private describe(): string {
    return `locator ${JSON.stringify(this.steps)}`;
  }

  /** Waits for the one element that meets `condition` and returns a handle to it. */
  private async element(condition: Condition, timeout = TIMEOUT_MS): Promise<ElementHandle> {
    const frame = await this.frame();
    try {
      const handle = await frame.waitForFunction(
        locate,
        { polling: POLL_MS, timeout },
        this.steps,
        condition,
      );
      const element = handle.asElement();
      if (element) return element as ElementHandle;
      const message = String(await handle.jsonValue());
      await handle.dispose();
      throw new Error(`${this.describe()}: ${message}`);
    } catch (error) {
      if (error instanceof Error && error.name === 'TimeoutError') {
        throw new Error(`Timed out after ${timeout} ms waiting for ${this.describe()}`, {
          cause: error,
        });
      }
      throw error;
    }
  }

  private async act(condition: Condition, action: (element: ElementHandle) => Promise<unknown>) {
    const element = await this.element(condition);
    try {
      await action(element);
    } finally {
      await element.dispose().catch(() => {
        // The action may have closed the page or replaced the element.
      });
    }
  }

  private async read<R, A>(fn: (element: Element, arg: A) => R | Promise<R>, arg?: A) {
    let result: R | undefined;
    await this.act('attached', async (element) => {
      result = (await element.evaluate(fn as never, arg)) as R;
    });
    return result as R;
  }
}

/** Presses a key or a combination such as `Shift+Tab`, as Playwright's keyboard.press does. */
async function pressKeys(page: Page, combination: string): Promise<void> {
  const keys = combination.split('+') as KeyInput[];
  const key = keys.pop()!;
  for (const modifier of keys) await page.keyboard.down(modifier);
  await page.keyboard.press(key);
  for (const modifier of keys.reverse()) await page.keyboard.up(modifier);
}

export type ColorScheme = 'light' | 'dark';

/** A puppeteer page with the calls of Playwright's Page that the tests use. */
export class FirefoxPage implements TestPage {
  readonly keyboard: TestKeyboard;
  private readonly root: PuppeteerLocator;

  /**
   * `emulateColorScheme` sets the colour scheme of every page, because puppeteer emulates
   * media features through the DevTools protocol only.
   */
  constructor(
    readonly page: Page,
    private readonly emulateColorScheme: (scheme: ColorScheme) => Promise<void>,
  ) {
    this.root = new PuppeteerLocator(async () => page.mainFrame(), []);
    this.keyboard = {
      press: (key) => pressKeys(page, key),
      type: (text) => page.keyboard.type(text),
    };
  }

  getByRole(role: string, options?: RoleOptions): TestLocator {
    return this.root.getByRole(role, options);
  }

  getByLabel(text: string | RegExp, options?: TextOptions): TestLocator {
    return this.root.getByLabel(text, options);
  }

  getByText(text: string | RegExp, options?: TextOptions): TestLocator {
    return this.root.getByText(text, options);
  }

  locator(selector: string): TestLocator {
    return this.root.locator(selector);
  }

  frameLocator(selector: string): { locator(selector: string): TestLocator } {
    const frame = async () => {
      const iframe = await this.page.waitForSelector(selector, { timeout: TIMEOUT_MS });
      const content = await iframe!.contentFrame();
      if (!content) throw new Error(`${selector} has no document`);
      return content;
    };
    return { locator: (inner) => new PuppeteerLocator(frame, [{ kind: 'css', selector: inner }]) };
  }

  evaluate<R, A>(fn: ((arg: A) => R | Promise<R>) | string, arg?: A): Promise<R> {
    return this.page.evaluate(fn as never, arg) as Promise<R>;
  }

  waitForFunction<A>(fn: (arg: A) => unknown, arg: A): Promise<unknown> {
    return this.page.waitForFunction(fn as never, { polling: POLL_MS, timeout: TIMEOUT_MS }, arg);
  }

  async waitForURL(url: string): Promise<void> {
    await this.page.waitForFunction((url) => location.href === url, { polling: POLL_MS }, url);
  }

  url(): string {
    return this.page.url();
  }

  content(): Promise<string> {
    return this.page.content();
  }

  /**
   * Reloads the page. Pages of the extension get no WebDriver BiDi navigation events, so
   * for them the wait is for a new document that has loaded.
   */
  async reload(): Promise<unknown> {
    const url = await this.page.evaluate(() => location.href);
    if (!url.startsWith('moz-extension:')) return this.page.reload();
    await this.page.evaluate(() => {
      (globalThis as { reloading?: boolean }).reloading = true;
      setTimeout(() => location.reload(), 0);
    });
    return this.page.waitForFunction(
      () => !('reloading' in globalThis) && document.readyState === 'complete',
      { polling: POLL_MS, timeout: TIMEOUT_MS },
    );
  }

  bringToFront(): Promise<void> {
    return this.page.bringToFront();
  }

  setViewportSize(size: { width: number; height: number }): Promise<void> {
    return this.page.setViewport(size);
  }

  /** Emulates the colour scheme; tests launch Firefox with reduced motion preferred. */
  async emulateMedia(media: { colorScheme: ColorScheme }): Promise<void> {
    await this.emulateColorScheme(media.colorScheme);
  }

  screenshot(options: { path: string }): Promise<unknown> {
    return this.page.screenshot({ path: options.path as `${string}.png` });
  }

  async close(): Promise<void> {
    await this.page.close();
  }
}
