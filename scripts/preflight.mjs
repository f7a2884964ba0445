// Runs before `npm start` and `npm test` (docs/design.md §9): refuses a Node.js older than package.json's
// engines, installs dependencies when they are missing or older than package-lock.json, then checks
// that PostgreSQL and Redis answer, and says plainly what is missing instead of failing later with
// a stack trace. Uses Node built-ins only, since it runs before node_modules exists.
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { connect } from 'node:net';
import { loadDotEnv } from './lib/dot-env.ts';

const root = new URL('..', import.meta.url).pathname;

/** [major, minor, patch] of "v24.15.0" or "24.15". */
function parseVersion(text) {
  const match = /^v?(\d+)(?:\.(\d+))?(?:\.(\d+))?$/.exec(text.trim());
  return match ? match.slice(1).map((part) => Number(part ?? 0)) : undefined;
}

function compare(a, b) {
  for (let i = 0; i < 3; i++) if (a[i] !== b[i]) return a[i] - b[i];
  return 0;
}

/**
 * Whether `version` satisfies a range made of `||` alternatives of `^x.y.z`, `>=x.y.z`, `>x.y.z`,
 * `<x.y.z`, `<=x.y.z` and `x.y.z`; undefined for anything else (then npm's own check is the judge).
 */
function satisfies(version, range) {
  let answer = false;
  for (const alternative of range.split('||')) {
    let all = true;
    for (const comparator of alternative.trim().split(/\s+/)) {
      const match = /^(\^|>=|>|<=|<|=)?(.+)$/.exec(comparator);
      const bound = match && parseVersion(match[2]);
      if (!bound) return undefined;
      const order = compare(version, bound);
      const ok = {
        '^': order >= 0 && version[0] === bound[0],
        '>=': order >= 0,
        '>': order > 0,
        '<=': order <= 0,
        '<': order < 0,
        '=': order === 0,
      }[match[1] ?? '='];
      all &&= ok;
    }
    answer ||= all;
  }
  return answer;
}

/** "22.22.3+, 24.15.0+ or 26.0.0+" for "^22.22.3 || ^24.15.0 || >=26.0.0". */
function describe(range) {
  const parts = range.split('||').map((part) => part.trim().replace(/^(\^|>=)(\S+)$/, '$2+'));
  return parts.length > 1 ? `${parts.slice(0, -1).join(', ')} or ${parts.at(-1)}` : parts[0];
}

/** docs/design.md §11: the supported Node.js LTS lines only, with a way to get one instead of a trace. */
function checkNode() {
  const range = JSON.parse(readFileSync(`${root}package.json`, 'utf8')).engines?.node;
  const version = parseVersion(process.versions.node);
  if (!range || !version || satisfies(version, range) !== false) return;
  console.error(
    `This project runs on Node.js ${describe(range)}, 24 recommended (package.json's engines: ` +
      `${range}), not on this Node.js ${process.version} (${process.execPath}).\n` +
      'Install Node.js 24, or fetch it from the npm registry into .tools/node and put it first on ' +
      'PATH for this shell:\n\n  source scripts/use-node24.sh\n\nthen run the same command again.',
  );
  process.exit(1);
}

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
  loadDotEnv(`${root}.env`);
  return process.env;
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

checkNode();
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
