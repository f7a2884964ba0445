// Runs one compiled entry point, e.g. `node scripts/dist-run.mts api cli/migrate`, and says what
// to do when the build is missing instead of Node's "Cannot find module" trace.
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { distEntry } from './lib/dist.ts';

const [app, entry, ...args] = process.argv.slice(2);
if ((app !== 'api' && app !== 'worker') || !entry) {
  console.error('Usage: node scripts/dist-run.mts api|worker <entry, e.g. main or cli/migrate> [args…]');
  process.exit(2);
}
const file = new URL(`../${distEntry(app, entry)}`, import.meta.url).pathname;
if (!existsSync(file)) {
  console.error(`${file} is not built yet: run \`npm run build\` first.`);
  process.exit(1);
}
const child = spawn(process.execPath, [file, ...args], { stdio: 'inherit' });
for (const signal of ['SIGINT', 'SIGTERM'] as const) process.on(signal, () => child.kill(signal));
// End the way the child ended: with its exit code, or by the same signal (a clean stop on SIGTERM).
child.on('exit', (code, signal) => {
  if (!signal) process.exit(code ?? 0);
  process.removeAllListeners(signal);
  process.kill(process.pid, signal);
});
