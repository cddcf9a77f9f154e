/**
 * The extension's one logger. Debug lines appear only in development builds. Callers pass
 * event names and failure kinds, never tokens, passwords or request bodies.
 */
const PREFIX = '[ei-session]';

type Details = Record<string, string | number | boolean | undefined>;

export const log = {
  debug(event: string, details?: Details): void {
    if (import.meta.env.DEV) console.debug(PREFIX, event, details ?? '');
  },
  warn(event: string, details?: Details): void {
    console.warn(PREFIX, event, details ?? '');
  },
};
