import { signIn } from '../background/session';
import { ALICE_PROFILE, installFakeFetch, jsonResponse } from './fake-fetch';

/** Signs alice in through the state machine, with the fake fetch returning `token`. */
export async function signInAsAlice(token: string): Promise<void> {
  installFakeFetch(jsonResponse({ success: true, token }), jsonResponse(ALICE_PROFILE));
  await signIn({ username: 'alice', password: 'correct horse' });
}
