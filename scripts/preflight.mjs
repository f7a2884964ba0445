// Runs before `npm start` and `npm test` (DESIGN §9): installs dependencies when they are missing
// or older than package-lock.json, then checks that PostgreSQL and Redis answer, and says plainly
// what is missing instead of failing later with a stack trace. Uses Node built-ins only, since it
// runs before node_modules exists.
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { connect } from 'node:net';

const root = new URL('..', import.meta.url).pathname;

function ensureDependencies() {
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
function environment() {
  const env = {};
  const file = `${root}.env`;
  if (existsSync(file)) {
    for (const line of readFileSync(file, 'utf8').split('\n')) {
      const match = /^\s*([A-Z0-9_]+)\s*=\s*(.*?)\s*$/.exec(line);
      if (match) env[match[1]] = match[2].replace(/^(['"])(.*)\1$/, '$2');
    }
  }
  return { ...env, ...process.env };
}

function answers(host, port) {
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

async function checkService(name, rawUrl, defaultPort, hint) {
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
