import { describe, expect, test } from 'vitest';
import browser, { type Runtime } from 'webextension-polyfill';
import { EXTENSION_ID, EXTENSION_ORIGIN } from '../testing/fake-browser';
import { handleMessage } from './messages';

const POPUP: Runtime.MessageSender = {
  id: EXTENSION_ID,
  url: `${EXTENSION_ORIGIN}/src/popup/index.html`,
};

describe('handleMessage', () => {
  test('answers getSession from the popup', async () => {
    await expect(handleMessage({ type: 'getSession', data: null }, POPUP)).resolves.toMatchObject({
      status: 'signedOut',
    });
  });

  test.each<[string, Runtime.MessageSender]>([
    [
      'a content script',
      { id: EXTENSION_ID, url: 'https://evil.example/', tab: { id: 3 } as never },
    ],
    ['another extension', { id: 'other-id', url: 'chrome-extension://other-id/page.html' }],
    ['a sender without URL', { id: EXTENSION_ID }],
    ['a look-alike URL', { id: EXTENSION_ID, url: `${EXTENSION_ORIGIN}.evil.example/` }],
  ])('security: rejects %s', async (_, sender) => {
    await expect(handleMessage({ type: 'getSession', data: null }, sender)).rejects.toThrow(
      'sender is not an extension page',
    );
  });

  test('security: copyToken rejects a content script', async () => {
    const contentScript = {
      id: EXTENSION_ID,
      url: 'https://docs.edgeimpulse.com/',
      tab: { id: 3 },
    };
    await expect(
      handleMessage({ type: 'copyToken', data: null }, contentScript as Runtime.MessageSender),
    ).rejects.toThrow('sender is not an extension page');
  });

  test.each([
    ['unknown type', { type: 'getToken', data: null }],
    ['inherited property', { type: 'toString', data: null }],
    ['no type', { data: null }],
    ['null', null],
  ])('rejects %s', async (_, message) => {
    await expect(handleMessage(message, POPUP)).rejects.toThrow('Unknown message type');
  });

  test.each([
    ['empty username', { username: ' ', password: 'x' }],
    ['missing password', { username: 'alice' }],
    ['password over 1,000 characters', { username: 'alice', password: 'x'.repeat(1001) }],
    ['username with a control character', { username: 'ali\u0000ce', password: 'x' }],
    ['username that is not a string', { username: ['alice'], password: 'x' }],
  ])('signIn rejects %s before any request', async (_, data) => {
    await expect(handleMessage({ type: 'signIn', data }, POPUP)).rejects.toThrow('Invalid');
  });

  test.each([-1, 1.5, '7', null])('setTabAuthentication rejects tab id %j', async (tabId) => {
    await expect(
      handleMessage({ type: 'setTabAuthentication', data: { tabId, on: true } }, POPUP),
    ).rejects.toThrow('Invalid tabId');
  });

  test.each(['https://evil.example/*', 'https://tool.example.evil.example/*'])(
    'security: setTabAuthentication rejects access to %s for a tool.example tab',
    async (grantedPattern) => {
      const tab = await browser.tabs.create({ url: 'https://tool.example/app' });
      const data = { tabId: tab.id, on: true, grantedPattern };
      await expect(handleMessage({ type: 'setTabAuthentication', data }, POPUP)).rejects.toThrow(
        `Invalid grantedPattern: ${grantedPattern} is not the pattern of tab`,
      );
    },
  );

  test.each(['12345', 'abcdef', '123456789'])('submitCode rejects %s', async (code) => {
    await expect(handleMessage({ type: 'submitCode', data: { code } }, POPUP)).rejects.toThrow(
      'Invalid code',
    );
  });
});
