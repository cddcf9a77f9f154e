import { afterEach, beforeEach, describe, expect, test, vi } from 'vitest';
import { DEFAULT_SETTINGS } from '../shared/messages';
import { fakeBrowser } from '../testing/fake-browser';
import { makeJwt } from '../testing/fake-fetch';
import type { PlaygroundAuth, PlaygroundTarget } from './playground-page';
import { sessionItem, settingsItem } from './store';

const DOCS_TAB = { id: 7, url: 'https://docs.edgeimpulse.com/apis/studio/projects' };

const EXPIRES_AT = Date.now() + 3_600_000;
const SESSION = {
  token: makeJwt(Math.floor(EXPIRES_AT / 1000)),
  studioOrigin: 'https://studio.edgeimpulse.com',
  expiresAt: EXPIRES_AT,
  profile: { id: 7, username: 'alice', name: 'Alice Example', email: 'alice@example.com' },
};

beforeEach(async () => {
  await settingsItem.set({ ...DEFAULT_SETTINGS, authenticateDocs: true });
  await sessionItem.set(SESSION);
});

afterEach(() => {
  vi.restoreAllMocks();
});

/** Records the target of every injection, because the fake browser has no scripting API. */
function recordInjections(): { auth: PlaygroundAuth | null; target: PlaygroundTarget }[] {
  const injections: { auth: PlaygroundAuth | null; target: PlaygroundTarget }[] = [];
  const executeScript = (details: { args: [PlaygroundAuth | null, PlaygroundTarget] }) => {
    const [auth, target] = details.args;
    injections.push({ auth, target });
    return Promise.resolve([]);
  };
  Object.assign(fakeBrowser, { scripting: { executeScript } });
  vi.spyOn(fakeBrowser.tabs, 'query').mockResolvedValue([DOCS_TAB] as never);
  return injections;
}

describe('syncPlaygroundTabs', () => {
  test('keeps the channel across background restarts', async () => {
    const injections = recordInjections();

    await (await import('./playground')).syncPlaygroundTabs();
    // A reload or an update of the extension clears memory and storage.session.
    vi.resetModules();
    await fakeBrowser.storage.session.clear();
    await (await import('./playground')).syncPlaygroundTabs();
    const [first, second] = injections.map(({ target }) => target);
    expect(injections).toHaveLength(2);
    expect(first?.channel).toMatch(/^ei-session-[0-9a-f-]{36}$/);
    expect(second?.channel).toBe(first?.channel);
    expect(first?.docsOrigin).toBe('https://docs.edgeimpulse.com');
  });

  test('sign-out clears pages, then retires the channel', async () => {
    const injections = recordInjections();
    const { syncPlaygroundTabs } = await import('./playground');

    await syncPlaygroundTabs();
    await sessionItem.remove();
    await syncPlaygroundTabs();
    await syncPlaygroundTabs();
    await sessionItem.set(SESSION);
    await syncPlaygroundTabs();
    const [signedIn, signedOut, signedInAgain] = injections;
    expect(injections).toHaveLength(3);
    expect(signedIn?.auth?.token).toBe(SESSION.token);
    expect(signedIn?.auth?.expiresAt).toBe(EXPIRES_AT - 60_000);
    expect(signedOut?.auth).toBeNull();
    expect(signedOut?.target.channel).toBe(signedIn?.target.channel);
    expect(signedInAgain?.target.channel).not.toBe(signedIn?.target.channel);
  });
});
