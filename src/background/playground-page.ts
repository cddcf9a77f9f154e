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

/**
 * Adds `x-jwt-token` to the requests that the docs playground sends through its server-side
 * proxy, when they target the signed-in Studio and carry no credentials of their own. Runs
 * again on every injection, replacing the token; clearPlaygroundAuth removes it.
 */
export function installPlaygroundAuth(auth: PlaygroundAuth | null): void {
  const key = Symbol.for('ei-session.playground');
  type State = { auth: PlaygroundAuth | null; note?: HTMLElement };
  const scope = globalThis as unknown as Record<symbol, State | undefined>;
  const existing = scope[key];
  if (existing) {
    existing.auth = auth;
    if (!auth) existing.note?.remove();
    return;
  }
  if (!auth) return;
  const state: State = { auth };
  Object.defineProperty(scope, key, { value: state });

  const CREDENTIAL_HEADERS = ['x-jwt-token', 'x-api-key', 'authorization', 'cookie'];
  const signEnvelope = (url: string, body: string): string => {
    const current = state.auth;
    if (!current || new URL(url, location.href).pathname !== current.proxyPath) return body;
    try {
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

  // A note in a shadow root, so page styles cannot hide or restyle it.
  const host = document.createElement('ei-session-note');
  const shadow = host.attachShadow({ mode: 'open' });
  const box = document.createElement('div');
  box.setAttribute('role', 'status');
  box.style.cssText =
    'position:fixed;bottom:12px;right:12px;z-index:2147483647;padding:8px 12px;' +
    'font:14px system-ui,sans-serif;color:#fff;background:#1f56c9;border-radius:6px;';
  box.textContent = `${auth.note} `;
  const close = document.createElement('button');
  close.textContent = '×';
  close.setAttribute('aria-label', auth.dismissLabel);
  close.style.cssText = 'margin-left:8px;color:inherit;background:none;border:0;font-size:16px;';
  close.addEventListener('click', () => host.remove());
  box.append(close);
  shadow.append(box);
  document.documentElement.append(host);
  state.note = host;
}
