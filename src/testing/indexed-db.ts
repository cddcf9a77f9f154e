/**
 * Reads the fake IndexedDB that src/test-setup.ts installs, so that a test can check
 * whether any database contains a value without knowing database or store names.
 */
function settle<T>(request: IDBRequest<T>): Promise<T> {
  return new Promise((resolve, reject) => {
    request.onsuccess = () => resolve(request.result);
    request.onerror = () => reject(request.error);
  });
}

/** Returns every record of every object store in every database, as JSON. */
export async function indexedDbContents(): Promise<string> {
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
