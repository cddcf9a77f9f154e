import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import webExt from 'web-ext';
import { describe, expect, test } from 'vitest';
import { EXTENSION_DIR as CHROME_EXTENSION_DIR } from '../e2e/extension-browser';
import { FIREFOX_EXTENSION_DIR, GECKO_ID } from './firefox-browser';

async function builtManifest(buildDir: string): Promise<Record<string, unknown>> {
  return JSON.parse(await readFile(join(buildDir, 'manifest.json'), 'utf8'));
}

describe('Firefox build', () => {
  test('web-ext lint reports no errors or warnings', async () => {
    const result = await webExt.cmd.lint(
      { sourceDir: FIREFOX_EXTENSION_DIR, output: 'none' },
      { shouldExitProgram: false },
    );

    expect(result.errors).toEqual([]);
    expect(result.warnings).toEqual([]);
  });

  test('manifest has a background script and gecko settings', async () => {
    const manifest = await builtManifest(FIREFOX_EXTENSION_DIR);

    expect(manifest.background).toEqual({ scripts: ['src/background/index.js'] });
    expect(manifest.browser_specific_settings).toEqual({
      gecko: {
        id: GECKO_ID,
        strict_min_version: '142.0',
        data_collection_permissions: { required: ['authenticationInfo'] },
      },
    });
  });

  test('background script is a classic script, not a module', async () => {
    // Firefox loads background.scripts as classic scripts, where import and export fail.
    const script = await readFile(join(FIREFOX_EXTENSION_DIR, 'src/background/index.js'), 'utf8');

    expect(script).not.toMatch(/^\s*(import|export)\b/m);
  });
});

describe('Chrome build', () => {
  test('manifest has a module service worker and no gecko settings', async () => {
    const manifest = await builtManifest(CHROME_EXTENSION_DIR);

    expect(manifest.background).toEqual({
      service_worker: 'src/background/index.js',
      type: 'module',
    });
    expect(manifest).not.toHaveProperty('browser_specific_settings');
  });
});
