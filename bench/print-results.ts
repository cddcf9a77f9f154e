/**
 * Vitest global set-up for the benchmark: removes the results of the last run before the
 * run, and prints the new results as tables after it.
 */
import { existsSync } from 'node:fs';
import { readFile, rm } from 'node:fs/promises';
import { formatResults, RESULTS_PATH, type BenchResults } from './report';

export default async function setup(): Promise<() => Promise<void>> {
  await rm(RESULTS_PATH, { force: true });
  return async () => {
    if (!existsSync(RESULTS_PATH)) {
      process.stdout.write(`\nNo results: the benchmark did not write ${RESULTS_PATH}.\n`);
      return;
    }
    const results = JSON.parse(await readFile(RESULTS_PATH, 'utf8')) as BenchResults;
    process.stdout.write(`\n${formatResults(results)}\nThe same figures: ${RESULTS_PATH}\n`);
  };
}
