import './register-paths';
import { loadConfig } from '@wallet/config';
import { runMigrations } from '@wallet/database';

/** A fresh database and Redis key space per run, migrated the way production is. */
export default async function globalSetup(): Promise<void> {
  const base = new URL(process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/wallet');
  base.pathname = `/wallet_test_${Date.now()}_${process.pid}`;
  process.env.TEST_DATABASE_URL = base.toString();
  process.env.TEST_REDIS_PREFIX = `wallet-test:${Date.now()}:`;
  await runMigrations(loadConfig({ DATABASE_URL: base.toString() }));
}
