import { describe, expect, test } from 'vitest';
import browser from 'webextension-polyfill';
import { indexedDbContents } from '../testing/indexed-db';
import { defineIndexedDbItem } from './indexed-db-item';

interface Note {
  text: string;
}

const noteItem = defineIndexedDbItem<Note>('note');
const otherItem = defineIndexedDbItem<Note>('other');

describe('IndexedDB item', () => {
  test('is undefined before a set', async () => {
    expect(await noteItem.get()).toBeUndefined();
  });

  test('returns what was set', async () => {
    await noteItem.set({ text: 'first' });
    await noteItem.set({ text: 'second' });

    expect(await noteItem.get()).toEqual({ text: 'second' });
  });

  test('remove deletes only its own key', async () => {
    await noteItem.set({ text: 'mine' });
    await otherItem.set({ text: 'theirs' });

    await noteItem.remove();
    expect(await noteItem.get()).toBeUndefined();
    expect(await otherItem.get()).toEqual({ text: 'theirs' });
  });

  test('remove of a missing key succeeds', async () => {
    await expect(noteItem.remove()).resolves.toBeUndefined();
  });

  test('stores nothing in extension storage', async () => {
    await noteItem.set({ text: 'secret' });

    expect(await indexedDbContents()).toContain('secret');
    expect(JSON.stringify(await browser.storage.local.get())).not.toContain('secret');
    expect(JSON.stringify(await browser.storage.session.get())).not.toContain('secret');
  });

  test('rejects a value that cannot be cloned', async () => {
    const unclonable = { text: 'x', toString: () => 'x' } as Note;

    await expect(noteItem.set(unclonable)).rejects.toMatchObject({ name: 'DataCloneError' });
    expect(await noteItem.get()).toBeUndefined();
  });

  test('rejects when a newer build upgraded the database', async () => {
    await noteItem.set({ text: 'kept' });
    await new Promise((resolve, reject) => {
      const request = indexedDB.open('ei-session', 2);
      request.onsuccess = () => resolve(request.result.close());
      request.onerror = () => reject(request.error);
    });

    await expect(noteItem.get()).rejects.toMatchObject({ name: 'VersionError' });
  });
});
