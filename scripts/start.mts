// `npm start` (docs/design.md §9): build, migrate, then run every process for local use (api, worker and
// console) with its output prefixed; Ctrl-C (or any process exiting) stops them all.
import { type ChildProcessByStdio, spawn, spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import type { Readable } from 'node:stream';

const root = new URL('..', import.meta.url).pathname;

function step(description: string, command: string, args: string[]): void {
  console.log(`\n> ${description}`);
  const result = spawnSync(command, args, { cwd: root, stdio: 'inherit' });
  if (result.status !== 0) process.exit(result.status ?? 1);
}

step('Building', 'npm', ['run', 'build', '--silent']);
step('Applying migrations', 'npm', ['run', 'migration:run', '--silent']);

// Node directly rather than `npm run start:*`, so a stop signal reaches each process itself; each
// in a process group of its own, so stopping it also stops anything it started.
// The console proxies /api from this machine, so the API trusts loopback; but as any local process
// could then forge X-Forwarded-For, the API believes it only on requests that carry this run's own
// secret, which the console server is given too (and sends as X-Proxy-Secret).
process.env.TRUST_PROXY ??= 'loopback';
process.env.TRUST_PROXY_SECRET ??= randomBytes(32).toString('hex');
// Readable log lines for a person at a terminal; production keeps JSON (the default).
process.env.LOG_FORMAT ??= 'pretty';
const processes: Array<[name: string, args: string[]]> = [
  ['api', ['scripts/dist-run.mts', 'api', 'main']],
  ['worker', ['scripts/dist-run.mts', 'worker', 'main']],
  ['console', ['scripts/console-server.mts']],
];

let stopping = false;
const children = processes.map(([name, args]): ChildProcessByStdio<null, Readable, Readable> => {
  const child = spawn(process.execPath, args, {
    cwd: root,
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true,
  });
  for (const stream of [child.stdout, child.stderr]) {
    let partial = '';
    stream.on('data', (chunk: Buffer) => {
      const lines = (partial + chunk.toString()).split('\n');
      partial = lines.pop() ?? '';
      for (const line of lines) console.log(`[${name}] ${line}`);
    });
  }
  child.on('exit', (code, signal) => {
    if (!stopping) console.log(`[${name}] exited with ${code ?? signal}`);
    stopAll(code ?? 1);
  });
  return child;
});

function stopAll(code: number): void {
  if (stopping) return;
  stopping = true;
  for (const child of children) {
    try {
      if (child.pid !== undefined) process.kill(-child.pid, 'SIGTERM');
    } catch {
      // already gone
    }
  }
  setTimeout(() => process.exit(code), 10_000).unref();
  void Promise.all(
    children.map(
      (child) =>
        new Promise<void>((resolve) =>
          child.exitCode !== null ? resolve() : child.on('exit', () => resolve()),
        ),
    ),
  ).then(() => process.exit(code));
}
process.on('SIGINT', () => stopAll(0));
process.on('SIGTERM', () => stopAll(0));
console.log(
  '\nConsole on http://localhost:3000 and API on http://localhost:8000 (Swagger UI at /docs) unless ' +
    'CONSOLE_PORT or PORT say otherwise. Ctrl-C stops everything.',
);
