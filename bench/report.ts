/**
 * The benchmark's results: the record written to bench/results.json, and the Markdown
 * tables that `npm run bench` prints from it.
 */
import { KIB, SIZE_BUDGETS, TIMING_TARGETS, type BudgetedContext } from './budgets';
import type { InjectionResult } from './injection';
import type { PopupReadyResult } from './popup-ready';
import type { Range, SignInResult } from './sign-in';
import type { BuildSizes } from './sizes';
import { medianRatio, type Summary } from './stats';

export const RESULTS_PATH = 'bench/results.json';

export interface Machine {
  cpus: number;
  cpuModel: string;
  node: string;
  chromium: string;
  /** The system's 1-minute load average. Other work on the machine skews the figures. */
  loadAverage: { atStart: number; atEnd: number };
}

export interface BenchResults {
  /** ISO 8601 time the run started. */
  startedAt: string;
  machine: Machine;
  /** Latency the stand-in Studio adds to every response, in milliseconds. */
  studioDelayMs: number;
  size?: BuildSizes;
  popupReady?: PopupReadyResult & { ratio: number };
  signIn?: SignInResult & { ratio: number };
  /** Calls from the docs site (cross-origin) and from a Studio page (same origin). */
  injection?: Partial<Record<'docs' | 'studio', InjectionResult & { ratio: number }>>;
  workerStart?: Summary;
}

/** Adds the ratio of the medians of `measured` and `baseline` to a result. */
export function withRatio<T extends object>(result: T, measured: Summary, baseline: Summary) {
  return { ...result, ratio: medianRatio(measured, baseline) };
}

type Row = [measure: string, result: string, target: string, status: string];

/** Formats the results as Markdown tables: built files, contexts, then figures and targets. */
export function formatResults(results: BenchResults): string {
  const machine = results.machine;
  const load = machine.loadAverage;
  const header =
    `Benchmark of ${results.startedAt}: ${machine.cpus} cores (${machine.cpuModel}), ` +
    `Node ${machine.node}, Chromium ${machine.chromium}, ` +
    `load average ${load.atStart.toFixed(1)} at start and ${load.atEnd.toFixed(1)} at end, ` +
    `stand-in Studio delay ${results.studioDelayMs} ms per response.`;
  const rows = [
    ...sizeRows(results.size),
    ...popupReadyRows(results.popupReady),
    ...signInRows(results.signIn),
    ...injectionRows('docs page', results.injection?.docs),
    ...injectionRows('Studio page', results.injection?.studio),
    ...workerStartRows(results.workerStart),
  ];
  const figures = table(['measure', 'result', 'target', 'status'], rows);
  const sizes = [fileTable(results.size), '', contextTable(results.size)];
  return [header, '', ...sizes, '', figures, ''].join('\n');
}

function fileTable(size: BuildSizes | undefined): string {
  if (!size) return 'Built files: not measured.';
  const rows = size.files.map((file) => [
    file.path,
    file.contexts.length > 1 ? `shared (${file.contexts.join(', ')})` : file.contexts.join(''),
    bytes(file.bytes),
    bytes(file.gzipBytes),
  ]);
  return table(['built file', 'context', 'bytes', 'gzip bytes'], rows);
}

/** Totals per context. A shared chunk counts in full towards each context that loads it. */
function contextTable(size: BuildSizes | undefined): string {
  if (!size) return 'Contexts: not measured.';
  const rows = size.contexts.map((context) => [
    context.context,
    bytes(context.jsBytes),
    bytes(context.jsGzipBytes),
    bytes(context.cssBytes),
    bytes(context.cssGzipBytes),
  ]);
  return table(['context', 'JS bytes', 'JS gzip bytes', 'CSS bytes', 'CSS gzip bytes'], rows);
}

const CONTEXT_LABELS: Record<BudgetedContext, string> = {
  popup: 'popup JS, gzip',
  background: 'service worker JS, gzip',
  content: 'content script JS, gzip',
};

function sizeRows(size: BuildSizes | undefined): Row[] {
  return (Object.keys(SIZE_BUDGETS) as BudgetedContext[]).map((context) => {
    const label = CONTEXT_LABELS[context];
    const targetBytes = SIZE_BUDGETS[context].targetKib * KIB;
    const target = `≤ ${SIZE_BUDGETS[context].targetKib} KiB (${bytes(targetBytes)} B)`;
    if (!size) return [label, 'not measured', target, ''];
    const measured = size.contexts.find((entry) => entry.context === context);
    if (!measured) return [label, 'n/a', target, 'n/a: none in the build'];
    const gzipKib = measured.jsGzipBytes / KIB;
    const result = `${gzipKib.toFixed(1)} KiB (${bytes(measured.jsGzipBytes)} B)`;
    const missed = status(measured.jsGzipBytes, targetBytes, (excess) => `${bytes(excess)} B`);
    return [label, result, target, missed];
  });
}

