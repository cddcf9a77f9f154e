/** Reads of the extension's stored data, for tests that check where the token is. */

/**
 * Returns storage.local, storage.session and every IndexedDB record of the extension's
 * origin as JSON. It runs through evaluateInExtension, so it refers to no name outside itself.
 */
export async function readExtensionStorage(): Promise<string> {
  const settle = <T>(request: IDBRequest<T>) =>
    new Promise<T>((resolve, reject) => {
      request.onsuccess = () => resolve(request.result);
      request.onerror = () => reject(request.error);
    });
  const records: unknown[] = [];
  for (const { name } of await indexedDB.databases()) {
    const database = await settle(indexedDB.open(name!));
    for (const storeName of Array.from(database.objectStoreNames)) {
      const store = database.transaction(storeName).objectStore(storeName);
      records.push(await settle(store.getAll()));
    }
    database.close();
  }
  const areas = [await chrome.storage.local.get(), await chrome.storage.session.get()];
  return JSON.stringify([...areas, records]);
}
