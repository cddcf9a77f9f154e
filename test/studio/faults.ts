import type { ServerResponse } from 'node:http';
import { send, sendJson } from './respond';

/**
 * A failure to inject in place of, or on top of, the stand-in's normal response. The fields
 * that a fault sets replace the matching parts of the response:
 * - `reset` destroys the connection without a response, and `hang` never responds (until the
 *   stand-in pauses or closes).
 * - `status`, `json` or `body` replace the whole response. The status defaults to 500, and the
 *   content type to JSON for `json` and to plain text for `body`.
 * - `headers` are added to whichever response follows, and `delayMs` delays it.
 */
export interface Fault {
  status?: number;
  json?: unknown;
  body?: string;
  contentType?: string;
  headers?: Record<string, string>;
  delayMs?: number;
  reset?: boolean;
  hang?: boolean;
}

export interface FaultOptions {
  /** Number of requests that the fault hits before it expires. Unset: until cleared. */
  times?: number;
}

interface ActiveFault {
  pattern: string;
  fault: Fault;
  remaining: number;
}

/**
 * Matches a path pattern against a request path without its query. A pattern that ends in `*`
 * matches every path with that prefix, and any other pattern must equal the path.
 */
function matches(pattern: string, pathname: string): boolean {
  if (pattern.endsWith('*')) {
    return pathname.startsWith(pattern.slice(0, -1));
  }
  return pattern === pathname;
}

/** Active faults by path pattern. The fault set last wins when two patterns match. */
export class FaultTable {
  private faults: ActiveFault[] = [];

  set(pattern: string, fault: Fault, options: FaultOptions = {}): void {
    const remaining = options.times ?? Number.POSITIVE_INFINITY;
    if (!(remaining > 0)) {
      throw new RangeError(`Invalid fault times ${remaining}: expected a positive number`);
    }
    this.faults = this.faults.filter((active) => active.pattern !== pattern);
    this.faults.push({ pattern, fault, remaining });
  }

  clear(): void {
    this.faults = [];
  }

  /** Returns the fault for a request path and counts the hit, or undefined if none matches. */
  take(pathname: string): Fault | undefined {
    const active = this.lastMatch(pathname);
    if (active === undefined) {
      return undefined;
    }
    active.remaining -= 1;
    if (active.remaining <= 0) {
      this.faults = this.faults.filter((candidate) => candidate !== active);
    }
    return active.fault;
  }

  private lastMatch(pathname: string): ActiveFault | undefined {
    for (let index = this.faults.length - 1; index >= 0; index -= 1) {
      const candidate = this.faults[index];
      if (candidate !== undefined && matches(candidate.pattern, pathname)) {
        return candidate;
      }
    }
    return undefined;
  }
}

/**
 * Applies a fault to a response. Returns true if the fault took the request over, false if the
 * normal response should follow.
 */
export function applyFault(fault: Fault, response: ServerResponse): boolean {
  for (const [name, value] of Object.entries(fault.headers ?? {})) {
    response.setHeader(name, value);
  }
  if (fault.reset) {
    response.socket?.destroy();
    return true;
  }
  if (fault.hang) {
    return true;
  }
  if (fault.json === undefined && fault.body === undefined && fault.status === undefined) {
    return false;
  }
  sendFaultResponse(fault, response);
  return true;
}

function sendFaultResponse(fault: Fault, response: ServerResponse): void {
  const status = fault.status ?? 500;
  if (fault.json !== undefined) {
    if (fault.contentType === undefined) {
      sendJson(response, status, fault.json);
    } else {
      send(response, status, fault.contentType, JSON.stringify(fault.json));
    }
    return;
  }
  const contentType = fault.contentType ?? 'text/plain; charset=utf-8';
  send(response, status, contentType, fault.body ?? '');
}
