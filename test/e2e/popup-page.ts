/**
 * The popup, driven the way a user drives it: by labels, button names and what appears in
 * its alert. Opened as a tab, since headless Chromium has no toolbar to click.
 */
import type { TestBrowser, TestLocator, TestPage } from './test-browser';

export const POPUP_PATH = 'src/popup/index.html';

export class PopupPage {
  readonly username: TestLocator;
  readonly password: TestLocator;
  readonly logIn: TestLocator;
  readonly code: TestLocator;
  readonly verify: TestLocator;
  readonly cancel: TestLocator;
  readonly signOutButton: TestLocator;
  readonly alert: TestLocator;
  readonly signedInAs: TestLocator;
  readonly allowAccess: TestLocator;

  private constructor(readonly page: TestPage) {
    this.username = page.getByLabel('Username or e-mail');
    this.password = page.getByLabel('Password', { exact: true });
    this.logIn = page.getByRole('button', { name: 'Log in' });
    this.code = page.getByLabel('Authentication code');
    this.verify = page.getByRole('button', { name: 'Verify' });
    this.cancel = page.getByRole('button', { name: 'Cancel' });
    this.signOutButton = page.getByRole('button', { name: 'Sign out' });
    this.alert = page.getByRole('alert');
    // The signed-in view is a region named by this line; a live region repeats the text.
    this.signedInAs = page.getByRole('region').getByText(/^Signed in as /);
    this.allowAccess = page.getByRole('button', { name: 'Allow access' });
  }

  static async open(browser: TestBrowser): Promise<PopupPage> {
    const page = await browser.newPage(browser.extensionUrl(POPUP_PATH));
    await page.locator('main:not([aria-busy="true"])').waitFor();
    return new PopupPage(page);
  }

  /** Fills the sign-in form and presses Enter. */
  async submitSignIn(username: string, password: string): Promise<void> {
    await this.username.fill(username);
    await this.password.fill(password);
    await this.password.press('Enter');
  }

  /** Signs in and waits for the signed-in view. */
  async signIn(username: string, password: string): Promise<void> {
    await this.submitSignIn(username, password);
    await this.signedInAs.waitFor();
  }

  async submitCode(code: string): Promise<void> {
    await this.code.fill(code);
    await this.code.press('Enter');
  }

  async signOut(): Promise<void> {
    await this.signOutButton.click();
    await this.logIn.waitFor();
  }

  async close(): Promise<void> {
    await this.page.close();
  }
}
