/**
 * Storage items of the background. Only the background reads these items: pages get a
 * SessionView without the token, and content scripts can reach neither `storage.session`
 * nor the extension's IndexedDB, where the token is kept.
 */
import type { Failure } from '../shared/failure';
import { DEFAULT_SETTINGS, type Profile, type Settings } from '../shared/messages';
import { defineStorageItem, type StorageItem } from '../shared/storage-item';
import { defineIndexedDbItem } from './indexed-db-item';
import type { Credential } from './injection';

export interface StoredSession extends Credential {
  profile: Profile;
  /** Set before sign-out starts, so that a worker stopped halfway finishes it at next start. */
  signingOut?: boolean;
}

/** A login that has started but not finished: waiting for Studio, or for the user's code. */
export interface PendingLogin {
  phase: 'signingIn' | 'needsCode';
  username: string;
  /** Kept only while Studio waits for the authenticator code, to send the login again. */
  password?: string;
  startedAt: number;
  /** Set while the login with the authenticator code runs. */
  verifyingCode?: boolean;
  failure?: Failure;
}

/** The reason the last sign-in attempt ended without a session, for the next time the popup opens. */
export interface SignInNotice {
  username?: string;
  failure?: Failure;
}

export const settingsItem = defineStorageItem<Settings>('local', 'settings');

export async function readSettings(): Promise<Settings> {
  return { ...DEFAULT_SETTINGS, ...(await settingsItem.get()) };
}

// Not in storage.local, because Firefox (142 to 153 at least) cannot hide it from content
// scripts.
const persistentSessionItem = defineIndexedDbItem<StoredSession>('session');
const memorySessionItem = defineStorageItem<StoredSession>('session', 'session');

/**
 * The signed-in session: in IndexedDB, on disk, when `persistent` is set, because the user
 * stays signed in after the browser closes, otherwise in memory only. Writing it removes the
 * other copy.
 */
export const sessionItem: StorageItem<StoredSession> = {
  key: 'session',
  async get() {
    return (await memorySessionItem.get()) ?? (await persistentSessionItem.get());
  },
  async set(session) {
    const [target, other] = session.persistent
      ? [persistentSessionItem, memorySessionItem]
      : [memorySessionItem, persistentSessionItem];
    await target.set(session);
    await other.remove();
  },
  async remove() {
    await memorySessionItem.remove();
    await persistentSessionItem.remove();
  },
};

/** Memory-only, because a pending login may contain the password. */
export const pendingLoginItem = defineStorageItem<PendingLogin>('session', 'pendingLogin');

export const noticeItem = defineStorageItem<SignInNotice>('session', 'signInNotice');
