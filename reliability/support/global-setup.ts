import '../../libs/testing/src/register-paths';
import { loadConfig } from '@wallet/config';
import { runMigrations } from '@wallet/database';
import { spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { API_MAIN, WORKER_MAIN } from './processes';
import { FIGURES_DIR, LOG_DIR, REPO_ROOT } from './settings';

/** Newest modification time of any file under `dir`. */
function newestMtime(dir: string): number {
  return readdirSync(dir, { withFileTypes: true }).reduce((newest, entry) => {
    const path = join(dir, entry.name);
    const mtime = entry.isDirectory() ? newestMtime(path) : statSync(path).mtimeMs;
    return Math.max(newest, mtime);
  }, 0);
}

/**
 * The scenarios run the compiled API and worker, so a `dist` older than the sources would test old
 * code: build them first when missing or stale (`npm test` has just built them: then a no-op).
 */
function ensureBuilt(): void {
  const sources = [
    'apps/api/src',
    'apps/worker/src',
    'libs/shared/src',
    'libs/config/src',
    'libs/database/src',
  ];
  const newestSource = Math.max(...sources.map((dir) => newestMtime(join(REPO_ROOT, dir))));
  const built = (main: string) => existsSync(main) && statSync(main).mtimeMs >= newestSource;
  if (built(API_MAIN) && built(WORKER_MAIN)) return;
  console.log('\nThe API or worker in dist is missing or older than the sources: building them');
  const result = spawnSync('npx', ['nest', 'build', 'api', 'worker'], { cwd: REPO_ROOT, stdio: 'inherit' });
  if (result.status !== 0) throw new Error('nest build api worker failed');
}

/**
 * A fresh database (migrated the way production is) and Redis key space per run, a JWT secret
 * of its own, and empty scratch directories for logs and figures.
 */
export default async function globalSetup(): Promise<void> {
  ensureBuilt();
  const run = `${Date.now()}_${process.pid}`;
  const url = new URL(process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/wallet');
  url.pathname = `/wallet_rel_${run}`;
  await runMigrations(loadConfig({ DATABASE_URL: url.toString() }));

  process.env.REL_DATABASE_URL = url.toString();
  process.env.REL_REDIS_PREFIX = `wallet-rel:${run}:`;
  process.env.REL_JWT_SECRET = randomBytes(32).toString('hex');
  process.env.REL_ADMIN_SECRET = randomBytes(16).toString('hex');
  process.env.REL_STARTED_AT = String(Date.now());
  for (const dir of [FIGURES_DIR, LOG_DIR]) {
    rmSync(dir, { recursive: true, force: true });
    mkdirSync(dir, { recursive: true });
  }
}
