import type { INestApplicationContext } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { type AppConfig, loadConfig } from '@wallet/config';
import { runMigrations } from '@wallet/database';
import { type JobName, type JobPayloads, QueueName } from '@wallet/shared';
import { queueKeyPrefix } from '@wallet/messaging';
import { Queue } from 'bullmq';
import { randomUUID } from 'node:crypto';
import { Logger } from 'nestjs-pino';
import { Client } from 'pg';
import { WorkerModule } from '../../../apps/worker/src/worker.module';

/**
 * A database of the test file's own, made from the run's TEST_DATABASE_URL and migrated. A worker
 * relays every pending outbox row of its database, so two test files running workers on one
 * database would take each other's rows; each file that starts a worker uses its own.
 */
export interface TestDatabase {
  url: string;
  drop(): Promise<void>;
}

export async function createTestDatabase(label: string): Promise<TestDatabase> {
  const url = new URL(process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/wallet_test');
  url.pathname = `${url.pathname}_${label.replace(/\W/g, '_')}`.slice(0, 64);
  await runMigrations(loadConfig({ DATABASE_URL: url.toString() }));
  return {
    url: url.toString(),
    async drop() {
      const name = decodeURIComponent(url.pathname.slice(1));
      const admin = new URL(url);
      admin.pathname = '/postgres';
      const client = new Client({ connectionString: admin.toString() });
      await client.connect();
      await client.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
      await client.end();
    },
  };
}

/** A Redis key prefix no other test file uses, inside the run's own (TEST_REDIS_PREFIX). */
export function uniqueRedisPrefix(label: string): string {
  return `${process.env.TEST_REDIS_PREFIX ?? 'wallet-test:'}${label}-${randomUUID().slice(0, 8)}:`;
}

/** A worker configuration for tests, as `loadConfig` builds it at boot; `overrides` are env variables. */
export function workerTestConfig(overrides: Record<string, string> = {}): AppConfig {
  return loadConfig({
    NODE_ENV: 'test',
    DATABASE_URL: process.env.TEST_DATABASE_URL,
    REDIS_URL: process.env.REDIS_URL,
    REDIS_KEY_PREFIX: process.env.TEST_REDIS_PREFIX,
    MAIL_FROM: 'Digital Wallet <no-reply@wallet.test>',
    // info, so transaction results reach the collected logs.
    LOG_LEVEL: 'info',
    ...overrides,
  });
}

/** One pino line, parsed. */
export type LogLine = Record<string, unknown> & { level: number; msg: string };

/**
 * Every log line of the workers started in this process. nestjs-pino keeps one root logger per
 * process (per Jest test file), created by the first LoggerModule: every worker started here
 * writes to this collector, and a test file that reads it starts a worker before any API.
 */
export const workerLogs: LogLine[] = [];
const logDestination = {
  write(line: string) {
    workerLogs.push(JSON.parse(line) as LogLine);
  },
};

export interface TestWorker {
  app: INestApplicationContext;
  config: AppConfig;
  /** Closes the worker as SIGTERM does: jobs in progress finish first. */
  close(): Promise<void>;
}

/** The worker process's Nest application, started in the test process. */
export async function startWorker(config: AppConfig): Promise<TestWorker> {
  const app = await NestFactory.createApplicationContext(WorkerModule.forRoot(config, { logDestination }), {
    bufferLogs: true,
  });
  app.useLogger(app.get(Logger));
  await app.init();
  return { app, config, close: () => app.close() };
}

/** An outbox message as the API writes it (apps/api/src/notifications/outbox.repository.ts). */
export interface OutboxMessage<K extends JobName = JobName> {
  kind: K;
  payload: JobPayloads[K];
}

export function outboxMessage<K extends JobName>(kind: K, payload: JobPayloads[K]): OutboxMessage<K> {
  return { kind, payload };
}

/** Inserts messages in one committed transaction, the way a money move does; returns their ids. */
export async function insertOutbox(databaseUrl: string, ...messages: OutboxMessage[]): Promise<number[]> {
  const client = new Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    await client.query('BEGIN');
    const values = messages.map((_, i) => `($${2 * i + 1}, $${2 * i + 2})`).join(', ');
    const { rows } = await client.query<{ id: string }>(
      `INSERT INTO outbox (kind, payload) VALUES ${values} RETURNING id`,
      messages.flatMap((message) => [message.kind, JSON.stringify(message.payload)]),
    );
    await client.query('COMMIT');
    return rows.map((row) => Number(row.id));
  } finally {
    await client.end();
  }
}

/** Runs one query on the database (test assertions and set-up). */
export async function query<R extends object = Record<string, unknown>>(
  databaseUrl: string,
  sql: string,
  params: unknown[] = [],
): Promise<R[]> {
  const client = new Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    return (await client.query<R>(sql, params)).rows;
  } finally {
    await client.end();
  }
}

/** The worker's queues, opened from the test to look at jobs. */
export interface TestQueues {
  email: Queue;
  transactionLog: Queue;
  /** Deletes both queues and every job in them (after the workers have stopped), then closes. */
  obliterate(): Promise<void>;
  close(): Promise<void>;
}

export function openQueues(config: AppConfig): TestQueues {
  const options = { connection: { url: config.redisUrl }, prefix: queueKeyPrefix(config.redisKeyPrefix) };
  const email = new Queue(QueueName.EMAIL, options);
  const transactionLog = new Queue(QueueName.TRANSACTION_LOG, options);
  for (const queue of [email, transactionLog]) queue.on('error', () => undefined);
  const close = async () => {
    await Promise.all([email.close(), transactionLog.close()]);
  };
  return {
    email,
    transactionLog,
    close,
    obliterate: async () => {
      await Promise.all([email.obliterate({ force: true }), transactionLog.obliterate({ force: true })]);
      await close();
    },
  };
}
