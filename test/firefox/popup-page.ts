/**
 * The popup in Firefox, driven the way a user drives it: by accessible names and roles, and
 * by what appears in its alert. The methods match test/e2e/popup-page.ts. Opened as a tab,
 * since headless Firefox has no toolbar to click.
 */
import type { Page } from 'puppeteer-core';
import type { FirefoxExtensionBrowser } from './firefox-browser';

export const POPUP_PATH = 'src/popup/index.html';

/**
 * Selects the input that a `<label>` with exactly this text names, like Playwright's
 * getByLabel. An ARIA selector cannot find the password field, because Firefox gives
 * `<input type="password">` no role that WebDriver BiDi's accessibility locator matches.
 */
function byLabel(text: string): string {
  return `::-p-xpath(//input[@id=//label[normalize-space()="${text}"]/@for])`;
}

const USERNAME = byLabel('Username or e-mail');
const PASSWORD = byLabel('Password');
const CODE = byLabel('Authentication code');
// Puppeteer's ARIA selectors, which Firefox resolves from its accessibility tree.
const LOG_IN = '::-p-aria([name="Log in"][role="button"])';
const SIGN_OUT = '::-p-aria([name="Sign out"][role="button"])';
const ALERT = '::-p-aria([role="alert"])';
// The signed-in view is a region named by this line. A live region repeats the text, so the
// selector looks only inside the region.
const SIGNED_IN_AS = '::-p-aria([role="region"]) ::-p-text(Signed in as )';

export class FirefoxPopupPage {
  private constructor(readonly page: Page) {}

  static async open(browser: FirefoxExtensionBrowser): Promise<FirefoxPopupPage> {
    const page = await browser.openExtensionPage(POPUP_PATH, 'main:not([aria-busy="true"])');
    return new FirefoxPopupPage(page);
  }

  /** Fills the sign-in form and presses Enter. */
  async submitSignIn(username: string, password: string): Promise<void> {
    await this.page.locator(USERNAME).fill(username);
    await this.page.locator(PASSWORD).fill(password);
    await this.pressEnterIn(PASSWORD);
  }

  /** Signs in and waits for the signed-in view. */
  async signIn(username: string, password: string): Promise<void> {
    await this.submitSignIn(username, password);
    await this.page.waitForSelector(SIGNED_IN_AS);
  }

  async submitCode(code: string): Promise<void> {
    await this.page.locator(CODE).fill(code);
    await this.pressEnterIn(CODE);
  }

  async signOut(): Promise<void> {
    await this.page.locator(SIGN_OUT).click();
    await this.page.waitForSelector(LOG_IN);
  }

  /** Waits for the alert and returns its text. */
  async alertText(): Promise<string> {
    return this.textOf(ALERT);
  }

  /** Waits for the signed-in view and returns its "Signed in as …" line. */
  async signedInText(): Promise<string> {
    return this.textOf(SIGNED_IN_AS);
  }

  async usernameValue(): Promise<string> {
    return this.valueOf(USERNAME);
  }

  async passwordValue(): Promise<string> {
    return this.valueOf(PASSWORD);
  }

  /** Waits for the authentication code field, shown when Studio requires the code (MFA). */
  async waitForCodeField(): Promise<void> {
    await this.page.waitForSelector(CODE);
  }

  async close(): Promise<void> {
    await this.page.close();
  }

  private async pressEnterIn(selector: string): Promise<void> {
    const field = await this.page.waitForSelector(selector);
    await field!.press('Enter');
  }

  private async textOf(selector: string): Promise<string> {
    const element = await this.page.waitForSelector(selector);
    return element!.evaluate((node) => node.textContent ?? '');
  }

  private async valueOf(selector: string): Promise<string> {
    const element = await this.page.waitForSelector(selector);
    return element!.evaluate((node) => (node as HTMLInputElement).value);
  }
}
