// Runs before `npm start` and `npm test` (docs/design.md §9), after scripts/check-node.cjs has
// refused a Node.js older than package.json's engines: installs dependencies when they are missing
// or older than package-lock.json, then checks that PostgreSQL and Redis answer, and says plainly
// what is missing instead of failing later with a stack trace. Uses Node built-ins only, since it
// runs before node_modules exists.
import { spawnSync } from 'node:child_process';
import { existsSync, statSync } from 'node:fs';
import { connect } from 'node:net';
import { loadDotEnv } from './lib/dot-env.ts';

const root = new URL('..', import.meta.url).pathname;

function ensureDependencies(): void {
  const installed = `${root}node_modules/.package-lock.json`;
  const lock = `${root}package-lock.json`;
  if (existsSync(installed) && statSync(installed).mtimeMs >= statSync(lock).mtimeMs) return;
  console.log('Installing dependencies (npm ci)…');
  const result = spawnSync('npm', ['ci', '--no-audit', '--no-fund'], { cwd: root, stdio: 'inherit' });
  if (result.status !== 0) {
    console.error('npm ci failed: see the messages above.');
    process.exit(1);
  }
}

/** The environment as the app will see it: process variables over a local .env file. */
function environment(): NodeJS.ProcessEnv {
  loadDotEnv(`${root}.env`);
  return process.env;
}

function answers(host: string, port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect({ host, port, timeout: 2_000 });
    socket.once('connect', () => {
      socket.end();
      resolve(true);
    });
    socket.once('timeout', () => {
      socket.destroy();
      resolve(false);
    });
    socket.once('error', () => resolve(false));
  });
}

async function checkService(
  name: string,
  rawUrl: string,
  defaultPort: number,
  hint: string,
): Promise<boolean> {
  const url = new URL(rawUrl);
  const host = url.hostname || '127.0.0.1';
  const port = Number(url.port || defaultPort);
  if (await answers(host, port)) return true;
  console.error(`${name} does not answer at ${host}:${port}. ${hint}`);
  return false;
}

ensureDependencies();
const env = environment();
const checks = await Promise.all([
  checkService(
    'PostgreSQL',
    env.DATABASE_URL || 'postgres://postgres@127.0.0.1:5432/wallet',
    5432,
    'Start PostgreSQL or set DATABASE_URL (see .env.example).',
  ),
  checkService(
    'Redis',
    env.REDIS_URL || 'redis://127.0.0.1:6379',
    6379,
    'Start Redis or set REDIS_URL (see .env.example).',
  ),
]);
if (checks.includes(false)) process.exit(1);
