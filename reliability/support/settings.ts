import { join } from 'node:path';

export const REPO_ROOT = join(__dirname, '../..');
/** Scratch space of a run (git-ignored): process logs and each scenario's figures. */
export const TMP_DIR = join(REPO_ROOT, 'reliability/tmp');
export const LOG_DIR = join(TMP_DIR, 'logs');
export const FIGURES_DIR = join(TMP_DIR, 'figures');
export const RESULTS_FILE = join(REPO_ROOT, 'reliability/RESULTS.md');

/** What the global setup prepared for this run, handed to the scenarios through the environment. */
export interface RunSettings {
  databaseUrl: string;
  redisUrl: string;
  redisPrefix: string;
  jwtSecret: string;
  adminSecret: string;
}

export function runSettings(): RunSettings {
  const get = (name: string): string => {
    const value = process.env[name];
    if (!value) throw new Error(`${name} is not set: run the suite with npm run test:reliability`);
    return value;
  };
  return {
    databaseUrl: get('REL_DATABASE_URL'),
    redisUrl: process.env.REDIS_URL ?? 'redis://127.0.0.1:6379',
    redisPrefix: get('REL_REDIS_PREFIX'),
    jwtSecret: get('REL_JWT_SECRET'),
    adminSecret: get('REL_ADMIN_SECRET'),
  };
}
