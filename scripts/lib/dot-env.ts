import { existsSync } from 'node:fs';

/**
 * Reads a `.env` file into `process.env` the way the apps' configuration does at boot
 * (libs/config/src/config.module.ts): with Node's own parser, variables already set winning.
 */
export function loadDotEnv(file = '.env'): void {
  if (existsSync(file)) process.loadEnvFile(file);
}
