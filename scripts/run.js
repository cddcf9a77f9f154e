// Runs a TypeScript script with Vite's module runner, because Node 20 cannot run TypeScript
// itself. Usage: node scripts/run.js SCRIPT.ts [ARGUMENTS...]
import { resolve } from 'node:path';
import { runnerImport } from 'vite';

const [script, ...args] = process.argv.slice(2);
if (script === undefined) {
  process.stderr.write('Usage: node scripts/run.js SCRIPT.ts [ARGUMENTS...]\n');
  process.exit(2);
}
// The script reads its own arguments from process.argv, as if Node had started it.
process.argv = [process.execPath, resolve(script), ...args];
await runnerImport(resolve(script), { configFile: false, logLevel: 'warn' });
