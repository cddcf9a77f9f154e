// Runs `npm run package`'s script into a temporary folder and checks the three ZIP files.
import { execFile } from 'node:child_process';
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, relative, sep } from 'node:path';
import { promisify } from 'node:util';
import webExt from 'web-ext';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { packageName } from '../../scripts/package';
import { listZip } from '../../scripts/zip';

const { version } = JSON.parse(await readFile('package.json', 'utf8')) as { version: string };
const TEST_FILE = /(^|\/)(test|tests|testing|__tests__)\/|\.test\.[jt]sx?$|(^|\/)test-setup\./;
let outDir: string;

beforeAll(async () => {
  outDir = await mkdtemp(join(tmpdir(), 'ei-session-package-'));
  await promisify(execFile)('node', ['scripts/run.js', 'scripts/package.ts', '--out-dir', outDir]);
});

afterAll(async () => {
  if (outDir) await rm(outDir, { recursive: true, force: true });
});

/** Lists the files of a build folder as ZIP entry names. */
async function filesOf(buildDir: string): Promise<string[]> {
  const entries = await readdir(buildDir, { recursive: true, withFileTypes: true });
  return entries
    .filter((entry) => entry.isFile())
    .map((entry) => relative(buildDir, join(entry.parentPath, entry.name)).split(sep).join('/'))
    .sort();
}

describe('package: store ZIP files', () => {
  for (const browser of ['chrome', 'firefox'] as const) {
    test(`${browser} ZIP contains the build without maps or tests`, async () => {
      const entries = await listZip(join(outDir, packageName(version, browser)));
      const built = (await filesOf(join('dist', browser))).filter((name) => !name.endsWith('.map'));

      expect(entries).toEqual(built);
      expect(entries).toContain('manifest.json');
      expect(entries.filter((name) => name.endsWith('.map'))).toEqual([]);
      expect(entries.filter((name) => TEST_FILE.test(name))).toEqual([]);
    });
  }

  test('firefox ZIP passes web-ext lint', async () => {
    const result = await webExt.cmd.lint(
      { sourceDir: join(outDir, packageName(version, 'firefox')), output: 'none' },
      { shouldExitProgram: false },
    );

    expect(result.errors).toEqual([]);
    expect(result.warnings).toEqual([]);
  });
});

describe('package: sources ZIP', () => {
  test('contains what the build needs', async () => {
    const entries = await listZip(join(outDir, packageName(version, 'sources')));

    for (const file of [
      'README.md',
      'package.json',
      'package-lock.json',
      'manifest.json',
      'vite.config.ts',
      'scripts/build.js',
      'src/background/index.ts',
      'public/_locales/en/messages.json',
    ]) {
      expect(entries).toContain(file);
    }
  });

  test('leaves out end-to-end tests, builds and dependencies', async () => {
    const entries = await listZip(join(outDir, packageName(version, 'sources')));

    for (const folder of ['test/', 'bench/', 'dist/', 'node_modules/']) {
      expect(entries.filter((name) => name.startsWith(folder))).toEqual([]);
    }
  });
});
