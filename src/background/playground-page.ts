/**
 * Code that runs in the page world of a docs tab, put there by scripting.executeScript. Each
 * function must be self-contained: the browser serialises it, so it cannot use imports.
 */

/** Arguments of installPlaygroundAuth; the token arrives as an argument, never in a message. */
export interface PlaygroundAuth {
  token: string;
  studioOrigin: string;
  proxyPath: string;
  note: string;
  dismissLabel: string;
}

/** The site installPlaygroundAuth may run on, and the event type of its wrapper. */
export interface PlaygroundTarget {
  /** The docs site's origin: a document of any other origin gets nothing. */
  docsOrigin: string;
  /** A random event type, the same for every call in one browser session. */
  channel: string;
}

/**
 * Adds `x-jwt-token` to the requests that the docs playground sends through its own proxy,
 * when they target the signed-in Studio and carry no credentials of their own. A later call
 * replaces the token, and a call with `null` removes it.
 *
 * The token stays in this function's closure, not on a global, and leaves the page only in the
 * body of a request to the docs site's own proxy path. Leaving the page, which may keep it in
 * the back-forward cache, removes the token.
 * NOTE: page scripts that replace fetch, XMLHttpRequest or JSON before this runs can still
 * read the token: a page world cannot hide a value from the page's own scripts.
 */
export function installPlaygroundAuth(
  auth: PlaygroundAuth | null,
  { docsOrigin, channel }: PlaygroundTarget,
): void {
  // The tab may have moved on to another site since the background chose it.
  if (location.origin !== docsOrigin) return;

  // A wrapper installed earlier takes the new value and cancels the event.
  const update = new CustomEvent(channel, { detail: auth, cancelable: true });
  if (!window.dispatchEvent(update)) return;
  if (!auth) return;

  let current: PlaygroundAuth | null = auth;
  let note: HTMLElement | undefined;

  const showNote = (signedIn: PlaygroundAuth) => {
    note?.remove();
    // A note in a shadow root, so page styles cannot hide or restyle it.
    const host = document.createElement('ei-session-note');
    const shadow = host.attachShadow({ mode: 'open' });
    const box = document.createElement('div');
    box.setAttribute('role', 'status');
    box.style.cssText =
      'position:fixed;bottom:12px;right:12px;z-index:2147483647;padding:8px 12px;' +
      'font:14px system-ui,sans-serif;color:#fff;background:#1f56c9;border-radius:6px;';
    box.textContent = `${signedIn.note} `;
    const close = document.createElement('button');
    close.textContent = '×';
    close.setAttribute('aria-label', signedIn.dismissLabel);
    close.style.cssText = 'margin-left:8px;color:inherit;background:none;border:0;font-size:16px;';
    close.addEventListener('click', () => host.remove());
    box.append(close);
    shadow.append(box);
    document.documentElement.append(host);
    note = host;
  };

  const clear = () => {
    current = null;
    note?.remove();
  };

  window.addEventListener(channel, (event) => {
    event.preventDefault();
    const next = (event as CustomEvent<PlaygroundAuth | null>).detail;
    if (!next) {
      clear();
      return;
    }
    const wasSignedIn = current !== null;
    current = next;
    if (!wasSignedIn) showNote(next);
  });
  window.addEventListener('pagehide', clear);

  const CREDENTIAL_HEADERS = ['x-jwt-token', 'x-api-key', 'authorization', 'cookie'];
  const signEnvelope = (url: string, body: string): string => {
    if (!current) return body;
    try {
      const target = new URL(url, location.href);
      if (target.origin !== location.origin || target.pathname !== current.proxyPath) return body;
      const envelope = JSON.parse(body) as { url?: string; header?: Record<string, string> };
      if (typeof envelope.url !== 'string') return body;
      if (new URL(envelope.url).origin !== current.studioOrigin) return body;
      const header = envelope.header ?? {};
      const named = Object.keys(header).map((name) => name.toLowerCase());
      if (CREDENTIAL_HEADERS.some((name) => named.includes(name))) return body;
      return JSON.stringify({ ...envelope, header: { ...header, 'x-jwt-token': current.token } });
    } catch {
      return body;
    }
  };

  const originalFetch = globalThis.fetch;
  globalThis.fetch = function (input: RequestInfo | URL, init?: RequestInit) {
    const url = input instanceof Request ? input.url : String(input);
    if (init && typeof init.body === 'string') {
      return originalFetch.call(this, input, { ...init, body: signEnvelope(url, init.body) });
    }
    return originalFetch.call(this, input, init);
  };

  const urls = new WeakMap<XMLHttpRequest, string>();
  const { open, send } = XMLHttpRequest.prototype;
  XMLHttpRequest.prototype.open = function (this: XMLHttpRequest, ...args: unknown[]) {
    urls.set(this, String(args[1]));
    return (open as (...values: unknown[]) => void).apply(this, args);
  } as typeof open;
  XMLHttpRequest.prototype.send = function (this: XMLHttpRequest, body) {
    const url = urls.get(this);
    const signed = url && typeof body === 'string' ? signEnvelope(url, body) : body;
    return send.call(this, signed as XMLHttpRequestBodyInit | null);
  };

  showNote(auth);
}
