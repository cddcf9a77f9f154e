/**
 * What the background keeps in storage. Only the background reads these items: pages get a
 * SessionView without the token, and content scripts cannot read `storage.session`.
 */
import type { Failure } from '../shared/failure';
import type { Profile } from '../shared/messages';
import { defineStorageItem } from '../shared/storage-item';
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
  failure?: Failure;
}

/** Why the last sign-in attempt ended without a session, for the next time the popup opens. */
export interface SignInNotice {
  username?: string;
  failure: Failure;
}

/** The signed-in session. It persists so that the browser stays signed in after a restart. */
export const sessionItem = defineStorageItem<StoredSession>('local', 'session');

/** Memory-only, because a pending login may contain the password. */
export const pendingLoginItem = defineStorageItem<PendingLogin>('session', 'pendingLogin');

export const noticeItem = defineStorageItem<SignInNotice>('session', 'signInNotice');
