/**
 * Code that runs in the page world of a docs tab, put there by scripting.executeScript. Each
 * function must be self-contained: the browser serialises it, so it cannot use imports.
 */

/** Arguments of installPlaygroundAuth; the token arrives as an argument, never in a message. */
export interface PlaygroundAuth {
  token: string;
  /** When the session ends, in milliseconds since the epoch: the page stops adding it then. */
  expiresAt?: number;
  studioOrigin: string;
  proxyPath: string;
  note: string;
  dismissLabel: string;
}

/** The site installPlaygroundAuth may run on, and the event type of its wrapper. */
export interface PlaygroundTarget {
  /** The docs site's origin: a document of any other origin gets nothing. */
  docsOrigin: string;
  /** A random event type, the same from a sign-in until the sign-out. */
  channel: string;
}

/**
 * Adds `x-jwt-token` to the requests that the docs playground sends through its own proxy,
 * when they target the signed-in Studio and carry no credentials of their own. A later call
 * replaces the token, and a call with `null` removes it.
 *
 * The token stays in this function's closure, not on a global, and is added only to requests
 * to the docs site's own proxy path. Later calls reach the wrapper through `document`, which
 * pages cannot replace, and DOM prototypes, so that no page function runs while an event
 * carries the token. Leaving the page, or the session's end, removes the token.
 * NOTE: a page world cannot hide a value from the page's own scripts. One that replaced
 * built-ins before the first call, or that changes prototypes, can still get the token.
 */
export function installPlaygroundAuth(
  auth: PlaygroundAuth | null,
  { docsOrigin, channel }: PlaygroundTarget,
): void {
  // The tab may have moved on to another site since the background chose it.
  if (location.origin !== docsOrigin) return;

  // `document` is unforgeable and its prototype's methods are not its own properties, so a
  // page that shadows dispatchEvent or CustomEvent on window or document receives no event.
  const documentProto = (document as unknown as { __proto__: Document }).__proto__;
  const deliver = (detail: PlaygroundAuth | null): boolean => {
    const event = documentProto.createEvent.call(document, 'CustomEvent') as CustomEvent;
    event.initCustomEvent(channel, false, true, detail);
    return documentProto.dispatchEvent.call(document, event);
  };

  // A wrapper installed earlier takes the new value and cancels the event.
  if (!deliver(auth)) return;
  if (!auth) return;

  let current: PlaygroundAuth | null = auth;
  let note: HTMLElement | undefined;
  // A new wrapper shows its note, now or, before the root element exists, at a later call.
  let noteDue = true;

  const showNote = (signedIn: PlaygroundAuth) => {
    note?.remove();
    // A built-in element in a shadow root: pages cannot define it, nor restyle or hide it.
    const host = document.createElement('div');
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
    noteDue = false;
    note?.remove();
  };

  // Drawing runs page code, such as getters that a page defines on `document`. It waits until
  // the event is over, so that such code cannot read the event's type from window.event.
  const later = queueMicrotask;
  const drawIfDue = () => {
    if (!noteDue || !current || !document.documentElement) return;
    noteDue = false;
    showNote(current);
  };

  // While an event carries the token, this listener calls no function that a page can replace
  // without changing a built-in.
  documentProto.addEventListener.call(document, channel, (event) => {
    event.preventDefault();
    const next = (event as CustomEvent<PlaygroundAuth | null>).detail;
    if (next) {
      noteDue ||= current === null;
      current = next;
      later(drawIfDue);
    } else {
      // The channel is retired after this event, so what page code learns here is of no use.
      clear();
    }
  });
  window.addEventListener('pagehide', (event) => {
    // Only the browser's own pagehide counts, because a page could otherwise force a new note.
    if (event.isTrusted) clear();
  });

  // Built-ins as they are now, so that scripts that replace them later see no token.
  const apply = Reflect.apply;
  const { parse, stringify } = JSON;
  const NativeURL = URL;
  const now = Date.now;

  const CREDENTIAL_HEADERS = ['x-jwt-token', 'x-api-key', 'authorization', 'cookie'];
  /** Returns the body with the token added, or unchanged. `target` is an absolute URL. */
  const signEnvelope = (target: URL, body: string): string => {
    const signing = current;
    if (!signing || (signing.expiresAt !== undefined && now() >= signing.expiresAt)) return body;
    if (target.origin !== location.origin || target.pathname !== signing.proxyPath) return body;
    try {
      const envelope = parse(body) as { url?: string; header?: Record<string, string> };
      if (typeof envelope.url !== 'string') return body;
      const studioUrl = new NativeURL(envelope.url);
      if (studioUrl.origin !== signing.studioOrigin) return body;
      const header = envelope.header ?? {};
      const named = Object.keys(header).map((name) => name.toLowerCase());
      if (CREDENTIAL_HEADERS.some((name) => named.includes(name))) return body;
      // The proxy gets the URL as checked, so that its own parser cannot read another host.
      const url = studioUrl.href;
      return stringify({ ...envelope, url, header: { ...header, 'x-jwt-token': signing.token } });
    } catch {
      return body;
    }
  };

  /** Resolves a request URL once, as fetch and XHR do, against the document's base URL. */
  const resolve = (input: unknown): URL | undefined => {
    try {
      return new NativeURL(String(input), document.baseURI);
    } catch {
      return undefined;
    }
  };

  const originalFetch = globalThis.fetch;
  globalThis.fetch = function (this: unknown, input: RequestInfo | URL, init?: RequestInit) {
    if (input instanceof Request || !init || typeof init.body !== 'string') {
      return apply(originalFetch, this, [input, init]) as Promise<Response>;
    }
    // The resolved URL goes on, so the request goes where the check looked.
    const target = resolve(input);
    if (!target) return apply(originalFetch, this, [input, init]) as Promise<Response>;
    const body = signEnvelope(target, init.body);
    return apply(originalFetch, this, [target.href, { ...init, body }]) as Promise<Response>;
  };

  const targets = new WeakMap<XMLHttpRequest, URL>();
  const { open, send } = XMLHttpRequest.prototype;
  XMLHttpRequest.prototype.open = function (this: XMLHttpRequest, ...args: unknown[]) {
    targets.delete(this);
    const target = resolve(args[1]);
    const opened = apply(open, this, target ? [args[0], target.href, ...args.slice(2)] : args);
    // Only an open that succeeded sets the request's URL.
    if (target) targets.set(this, target);
    return opened as void;
  } as typeof open;
  XMLHttpRequest.prototype.send = function (this: XMLHttpRequest, body) {
    const target = targets.get(this);
    const signed = target && typeof body === 'string' ? signEnvelope(target, body) : body;
    return apply(send, this, [signed]) as void;
  };

  drawIfDue();
}
