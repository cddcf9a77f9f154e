import { afterEach, describe, expect, test, vi } from 'vitest';
import browser from 'webextension-polyfill';
import { ALICE_PROFILE, installFakeFetch, jsonResponse, makeJwt } from '../testing/fake-fetch';
import { signIn } from './session';
import { parseSettingsPatch, readSettings, updateSettings } from './settings';

const TOKEN = makeJwt(1_900_000_000);

afterEach(() => {
  vi.unstubAllGlobals();
});

async function signInAsAlice() {
  installFakeFetch(jsonResponse({ success: true, token: TOKEN }), jsonResponse(ALICE_PROFILE));
  await signIn({ username: 'alice', password: 'correct horse' });
}

async function areasHoldingToken() {
  const areas = [];
  for (const area of ['local', 'session'] as const) {
    if (JSON.stringify(await browser.storage[area].get()).includes(TOKEN)) areas.push(area);
  }
  return areas;
}

describe('stay signed in', () => {
  test('is on by default and keeps the token on disk', async () => {
    await signInAsAlice();

    expect(await readSettings()).toEqual({ staySignedIn: true });
    expect(await areasHoldingToken()).toEqual(['local']);
  });

  test('off keeps the token in memory only', async () => {
    await updateSettings({ staySignedIn: false });

    await signInAsAlice();
    expect(await areasHoldingToken()).toEqual(['session']);
    expect(await browser.declarativeNetRequest.getSessionRules()).toHaveLength(1);
  });

  test('switching off moves a running session into memory', async () => {
    await signInAsAlice();

    await updateSettings({ staySignedIn: false });
    expect(await areasHoldingToken()).toEqual(['session']);
    expect(await browser.declarativeNetRequest.getDynamicRules()).toEqual([]);
    expect(await browser.declarativeNetRequest.getSessionRules()).toHaveLength(1);
  });

  test('switching on moves it back to disk', async () => {
    await updateSettings({ staySignedIn: false });
    await signInAsAlice();

    await updateSettings({ staySignedIn: true });
    expect(await areasHoldingToken()).toEqual(['local']);
    expect(await browser.declarativeNetRequest.getDynamicRules()).toHaveLength(1);
  });
});

describe('parseSettingsPatch', () => {
  test('keeps known settings', () => {
    expect(parseSettingsPatch({ staySignedIn: false })).toEqual({ staySignedIn: false });
  });

  test('ignores unknown keys', () => {
    expect(parseSettingsPatch({ __proto__: { admin: true }, other: 1 })).toEqual({});
  });

  test('rejects a value of the wrong type', () => {
    expect(() => parseSettingsPatch({ staySignedIn: 'no' })).toThrow('Invalid staySignedIn');
  });
});
