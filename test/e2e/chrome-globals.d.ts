// The few extension APIs that tests call inside extension pages and the service worker.
// Declared here rather than with @types/chrome, so that src/ keeps using the polyfill.
interface Rule {
  id: number;
  action: { responseHeaders?: unknown[] };
  condition: { initiatorDomains?: string[] };
}

declare const chrome: {
  runtime: {
    id: string;
    sendMessage(message: unknown): Promise<unknown>;
    reload(): void;
    /** Firefox only, where the background is a page. */
    getBackgroundPage(): Promise<unknown>;
  };
  storage: Record<
    'local' | 'session' | 'sync',
    { get(): Promise<Record<string, unknown>>; clear(): Promise<void> }
  >;
  alarms: { clearAll(): Promise<boolean> };
  /** getViews is missing in Chromium's service worker. */
  extension?: { getViews?(filter: { type: 'popup' }): Window[] };
  permissions: {
    getAll(): Promise<{ origins?: string[] }>;
    contains(permissions: { origins: string[] }): Promise<boolean>;
  };
  declarativeNetRequest: {
    getDynamicRules(): Promise<Rule[]>;
    getSessionRules(): Promise<Rule[]>;
    updateDynamicRules(update: { removeRuleIds: number[] }): Promise<void>;
    updateSessionRules(update: { removeRuleIds: number[] }): Promise<void>;
  };
  windows: {
    create(options: { url: string; type: string; focused: boolean }): Promise<unknown>;
    getLastFocused(filter: { windowTypes: string[] }): Promise<{ id: number }>;
    update(windowId: number, update: { focused: boolean }): Promise<unknown>;
  };
  tabs: { query(filter: { url?: string }): Promise<{ id?: number }[]> };
  scripting: {
    executeScript(injection: {
      target: { tabId: number };
      world: 'ISOLATED' | 'MAIN';
      func: () => unknown;
    }): Promise<{ result?: unknown }[]>;
  };
  action: {
    getBadgeText(details: object): Promise<string>;
    getTitle(details: object): Promise<string>;
  };
};
