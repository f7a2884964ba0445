import { type MailCatcher, type MailCatcherOptions, startMailCatcher } from './mail-catcher';
import { PrivateRedis } from './redis-server';
import { startApi, type TestApi } from './test-app';
import {
  createTestDatabase,
  openQueues,
  startWorker,
  type TestDatabase,
  type TestQueues,
  type TestWorker,
  uniqueRedisPrefix,
  workerTestConfig,
} from './test-worker';

export interface WorkerHarnessOptions {
  /** Names the file's own database and Redis key prefix. */
  label: string;
  /** How the mail catcher answers: refused recipients, slow acceptance. */
  mail?: MailCatcherOptions;
  /** A Redis server of the file's own, to stop and pause, instead of the run's. */
  privateRedis?: boolean;
  /** Settings for the worker and any API alike, over the harness's own. */
  env?: Record<string, string>;
  /** Settings for the worker only. */
  workerEnv?: Record<string, string>;
}

/**
 * What a worker test file runs against: its own database (a worker relays every pending outbox
 * row of its database, so files must not share one), its own Redis key prefix, a mail catcher as
 * the SMTP server and the worker itself, started in that order; then, if the file wants one, an
 * API on the same settings (after the worker, which owns the log collector: see `workerLogs`).
 */
export interface WorkerHarness {
  readonly database: TestDatabase;
  readonly mail: MailCatcher;
  /** Set when `privateRedis` was asked for. */
  readonly redis: PrivateRedis | undefined;
  /** DATABASE_URL, REDIS_URL (a private Redis), REDIS_KEY_PREFIX, SMTP_* and `env`: for an API too. */
  readonly env: Record<string, string>;
  /** The worker running now (see `restartWorker`). */
  readonly worker: TestWorker;
  /** The worker's queues, opened from the test on first use. */
  readonly queues: TestQueues;
  /** Starts a worker again on the same settings, after the test closed the previous one. */
  restartWorker(): Promise<TestWorker>;
  /** Starts an API on the harness's settings (plus `env`); `close()` stops it first. */
  startApi(env?: Record<string, string>): Promise<TestApi>;
  /**
   * Stops everything, whatever got started: API, worker, then the queues (emptied on the run's
   * Redis; a private one is simply stopped), the mail catcher, the private Redis, the database.
   */
  close(): Promise<void>;
}

export async function startWorkerHarness(options: WorkerHarnessOptions): Promise<WorkerHarness> {
  let database: TestDatabase | undefined;
  let redis: PrivateRedis | undefined;
  let mail: MailCatcher | undefined;
  let worker: TestWorker | undefined;
  let queues: TestQueues | undefined;
  let env: Record<string, string> = {};
  const apis: TestApi[] = [];
  const workerConfig = () => workerTestConfig({ ...env, ...options.workerEnv });

  const close = async () => {
    for (const api of apis.splice(0)) await api.close();
    await worker?.close();
    if (queues) await (redis ? queues.close() : queues.obliterate());
    // Emptied on the run's Redis even when the test never looked at them.
    else if (worker && !redis) await openQueues(worker.config).obliterate();
    await mail?.stop();
    await redis?.stop();
    await database?.drop();
  };

  try {
    database = await createTestDatabase(options.label);
    if (options.privateRedis) redis = await PrivateRedis.start();
    mail = await startMailCatcher(options.mail);
    env = {
      DATABASE_URL: database.url,
      ...(redis ? { REDIS_URL: redis.url } : {}),
      REDIS_KEY_PREFIX: uniqueRedisPrefix(options.label),
      ...mail.env,
      ...options.env,
    };
    worker = await startWorker(workerConfig());
  } catch (error) {
    await close();
    throw error;
  }

  const started = { database, mail, worker };
  return {
    database: started.database,
    mail: started.mail,
    redis,
    env,
    get worker() {
      return started.worker;
    },
    get queues() {
      return (queues ??= openQueues(started.worker.config));
    },
    async restartWorker() {
      started.worker = worker = await startWorker(workerConfig());
      return worker;
    },
    async startApi(apiEnv = {}) {
      const api = await startApi({ ...env, ...apiEnv });
      apis.push(api);
      return api;
    },
    close,
  };
}
