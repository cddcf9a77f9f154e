/** The options page, driven by its labels like the popup. */
import type { TestBrowser, TestLocator, TestPage } from './test-browser';

export const OPTIONS_PATH = 'src/options/index.html';

export class OptionsPage {
  readonly staySignedIn: TestLocator;
  readonly authenticateDocs: TestLocator;
  readonly address: TestLocator;
  readonly save: TestLocator;
  readonly status: TestLocator;
  readonly alert: TestLocator;

  private constructor(readonly page: TestPage) {
    this.staySignedIn = page.getByLabel('Stay signed in after the browser closes');
    this.authenticateDocs = page.getByLabel('Authenticate the API reference’s “Try it” requests');
    this.address = page.getByRole('textbox', { name: 'Studio address' });
    this.save = page.getByRole('button', { name: 'Save' });
    this.status = page.getByRole('status');
    this.alert = page.getByRole('alert');
  }

  static async open(browser: TestBrowser): Promise<OptionsPage> {
    const page = await browser.newPage(browser.extensionUrl(OPTIONS_PATH));
    await page.locator('main:not([aria-busy="true"])').waitFor();
    return new OptionsPage(page);
  }

  /** Sets "stay signed in" and waits until the background has saved it. */
  async setStaySignedIn(on: boolean): Promise<void> {
    await this.staySignedIn.setChecked(on);
    await this.page.waitForFunction(async (expected) => {
      const answer = (await chrome.runtime.sendMessage({ type: 'getSettings', data: null })) as {
        staySignedIn: boolean;
      };
      return answer.staySignedIn === expected;
    }, on);
  }

  /** Allows an API tool and waits until it is listed. */
  async allowTool(address: string, origin: string): Promise<void> {
    await this.page.getByLabel('Tool address').fill(address);
    await this.page.getByRole('button', { name: 'Allow tool' }).click();
    await this.page.getByRole('button', { name: `Remove ${origin}` }).waitFor();
  }

  /** Enters a Studio address and presses Enter. */
  async submitAddress(address: string): Promise<void> {
    await this.address.fill(address);
    await this.address.press('Enter');
  }

  async close(): Promise<void> {
    await this.page.close();
  }
}
