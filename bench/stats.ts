/** Summary statistics of timed samples, in milliseconds. */

export interface Summary {
  samples: number;
  median: number;
  p90: number;
  min: number;
  max: number;
}

/** Returns the value at `fraction` (0 to 1) of the samples, by the nearest-rank method. */
export function percentile(samples: readonly number[], fraction: number): number {
  const sorted = sortedCopy(samples);
  const rank = Math.max(1, Math.ceil(fraction * sorted.length));
  return sorted[rank - 1]!;
}

/** Returns the middle sample, or the mean of the two middle samples of an even count. */
export function median(samples: readonly number[]): number {
  const sorted = sortedCopy(samples);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}

export function summarize(samples: readonly number[]): Summary {
  return {
    samples: samples.length,
    median: median(samples),
    p90: percentile(samples, 0.9),
    min: Math.min(...samples),
    max: Math.max(...samples),
  };
}

/** Returns the median of `measured` divided by the median of `baseline`. */
export function medianRatio(measured: Summary, baseline: Summary): number {
  return measured.median / baseline.median;
}

function sortedCopy(samples: readonly number[]): number[] {
  if (samples.length === 0) throw new Error('Cannot summarize an empty list of samples');
  return [...samples].sort((a, b) => a - b);
}
