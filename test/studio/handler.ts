import type { IncomingMessage, ServerResponse } from 'node:http';
import { setTimeout as sleep } from 'node:timers/promises';
import { applyFault, type Fault, type FaultTable } from './faults';
import { forwardedRequest, MINTLIFY_PROXY_PATH } from './mintlify';
import { pathnameOf, readBody, recordRequest, type RecordedRequest } from './requests';
import { route, type StudioState } from './routes';

/** State that the request handler reads and writes. The Studio object owns it. */
export interface HandlerContext extends StudioState {
  recorded: RecordedRequest[];
  faults: FaultTable;
  /** Latency added to every response, in milliseconds. */
  delayMs: number;
  /** Aborted when the stand-in closes, which cancels every pending delayed response. */
  closing: AbortSignal;
}

/**
 * Handles one request: reads its body, records it, waits for the delay, then sends the fault's
 * response or the normal one. CORS preflights are never faulted, because a failed preflight
 * would turn every fault into the same browser network error.
 */
export async function handleRequest(
  context: HandlerContext,
  request: IncomingMessage,
  response: ServerResponse,
): Promise<void> {
  let body: string;
  try {
    body = await readBody(request);
  } catch {
    return; // The client went away before its body arrived, so no response can reach it.
  }
  let recorded = recordRequest(request, body);
  context.recorded.push(recorded);
  // The docs site's playground proxy: record and respond to the request its server would make.
  if (recorded.method === 'POST' && pathnameOf(recorded) === MINTLIFY_PROXY_PATH) {
    const forwarded = forwardedRequest(recorded);
    if (forwarded) {
      context.recorded.push(forwarded);
      recorded = forwarded;
    }
  }
  const isPreflight = recorded.method === 'OPTIONS';
  const fault = isPreflight ? undefined : context.faults.take(pathnameOf(recorded));
  const delayMs = context.delayMs + (fault?.delayMs ?? 0);
  const open = await waitUnlessClosed(delayMs, context.closing);
  if (!open || response.destroyed) {
    return;
  }
  respond(context, recorded, fault, response);
}

/** Waits `ms` milliseconds. Returns false if the stand-in closed meanwhile. */
async function waitUnlessClosed(ms: number, closing: AbortSignal): Promise<boolean> {
  if (ms <= 0) {
    return !closing.aborted;
  }
  try {
    await sleep(ms, undefined, { signal: closing });
    return true;
  } catch {
    return false;
  }
}

/** Sends the fault's response, or the normal one, turning a thrown error into a logged 500. */
function respond(
  context: HandlerContext,
  recorded: RecordedRequest,
  fault: Fault | undefined,
  response: ServerResponse,
): void {
  try {
    if (fault === undefined || !applyFault(fault, response)) {
      route(recorded, response, context);
    }
  } catch (error) {
    console.error(`stand-in Studio: ${recorded.method} ${recorded.path} failed:`, error);
    if (!response.headersSent) {
      response.writeHead(500, { 'content-type': 'text/plain; charset=utf-8' });
    }
    response.end('The stand-in Studio failed to respond; see the test log\n');
  }
}
