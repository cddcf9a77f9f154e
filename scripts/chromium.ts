/** Starts Chromium in a window with the built extension and a new profile, for a person to use. */
import { spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const EXTENSION_DIR = resolve('dist/chrome');

export interface ChromiumOptions {
  startUrl: string;
  /** Extra switches, such as `--host-resolver-rules` for the stand-in Studio. */
  extraArgs?: string[];
}

/** Runs Chromium until its window is closed, then deletes the profile. */
export async function runChromium({ startUrl, extraArgs = [] }: ChromiumOptions): Promise<void> {
  const profileDir = await mkdtemp(join(tmpdir(), 'ei-session-start-'));
  const args = [
    `--user-data-dir=${profileDir}`,
    '--no-first-run',
    '--no-default-browser-check',
    `--disable-extensions-except=${EXTENSION_DIR}`,
    `--load-extension=${EXTENSION_DIR}`,
    ...rootArgs(),
    ...extraArgs,
    startUrl,
  ];
  try {
    await new Promise<void>((resolvePromise, reject) => {
      const chromium = spawn(CHROMIUM_PATH, args, { stdio: ['ignore', 'ignore', 'pipe'] });
      // Chromium's last lines of output explain a failed start, such as a missing display.
      let output = '';
      chromium.stderr.setEncoding('utf8').on('data', (chunk: string) => {
        output = (output + chunk).slice(-2000);
      });
      // Closes the window on Ctrl+C or `kill`, so that the profile is deleted afterwards.
      const stop = () => chromium.kill('SIGTERM');
      process.once('SIGINT', stop).once('SIGTERM', stop);
      chromium.once('error', reject);
      chromium.once('exit', (code, signal) => {
        process.off('SIGINT', stop).off('SIGTERM', stop);
        if (code === 0 || signal === 'SIGTERM' || signal === 'SIGINT') resolvePromise();
        else reject(new Error(`exited with code ${code ?? signal}. ${lastLines(output)}`));
      });
    });
  } finally {
    await rm(profileDir, { recursive: true, force: true });
  }
}

function lastLines(output: string): string {
  const lines = output.trim().split('\n').slice(-3);
  return lines.length > 0 && lines[0] !== '' ? `Its last output:\n${lines.join('\n')}` : '';
}

/** Chromium refuses to start as root unless its sandbox is off. */
function rootArgs(): string[] {
  return process.getuid?.() === 0 ? ['--no-sandbox'] : [];
}
