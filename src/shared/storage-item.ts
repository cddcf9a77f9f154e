import browser from 'webextension-polyfill';

/**
 * Storage area of an item. `session` is kept in memory, cleared when the browser
 * closes, and hidden from content scripts by default; `local` persists on disk. Content
 * scripts can read `local` in Firefox, so it must hold no secret.
 */
export type StorageAreaName = 'local' | 'session';

export interface StorageItem<T> {
  readonly key: string;
  get(): Promise<T | undefined>;
  set(value: T): Promise<void>;
  remove(): Promise<void>;
}

/** Declares a typed storage item once, so that its key and area appear nowhere else. */
export function defineStorageItem<T>(area: StorageAreaName, key: string): StorageItem<T> {
  const storage = () => browser.storage[area];
  return {
    key,
    async get() {
      const stored = await storage().get(key);
      return stored[key] as T | undefined;
    },
    set: (value) => storage().set({ [key]: value }),
    remove: () => storage().remove(key),
  };
}