function popupReadyRows(result: BenchResults['popupReady']): Row[] {
  if (!result) return [['popup ready', 'not measured', '', '']];
  const loads = result.popup.samples;
  const ratioTarget = TIMING_TARGETS.popupReadyRatio;
  return [
    [`popup ready, median / p90 of ${loads} loads`, spread(result.popup), '', ''],
    [`blank extension page load, median / p90`, spread(result.blank), '', ''],
    [
      'popup ready ÷ blank page, medians',
      ratio(result.ratio),
      `≤ ${ratioTarget}`,
      ratioStatus(result.ratio, ratioTarget),
    ],
  ];
}

function signInRows(result: BenchResults['signIn']): Row[] {
  if (!result) return [['sign-in', 'not measured', '', '']];
  const api = result.apiRequestsPerSignIn;
  const requestTarget = TIMING_TARGETS.requestsPerSignIn;
  const ratioTarget = TIMING_TARGETS.signInRatio;
  const signIns = result.signIn.samples;
  return [
    [`sign-in, click to signed in, median / p90 of ${signIns}`, spread(result.signIn), '', ''],
    ['login and profile by plain fetch, median / p90', spread(result.plainFetch), '', ''],
    [
      'sign-in ÷ plain fetch, medians',
      ratio(result.ratio),
      `≤ ${ratioTarget}`,
      ratioStatus(result.ratio, ratioTarget),
    ],
    [
      'Studio API requests per sign-in',
      range(api),
      `≤ ${requestTarget}`,
      status(api.max, requestTarget, String),
    ],
    ['other requests to Studio per sign-in', range(result.otherRequestsPerSignIn), '', ''],
  ];
}

function injectionRows(
  origin: string,
  result: (InjectionResult & { ratio: number }) | undefined,
): Row[] {
  if (!result) return [[`API calls from a ${origin}`, 'not measured', '', '']];
  const calls = result.extensionHeader.samples;
  const preflights = result.preflightsPerCall;
  const target = TIMING_TARGETS.injectionRatio;
  return [
    [
      `${origin} API call, extension's header, median / p90 of ${calls}`,
      spread(result.extensionHeader),
      '',
      '',
    ],
    [`${origin} API call, page's own header, median / p90`, spread(result.pageHeader), '', ''],
    [
      `${origin}: CORS preflights per call, extension / page`,
      `${preflights.extensionHeader} / ${preflights.pageHeader}`,
      '',
      '',
    ],
    [
      `${origin}: extension ÷ page header, medians`,
      ratio(result.ratio),
      `≤ ${target}`,
      ratioStatus(result.ratio, target),
    ],
  ];
}

function workerStartRows(result: Summary | undefined): Row[] {
  const target = TIMING_TARGETS.workerStartMs;
  if (!result) return [['worker start', 'not measured', `≤ ${target} ms`, '']];
  const label = `worker start to reconciled, median / p90 of ${result.samples} restarts`;
  return [
    [
      label,
      spread(result),
      `≤ ${target} ms`,
      status(result.median, target, (excess) => `${excess.toFixed(1)} ms`),
    ],
  ];
}

/** Returns "met", or "missed by" the excess over `target`, written by `format`. */
function status(value: number, target: number, format: (excess: number) => string): string {
  return value <= target ? 'met' : `missed by ${format(value - target)}`;
}

/** Compares a ratio as printed, to 2 decimals, so that a printed 1.05 meets a target of 1.05. */
function ratioStatus(value: number, target: number): string {
  const printed = Number(ratio(value));
  return status(printed, target, (excess) => excess.toFixed(2));
}

function spread(summary: Summary): string {
  return `${summary.median.toFixed(1)} / ${summary.p90.toFixed(1)} ms`;
}

function range({ min, max }: Range): string {
  return min === max ? `${max}` : `${min} to ${max}`;
}

function ratio(value: number): string {
  return value.toFixed(2);
}

function bytes(count: number): string {
  return count.toLocaleString('en-US');
}

function table(headings: string[], rows: string[][]): string {
  const lines = [headings, headings.map(() => '---'), ...rows];
  return lines.map((cells) => `| ${cells.join(' | ')} |`).join('\n');
}
