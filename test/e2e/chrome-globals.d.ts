// The few extension APIs that tests call inside extension pages and the service worker.
// Declared here rather than with @types/chrome, so that src/ keeps using the polyfill.
declare const chrome: {
  runtime: {
    id: string;
    sendMessage(message: unknown): Promise<unknown>;
  };
  storage: Record<'local' | 'session' | 'sync', { get(): Promise<Record<string, unknown>> }>;
  declarativeNetRequest: {
    getDynamicRules(): Promise<unknown[]>;
    getSessionRules(): Promise<unknown[]>;
  };
  windows: { create(options: { url: string; type: string; focused: boolean }): Promise<unknown> };
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
