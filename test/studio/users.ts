import { STUDIO_ORIGIN } from './hosts';

/** An account of the stand-in Studio. */
export interface StudioUser {
  id: number;
  username: string;
  email: string;
  name: string;
  /** Unset for accounts that only sign in through single sign-on: every password fails. */
  password?: string;
  /** Fixed code that the stand-in accepts as `totpToken`. Set only for accounts with MFA. */
  totpCode?: string;
  /** Identity providers listed by the need-to-set-password endpoint, such as "google". */
  idps?: string[];
  /** API key accepted in the `x-api-key` header. Edge Impulse keys start with "ei_". */
  apiKey?: string;
  /** Profile photo URL, served by the stand-in Studio as a small SVG. */
  photo?: string;
}

export const alice: StudioUser = {
  id: 101,
  username: 'alice',
  email: 'alice@example.com',
  name: 'Alice Example',
  password: 'correct horse',
  apiKey: 'ei_alice_stand_in_key',
  photo: `${STUDIO_ORIGIN}/avatars/alice.svg`,
};

export const bob: StudioUser = {
  id: 102,
  username: 'bob',
  email: 'bob@example.com',
  name: 'Bob Builder',
  password: 'battery staple',
};

export const carol: StudioUser = {
  id: 103,
  username: 'carol',
  email: 'carol@example.com',
  name: 'Carol MFA',
  password: 'carol pass',
  totpCode: '123456',
};

export const sso: StudioUser = {
  id: 104,
  username: 'sam',
  email: 'sam@example.com',
  name: 'Sam SSO',
  idps: ['google'],
};

export const defaultUsers: readonly StudioUser[] = [alice, bob, carol, sso];

/** Finds a user by username or e-mail address, ignoring case. */
export function findUser(
  users: readonly StudioUser[],
  usernameOrEmail: string,
): StudioUser | undefined {
  const wanted = usernameOrEmail.toLowerCase();
  return users.find(
    (user) => user.username.toLowerCase() === wanted || user.email.toLowerCase() === wanted,
  );
}
