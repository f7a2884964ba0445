import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { AppConfig, loadConfig } from '@wallet/config';
import supertest from 'supertest';
import { createApp } from '../../../apps/api/src/app.factory';
import { ContractProxy, contractEnabled } from './contract';
import { closeTestDb } from './db';

export const ADMIN_SECRET = 'test-admin-registration-secret-of-32-or-more-characters';

/**
 * The configuration tests run with: the run's own database, generous IP rate limit, and four eyes
 * off (docs/design.md §15), so that a test of anything else needs no second admin to fund a wallet;
 * approvals.e2e-spec turns it on.
 */
export function testConfig(overrides: Record<string, string> = {}): AppConfig {
  return loadConfig({
    NODE_ENV: 'test',
    DATABASE_URL: process.env.TEST_DATABASE_URL,
    REDIS_URL: process.env.REDIS_URL,
    REDIS_KEY_PREFIX: process.env.TEST_REDIS_PREFIX,
    DATABASE_POOL_SIZE: '20',
    ADMIN_REGISTRATION_SECRET: ADMIN_SECRET,
    LOGIN_RATE_LIMIT_PER_IP: '100000',
    REGISTRATION_RATE_LIMIT_PER_IP: '100000',
    APPROVAL_THRESHOLD: '0',
    LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? 'error',
    ...overrides,
  });
}

export interface TestApi {
  app: NestFastifyApplication;
  /** Where clients reach the API: the API itself, or the contract proxy in front of it. */
  url: string;
  http: ReturnType<typeof supertest>;
  close(): Promise<void>;
}

/**
 * A real API instance (Postgres, Redis) served on an ephemeral port. With the contract check on
 * (jest project `contract`, or CONTRACT=1), clients reach it through Prism validating every
 * exchange against openapi.json, and close() fails if any disagreed.
 */
export async function startApi(overrides: Record<string, string> = {}): Promise<TestApi> {
  const app = await createApp(testConfig(overrides));
  await app.listen({ port: 0, host: '127.0.0.1' });
  const direct = await app.getUrl();
  const contract = contractEnabled() ? await ContractProxy.start(direct) : undefined;
  const url = contract?.url ?? direct;
  const close = async () => {
    try {
      await app.close();
    } finally {
      await contract?.closeAndCheck();
    }
  };
  return { app, url, http: supertest(url), close };
}

/** The end of a file's API tests: the API (and its contract check), then the pool of `testDb()`. */
export async function stopApi(api: TestApi | undefined): Promise<void> {
  await api?.close();
  await closeTestDb();
}
