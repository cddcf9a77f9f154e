/**
 * Storage items in the extension origin's own IndexedDB, which persists on disk. No content
 * script can read it, in any browser, because `indexedDB` in a content script is the web
 * page's. Content scripts in Firefox can read storage.local, by contrast.
 */
import type { StorageItem } from '../shared/storage-item';

const DATABASE_NAME = 'ei-session';
const STORE_NAME = 'items';

function settle<T>(request: IDBRequest<T>): Promise<T> {
  return new Promise((resolve, reject) => {
    request.onsuccess = () => resolve(request.result);
    request.onerror = () => reject(request.error);
  });
}

function openDatabase(): Promise<IDBDatabase> {
  const request = indexedDB.open(DATABASE_NAME, 1);
  request.onupgradeneeded = () => request.result.createObjectStore(STORE_NAME);
  return settle(request);
}

/**
 * Runs one request in its own transaction and resolves once the transaction has committed.
 * Each call opens and closes its connection, so that no open connection blocks a later
 * version upgrade.
 */
async function runRequest<T>(
  mode: IDBTransactionMode,
  makeRequest: (store: IDBObjectStore) => IDBRequest<T>,
): Promise<T> {
  const database = await openDatabase();
  try {
    // Strict durability makes the browser flush the write to disk before it completes, so that
    // a power loss cannot bring back a removed token.
    const transaction = database.transaction(STORE_NAME, mode, { durability: 'strict' });
    const request = makeRequest(transaction.objectStore(STORE_NAME));
    await new Promise((resolve, reject) => {
      transaction.oncomplete = resolve;
      // A failed request aborts the transaction, so abort covers every failure.
      transaction.onabort = () => reject(transaction.error ?? request.error);
    });
    return request.result;
  } finally {
    database.close();
  }
}

/** Declares a typed item in the extension's IndexedDB, with the same interface as storage items. */
export function defineIndexedDbItem<T>(key: string): StorageItem<T> {
  return {
    key,
    get: () => runRequest('readonly', (store) => store.get(key) as IDBRequest<T | undefined>),
    set: async (value) => {
      await runRequest('readwrite', (store) => store.put(value, key));
    },
    remove: () => runRequest('readwrite', (store) => store.delete(key)),
  };
}
