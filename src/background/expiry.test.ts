import { afterEach, describe, expect, test, vi } from 'vitest';
import browser from 'webextension-polyfill';
import { signInAsAlice } from '../testing/sign-in';
import { ALICE_PROFILE, installFakeFetch, jsonResponse, makeJwt } from '../testing/fake-fetch';
import { handleAlarm, validateSession } from './expiry';
import { EXPIRY_ALARM } from './injection';
import { PENDING_LOGIN_ALARM, readView, signIn } from './session';
import { pendingLoginItem, sessionItem } from './store';

const TOKEN = makeJwt(1_900_000_000);

afterEach(() => {
  vi.unstubAllGlobals();
});

describe('expiry alarm', () => {
  test('ends the session and says it expired', async () => {
    await signInAsAlice(TOKEN);

    await handleAlarm({ name: EXPIRY_ALARM });
    expect(await sessionItem.get()).toBeUndefined();
    expect(await browser.declarativeNetRequest.getDynamicRules()).toEqual([]);
    expect(await readView()).toMatchObject({
      status: 'signedOut',
      username: 'alice',
      failure: { kind: 'expired' },
    });
  });

  test('shows the expired badge', async () => {
    await signInAsAlice(TOKEN);

    await handleAlarm({ name: EXPIRY_ALARM });
    expect(await browser.action.getBadgeText({})).toBe('!');
  });

  test('ignores other alarms', async () => {
    await signInAsAlice(TOKEN);

    await handleAlarm({ name: 'other' });
    expect(await sessionItem.get()).toBeDefined();
  });
});

describe('pending login alarm', () => {
  test('removes a waiting password after 5 minutes', async () => {
    installFakeFetch(jsonResponse({ success: false, error: 'ERR_TOTP_TOKEN IS REQUIRED' }));
    await signIn({ username: 'carol', password: 'carol pass' });
    const alarm = await browser.alarms.get(PENDING_LOGIN_ALARM);
    const pending = await pendingLoginItem.get();
    expect(alarm?.scheduledTime).toBe(pending!.startedAt + 5 * 60_000);
    await pendingLoginItem.set({ ...pending!, startedAt: Date.now() - 5 * 60_000 });

    await handleAlarm({ name: PENDING_LOGIN_ALARM });
    expect(JSON.stringify(await browser.storage.session.get())).not.toContain('carol pass');
    expect(await readView()).toMatchObject({
      status: 'signedOut',
      username: 'carol',
      failure: { kind: 'codeExpired' },
    });
  });
});

describe('validateSession', () => {
  test('a 401 for the stored token ends the session', async () => {
    await signInAsAlice(TOKEN);
    installFakeFetch(jsonResponse({ success: false, error: 'Token revoked' }, 401));

    await validateSession({ force: true });
    expect(await sessionItem.get()).toBeUndefined();
    expect(await readView()).toMatchObject({ failure: { kind: 'expired' } });
  });

  test.each([
    ['a server error', jsonResponse({ success: false }, 502)],
    ['a network error', new TypeError('offline')],
  ])('%s keeps the session', async (_, answer) => {
    await signInAsAlice(TOKEN);
    installFakeFetch(answer, answer);

    await validateSession({ force: true });
    expect(await sessionItem.get()).toBeDefined();
  });

  test('asks Studio at most once a minute', async () => {
    await signInAsAlice(TOKEN);
    const { calls } = installFakeFetch(jsonResponse(ALICE_PROFILE), jsonResponse(ALICE_PROFILE));

    await validateSession({ force: true });
    await validateSession();
    expect(calls).toHaveLength(1);
  });
});
