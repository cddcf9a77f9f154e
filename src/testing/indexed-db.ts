/**
 * Reads every IndexedDB database of the current origin: the fake one that src/test-setup.ts
 * installs in unit tests, and the extension's own in end-to-end tests.
 */

/**
 * Returns every record of every object store in every database, as JSON, so that a test can
 * check whether any database contains a value without knowing database or store names. It
 * refers to no name outside itself, because end-to-end tests run it in the extension.
 */
export async function indexedDbContents(): Promise<string> {
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
  return JSON.stringify(records);
}
