// Keeps the built JavaScript of each context within its gzip budget. The budgets, and the
// targets that some contexts are still above, are in bench/budgets.ts.
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { KIB, SIZE_BUDGETS, type BudgetedContext } from '../../bench/budgets';
import { measureBuild, unreferencedFiles } from '../../bench/sizes';
import { EXTENSION_DIR } from './extension-browser';

const build = await measureBuild(EXTENSION_DIR);

describe('size: gzip budgets', () => {
  for (const context of Object.keys(SIZE_BUDGETS) as BudgetedContext[]) {
    const gzipBytes = build.contexts.find((size) => size.context === context)?.jsGzipBytes;
    const budgetBytes = SIZE_BUDGETS[context].budgetKib * KIB;
    test(`${context} JavaScript within budget`, async () => {
      if (context === 'content' && gzipBytes === undefined) {
        // The extension has no content scripts yet; their budget applies once one is added.
        const manifest = JSON.parse(await readFile(join(EXTENSION_DIR, 'manifest.json'), 'utf8'));
        expect(manifest.content_scripts).toBeUndefined();
        return;
      }
      expect(gzipBytes, `${context} has no JavaScript in ${EXTENSION_DIR}`).toBeDefined();
      expect(
        gzipBytes,
        `${context} JavaScript is ${gzipBytes} bytes gzip, over its budget of ${budgetBytes}`,
      ).toBeLessThanOrEqual(budgetBytes);
    });
  }

  test('every built script is measured', async () => {
    // A file that no manifest entry, page or import reaches would escape every budget.
    expect(await unreferencedFiles(EXTENSION_DIR, build)).toEqual([]);
  });
});
