import { afterEach, describe, expect, test, vi } from 'vitest';
import { fakeBrowser } from '../testing/fake-browser';
import type { PlaygroundTarget } from './playground-page';

const DOCS_TAB = { id: 7, url: 'https://docs.edgeimpulse.com/apis/studio/projects' };

afterEach(() => {
  vi.restoreAllMocks();
});

/** Records the target of every injection, because the fake browser has no scripting API. */
function recordInjections(): PlaygroundTarget[] {
  const targets: PlaygroundTarget[] = [];
  const executeScript = (details: { args: [unknown, PlaygroundTarget] }) => {
    targets.push(details.args[1]);
    return Promise.resolve([]);
  };
  Object.assign(fakeBrowser, { scripting: { executeScript } });
  vi.spyOn(fakeBrowser.tabs, 'query').mockResolvedValue([DOCS_TAB] as never);
  return targets;
}

describe('syncPlaygroundTabs', () => {
  test('keeps the channel across background restarts', async () => {
    const targets = recordInjections();

    await (await import('./playground')).syncPlaygroundTabs();
    // A reload or an update of the extension clears memory and storage.session.
    vi.resetModules();
    await fakeBrowser.storage.session.clear();
    await (await import('./playground')).syncPlaygroundTabs();
    expect(targets).toHaveLength(2);
    expect(targets[0]?.channel).toMatch(/^ei-session-[0-9a-f-]{36}$/);
    expect(targets[1]?.channel).toBe(targets[0]?.channel);
    expect(targets[0]?.docsOrigin).toBe('https://docs.edgeimpulse.com');
  });
});
