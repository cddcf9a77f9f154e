import { describe, expect, test } from 'vitest';
import browser from 'webextension-polyfill';
import { storageAccessLevels, storedCookies } from '../testing/fake-browser';
import { makeJwt } from '../testing/fake-fetch';
import { reconcile } from './lifecycle';
import { readView } from './session';
import { noticeItem, pendingLoginItem, sessionItem, type StoredSession } from './store';

const NOW = 1_800_000_000_000;
const PROFILE = { id: 7, username: 'alice', name: 'Alice Example', email: 'alice@example.com' };

function storedSession(expiresAt: number, extra: Partial<StoredSession> = {}): StoredSession {
  const token = makeJwt(Math.floor(expiresAt / 1000));
  return {
    token,
    studioOrigin: 'https://studio.edgeimpulse.com',
    expiresAt,
    profile: PROFILE,
    ...extra,
  };
}

describe('reconcile', () => {
  test('restores rule and cookie for a stored session', async () => {
    const session = storedSession(NOW + 3_600_000);
    await sessionItem.set(session);

    await reconcile(NOW);
    const rules = await browser.declarativeNetRequest.getDynamicRules();
    expect(rules.map((rule) => rule.action.requestHeaders?.[0]?.value)).toEqual([session.token]);
    expect(storedCookies().map((cookie) => cookie.value)).toEqual([session.token]);
  });

  test('ends a session within a minute of its expiry', async () => {
    await sessionItem.set(storedSession(NOW + 59_000));

    await reconcile(NOW);
    expect(await sessionItem.get()).toBeUndefined();
  });

  test('restricts storage.local to extension pages', async () => {
    await reconcile(NOW);
    expect(storageAccessLevels.get('local')).toBe('TRUSTED_CONTEXTS');
  });

  test('removes a leftover rule when signed out', async () => {
    await browser.declarativeNetRequest.updateDynamicRules({
      addRules: [{ id: 1, action: { type: 'block' }, condition: { urlFilter: 'x' } }],
    });

    await reconcile(NOW);
    expect(await browser.declarativeNetRequest.getDynamicRules()).toEqual([]);
  });

  test('ends an expired session and keeps the username', async () => {
    const session = storedSession(NOW - 1);
    await sessionItem.set(session);
    await browser.cookies.set({
      url: 'https://studio.edgeimpulse.com/',
      name: 'jwt',
      value: session.token,
    });

    await reconcile(NOW);
    expect(await sessionItem.get()).toBeUndefined();
    expect(storedCookies()).toEqual([]);
    expect(await readView()).toMatchObject({
      status: 'signedOut',
      username: 'alice',
      failure: { kind: 'expired' },
    });
  });

  test('finishes a sign-out that a stopped worker left halfway', async () => {
    await sessionItem.set(storedSession(NOW + 3_600_000, { signingOut: true }));

    await reconcile(NOW);
    expect(await sessionItem.get()).toBeUndefined();
    expect(await browser.declarativeNetRequest.getDynamicRules()).toEqual([]);
  });

  test('turns a stale signing-in into interrupted', async () => {
    await pendingLoginItem.set({ phase: 'signingIn', username: 'alice', startedAt: NOW - 1000 });

    await reconcile(NOW);
    expect(await pendingLoginItem.get()).toBeUndefined();
    expect(await noticeItem.get()).toEqual({ username: 'alice', failure: { kind: 'interrupted' } });
  });

  test('keeps a code prompt younger than 5 minutes', async () => {
    const pending = {
      phase: 'needsCode' as const,
      username: 'carol',
      password: 'p',
      startedAt: NOW - 60_000,
    };
    await pendingLoginItem.set(pending);

    await reconcile(NOW);
    expect(await pendingLoginItem.get()).toEqual(pending);
  });

  test('drops a code prompt older than 5 minutes', async () => {
    await pendingLoginItem.set({
      phase: 'needsCode',
      username: 'carol',
      password: 'p',
      startedAt: NOW - 5 * 60_000,
    });

    await reconcile(NOW);
    expect(await pendingLoginItem.get()).toBeUndefined();
  });
});
