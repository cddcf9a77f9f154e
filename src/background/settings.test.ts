import { afterEach, describe, expect, test, vi } from 'vitest';
import browser from 'webextension-polyfill';
import { grantedOrigins, storedCookies } from '../testing/fake-browser';
import { indexedDbContents } from '../testing/indexed-db';
import { signInAsAlice } from '../testing/sign-in';
import { makeJwt } from '../testing/fake-fetch';
import { readView } from './session';
import { parseSettingsPatch, readSettings, updateSettings } from './settings';

const TOKEN = makeJwt(1_900_000_000);

afterEach(() => {
  vi.unstubAllGlobals();
});

async function areasHoldingToken() {
  const areas = [];
  for (const area of ['local', 'session'] as const) {
    if (JSON.stringify(await browser.storage[area].get()).includes(TOKEN)) areas.push(area);
  }
  if ((await indexedDbContents()).includes(TOKEN)) areas.push('indexedDB');
  return areas;
}

describe('stay signed in', () => {
  test('is on by default and keeps the token in IndexedDB', async () => {
    await signInAsAlice(TOKEN);

    expect(await readSettings()).toEqual({
      staySignedIn: true,
      studioOrigin: 'https://studio.edgeimpulse.com',
      authenticateDocs: false,
      toolOrigins: [],
    });
    expect(await areasHoldingToken()).toEqual(['indexedDB']);
  });

  test('off keeps the token in memory only', async () => {
    await updateSettings({ staySignedIn: false });

    await signInAsAlice(TOKEN);
    expect(await areasHoldingToken()).toEqual(['session']);
    expect(await browser.declarativeNetRequest.getSessionRules()).toHaveLength(1);
  });

  test('switching off moves a running session into memory', async () => {
    await signInAsAlice(TOKEN);

    await updateSettings({ staySignedIn: false });
    expect(await areasHoldingToken()).toEqual(['session']);
    expect(storedCookies()[0]).not.toHaveProperty('expirationDate');
    expect(await browser.declarativeNetRequest.getDynamicRules()).toEqual([]);
    expect(await browser.declarativeNetRequest.getSessionRules()).toHaveLength(1);
  });

  test('switching on moves it back to disk', async () => {
    await updateSettings({ staySignedIn: false });
    await signInAsAlice(TOKEN);

    await updateSettings({ staySignedIn: true });
    expect(await areasHoldingToken()).toEqual(['indexedDB']);
    expect(await browser.declarativeNetRequest.getDynamicRules()).toHaveLength(1);
  });
});

describe('Studio address', () => {
  const ACME = 'https://studio.acme.example';

  test('a host without permission is rejected and nothing changes', async () => {
    await signInAsAlice(TOKEN);

    await expect(updateSettings({ studioOrigin: ACME })).rejects.toThrow('Missing host permission');
    expect((await readSettings()).studioOrigin).toBe('https://studio.edgeimpulse.com');
    expect(await areasHoldingToken()).toEqual(['indexedDB']);
  });

  test('a new host signs out and removes rule and cookie', async () => {
    grantedOrigins.add('https://studio.acme.example/*');
    await signInAsAlice(TOKEN);

    await updateSettings({ studioOrigin: ACME });
    expect((await readSettings()).studioOrigin).toBe(ACME);
    expect(await areasHoldingToken()).toEqual([]);
    expect(await browser.declarativeNetRequest.getDynamicRules()).toEqual([]);
    expect(storedCookies()).toEqual([]);
    expect(await readView()).toEqual({ status: 'signedOut', studioOrigin: ACME });
  });

  test('the same host keeps the session', async () => {
    await signInAsAlice(TOKEN);

    await updateSettings({ studioOrigin: 'https://studio.edgeimpulse.com' });
    expect(await areasHoldingToken()).toEqual(['indexedDB']);
  });
});

describe('API tools', () => {
  const TOOL = 'https://editor.swagger.io';

  test('a tool without host permission is rejected', async () => {
    await expect(updateSettings({ toolOrigins: [{ origin: TOOL, cors: false }] })).rejects.toThrow(
      'Missing host permission',
    );
  });

  test('an allowed tool joins the rule initiators', async () => {
    grantedOrigins.add('https://editor.swagger.io/*');
    await signInAsAlice(TOKEN);

    await updateSettings({ toolOrigins: [{ origin: TOOL, cors: false }] });
    const [rule] = await browser.declarativeNetRequest.getDynamicRules();
    expect(rule?.condition.initiatorDomains).toContain('editor.swagger.io');
  });

  test('CORS adds a response rule for that origin only', async () => {
    grantedOrigins.add('https://editor.swagger.io/*');
    await signInAsAlice(TOKEN);

    await updateSettings({ toolOrigins: [{ origin: TOOL, cors: true }] });
    const rules = await browser.declarativeNetRequest.getDynamicRules();
    const cors = rules.filter((rule) => rule.action.responseHeaders);
    expect(cors).toHaveLength(1);
    expect(cors[0]?.condition.initiatorDomains).toEqual(['editor.swagger.io']);
    expect(cors[0]?.action.responseHeaders?.[0]).toEqual({
      header: 'access-control-allow-origin',
      operation: 'set',
      value: TOOL,
    });
  });

  test('removing a tool removes it from the rules', async () => {
    grantedOrigins.add('https://editor.swagger.io/*');
    await signInAsAlice(TOKEN);
    await updateSettings({ toolOrigins: [{ origin: TOOL, cors: true }] });

    await updateSettings({ toolOrigins: [] });
    const rules = await browser.declarativeNetRequest.getDynamicRules();
    expect(rules).toHaveLength(1);
    expect(rules[0]?.condition.initiatorDomains).not.toContain('editor.swagger.io');
  });
});

describe('parseSettingsPatch', () => {
  test('normalises tool origins and drops duplicates', () => {
    const patch = parseSettingsPatch({
      toolOrigins: [
        { origin: 'localhost:8080', cors: false },
        { origin: 'http://localhost:8080/', cors: true },
      ],
    });
    expect(patch).toEqual({ toolOrigins: [{ origin: 'http://localhost:8080', cors: false }] });
  });

  test.each([
    ['not an array', { toolOrigins: 'https://a.example' }],
    ['an insecure origin', { toolOrigins: [{ origin: 'http://a.example', cors: false }] }],
    ['a missing cors flag', { toolOrigins: [{ origin: 'https://a.example' }] }],
    [
      'more than 20 entries',
      {
        toolOrigins: Array.from({ length: 21 }, (_, i) => ({
          origin: `https://t${i}.example`,
          cors: false,
        })),
      },
    ],
  ])('rejects %s', (_, data) => {
    expect(() => parseSettingsPatch(data)).toThrow('Invalid toolOrigins');
  });

  test('normalises the Studio address', () => {
    expect(parseSettingsPatch({ studioOrigin: 'localhost:4800' })).toEqual({
      studioOrigin: 'http://localhost:4800',
    });
  });

  test('rejects an invalid Studio address', () => {
    expect(() => parseSettingsPatch({ studioOrigin: 'http://evil.example' })).toThrow(
      'Invalid studioOrigin',
    );
  });

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
