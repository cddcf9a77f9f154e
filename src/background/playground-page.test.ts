import { afterEach, describe, expect, test, vi } from 'vitest';
import { installPlaygroundAuth, type PlaygroundAuth } from './playground-page';

const AUTH: PlaygroundAuth = {
  token: 'token-for-docs-only',
  studioOrigin: 'https://studio.edgeimpulse.com',
  proxyPath: '/_mintlify/api/request',
  note: 'Signed in',
  dismissLabel: 'Dismiss',
};
const TARGET = { docsOrigin: 'https://docs.edgeimpulse.com', channel: 'ei-session-test' };

afterEach(() => {
  vi.unstubAllGlobals();
});

/**
 * Stubs `document` with the prototype methods that installPlaygroundAuth calls, and records
 * each event it sends. `wrapperInstalled` makes every event cancelled, as an earlier wrapper
 * does. Otherwise events go unanswered.
 */
function fakeDocument(wrapperInstalled: boolean) {
  const sent: { type: string; detail: unknown }[] = [];
  const listeners: string[] = [];
  const prototype = {
    createEvent: () => ({
      initCustomEvent(type: string, _bubbles: boolean, _cancelable: boolean, detail: unknown) {
        sent.push({ type, detail });
      },
    }),
    dispatchEvent: () => !wrapperInstalled,
    addEventListener: (type: string) => listeners.push(type),
  };
  const document = Object.create(prototype) as object;
  vi.stubGlobal('document', document);
  return { document, sent, listeners };
}

describe('installPlaygroundAuth', () => {
  test('leaves a document of another site alone', () => {
    const page = fakeDocument(false);
    const fetch = vi.fn();
    vi.stubGlobal('location', { origin: 'https://tool.example', href: 'https://tool.example/' });
    vi.stubGlobal('fetch', fetch);

    installPlaygroundAuth(AUTH, TARGET);
    expect(page.sent).toEqual([]);
    expect(page.listeners).toEqual([]);
    expect(globalThis.fetch).toBe(fetch);
  });

  test('hands a new token to the wrapper already installed', () => {
    const page = fakeDocument(true);
    const fetch = vi.fn();
    vi.stubGlobal('location', { origin: TARGET.docsOrigin, href: `${TARGET.docsOrigin}/` });
    vi.stubGlobal('fetch', fetch);

    installPlaygroundAuth(AUTH, TARGET);
    expect(page.sent).toEqual([{ type: TARGET.channel, detail: AUTH }]);
    expect(page.listeners).toEqual([]);
    expect(globalThis.fetch).toBe(fetch);
  });

  test('security: shadowed dispatchEvent sees no token', () => {
    const page = fakeDocument(true);
    const shadow = vi.fn(() => true);
    Object.assign(page.document, { dispatchEvent: shadow, createEvent: shadow });
    vi.stubGlobal('location', { origin: TARGET.docsOrigin, href: `${TARGET.docsOrigin}/` });
    vi.stubGlobal('window', { dispatchEvent: shadow, CustomEvent: shadow });

    installPlaygroundAuth(AUTH, TARGET);
    expect(shadow).not.toHaveBeenCalled();
    expect(page.sent[0]?.detail).toEqual(AUTH);
  });
});
