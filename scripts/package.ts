/**
 * Writes the packages for a release from the builds in dist/ (run `npm run build` first, or
 * `npm run package`, which builds):
 *
 * - edge-impulse-session-VERSION-chrome.zip, for the Chrome Web Store, from dist/chrome
 * - edge-impulse-session-VERSION-firefox.zip, for addons.mozilla.org, from dist/firefox
 * - edge-impulse-session-VERSION-sources.zip, the source code that Mozilla's reviewers
 *   build the Firefox package from: the files git tracks or would track, without the
 *   end-to-end tests, the stand-in Studio, the benchmarks, CI and screenshots
 *
 * Usage: node scripts/run.js scripts/package.ts [--out-dir DIR]   (default: dist)
 */
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, readFile, readdir } from 'node:fs/promises';
import { join, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { writeZip, type ZipInput } from './zip';

const BROWSERS = ['chrome', 'firefox'] as const;

/** Folders of the repository that building the extension does not need. */
const NOT_IN_SOURCES = ['test/', 'bench/', '.ci/', 'docs/screenshots/'];

/** Returns the file name of a package, such as edge-impulse-session-0.1.0-chrome.zip. */
export function packageName(version: string, kind: (typeof BROWSERS)[number] | 'sources') {
  return `edge-impulse-session-${version}-${kind}.zip`;
}

async function main(): Promise<void> {
  const { values } = parseArgs({ options: { 'out-dir': { type: 'string', default: 'dist' } } });
  const outDir = resolve(values['out-dir']);
  const { version } = JSON.parse(await readFile('package.json', 'utf8')) as { version: string };
  await mkdir(outDir, { recursive: true });

  for (const browser of BROWSERS) {
    const buildDir = resolve('dist', browser);
    if (!existsSync(join(buildDir, 'manifest.json'))) {
      throw new Error(`No build in ${buildDir}: run "npm run build" first.`);
    }
    await writePackage(join(outDir, packageName(version, browser)), await storeFiles(buildDir));
  }
  await writePackage(join(outDir, packageName(version, 'sources')), sourceFiles());
}

async function writePackage(zipPath: string, files: ZipInput[]): Promise<void> {
  await writeZip(zipPath, files);
  const relativePath = relative('.', zipPath);
  const displayPath = relativePath.startsWith('..') ? zipPath : relativePath;
  process.stdout.write(`Wrote ${displayPath} (${files.length} files)\n`);
}

/** Lists a build for a store package. Source maps stay out: the sources package has the code. */
async function storeFiles(buildDir: string): Promise<ZipInput[]> {
  const entries = await readdir(buildDir, { recursive: true, withFileTypes: true });
  return entries
    .filter((entry) => entry.isFile() && !entry.name.endsWith('.map'))
    .map((entry) => {
      const path = join(entry.parentPath, entry.name);
      return { name: relative(buildDir, path).split(sep).join('/'), path };
    });
}

/**
 * Lists the files that git tracks, and untracked files that .gitignore does not exclude, as
 * they are in the working tree, so that the sources match a build made from this tree.
 */
function sourceFiles(): ZipInput[] {
  const args = ['ls-files', '-z', '--cached', '--others', '--exclude-standard'];
  let output: Buffer;
  try {
    output = execFileSync('git', args, { stdio: ['ignore', 'pipe', 'pipe'] });
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new Error(`Listing the sources with git failed. Run this in a git checkout. ${reason}`);
  }
  const names = [...new Set(output.toString('utf8').split('\0'))].filter(Boolean);
  return names
    .filter((name) => !NOT_IN_SOURCES.some((folder) => name.startsWith(folder)))
    .filter((name) => existsSync(name)) // tracked files deleted in the working tree
    .map((name) => ({ name, path: resolve(name) }));
}

// Tests import packageName without writing packages.
if (process.argv[1] === fileURLToPath(import.meta.url)) await main();
