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

describe('installPlaygroundAuth', () => {
  test('leaves a document of another site alone', () => {
    const page = { dispatchEvent: vi.fn(), addEventListener: vi.fn() };
    const fetch = vi.fn();
    vi.stubGlobal('location', { origin: 'https://tool.example', href: 'https://tool.example/' });
    vi.stubGlobal('window', page);
    vi.stubGlobal('fetch', fetch);

    installPlaygroundAuth(AUTH, TARGET);
    expect(page.dispatchEvent).not.toHaveBeenCalled();
    expect(page.addEventListener).not.toHaveBeenCalled();
    expect(globalThis.fetch).toBe(fetch);
  });

  test('hands a new token to the wrapper already installed', () => {
    const page = { dispatchEvent: vi.fn(() => false), addEventListener: vi.fn() };
    const fetch = vi.fn();
    vi.stubGlobal('location', { origin: TARGET.docsOrigin, href: `${TARGET.docsOrigin}/` });
    vi.stubGlobal('window', page);
    vi.stubGlobal('fetch', fetch);

    installPlaygroundAuth(AUTH, TARGET);
    const [event] = page.dispatchEvent.mock.calls[0] as unknown as [CustomEvent];
    expect(event.type).toBe(TARGET.channel);
    expect(event.detail).toEqual(AUTH);
    expect(page.addEventListener).not.toHaveBeenCalled();
    expect(globalThis.fetch).toBe(fetch);
  });
});
