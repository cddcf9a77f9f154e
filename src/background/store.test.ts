import { describe, expect, test } from 'vitest';
import browser from 'webextension-polyfill';
import { makeJwt } from '../testing/fake-fetch';
import { indexedDbContents } from '../testing/indexed-db';
import { sessionItem, type StoredSession } from './store';

const TOKEN = makeJwt(1_900_000_000);

function storedSession(persistent: boolean): StoredSession {
  return {
    token: TOKEN,
    studioOrigin: 'https://studio.edgeimpulse.com',
    persistent,
    profile: { username: 'alice', name: 'Alice Example', email: 'alice@example.com' },
  };
}

async function placesHoldingToken(): Promise<string[]> {
  const places = [];
  for (const area of ['local', 'session', 'sync'] as const) {
    if (JSON.stringify(await browser.storage[area].get()).includes(TOKEN)) places.push(area);
  }
  if ((await indexedDbContents()).includes(TOKEN)) places.push('indexedDB');
  return places;
}

describe('sessionItem', () => {
  test('keeps a persistent session in IndexedDB only', async () => {
    await sessionItem.set(storedSession(true));

    expect(await placesHoldingToken()).toEqual(['indexedDB']);
    expect(await sessionItem.get()).toEqual(storedSession(true));
  });

  test('keeps a memory session in storage.session only', async () => {
    await sessionItem.set(storedSession(false));

    expect(await placesHoldingToken()).toEqual(['session']);
    expect(await sessionItem.get()).toEqual(storedSession(false));
  });

  test('moving to memory removes the IndexedDB copy', async () => {
    await sessionItem.set(storedSession(true));

    await sessionItem.set(storedSession(false));
    expect(await placesHoldingToken()).toEqual(['session']);
  });

  test('moving to disk removes the memory copy', async () => {
    await sessionItem.set(storedSession(false));

    await sessionItem.set(storedSession(true));
    expect(await placesHoldingToken()).toEqual(['indexedDB']);
  });

  test('remove leaves the token nowhere', async () => {
    await sessionItem.set(storedSession(true));

    await sessionItem.remove();
    expect(await sessionItem.get()).toBeUndefined();
    expect(await placesHoldingToken()).toEqual([]);
  });
});
