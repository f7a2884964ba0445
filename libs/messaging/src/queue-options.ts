import type { AppConfig } from '@wallet/config';
import { QueueName } from '@wallet/shared';
import type { JobsOptions, QueueOptions, RedisOptions } from 'bullmq';
import { queueKeyPrefix } from './queues';

/**
 * Completed jobs are kept for an hour, and at most this many per queue: a re-add under the same
 * job id must find the job (see below), but Redis must not hold every job of a busy day.
 */
const KEEP_COMPLETED = { age: 60 * 60, count: 100_000 };

/**
 * Reconnects soon after a short outage and at most every 2 s during a long one (BullMQ's own
 * default backs off to 20 s, which would delay mail by that much after Redis returns).
 */
export function redisRetryDelayMs(attempt: number): number {
  return Math.min(attempt * 250, 2_000);
}

/**
 * What the `@nestjs/bullmq` processors connect with. Given options rather than a client, BullMQ
 * opens and closes its own connections (a command and a blocking one per worker), kept apart
 * from every other Redis use; `maxRetriesPerRequest: null` is what BullMQ requires of them, so a
 * worker waits out an outage instead of failing its commands.
 */
export function workerQueueOptions(config: AppConfig): QueueOptions {
  const connection: RedisOptions = {
    url: config.redisUrl,
    maxRetriesPerRequest: null,
    retryStrategy: redisRetryDelayMs,
    connectionName: 'wallet-worker',
  };
  return { connection, prefix: queueKeyPrefix(config.redisKeyPrefix) };
}

/**
 * Per-queue job settings, given by the relay on every job it adds (docs/design.md §6).
 *
 * - Completed jobs stay an hour (at most 100,000 per queue): the relay re-adds a row only when its
 *   database commit failed after the job was added, and retries that within seconds; a re-add
 *   under the same job id is a no-op only while the job still exists, so the window must be far
 *   longer than any such retry.
 * - Failed jobs stay (the newest 10,000) so they can be counted in `/health/ready`, inspected and
 *   retried by hand.
 */
export const JOB_OPTIONS: Record<QueueName, JobsOptions> = {
  // SMTP failures do not count here: the processor delays the job itself, with the capped backoff
  // of EMAIL_RETRY_*, for as long as the email is pending in Postgres. These attempts cover what
  // else can fail an attempt (Postgres unreachable); a job failed for good is enqueued again
  // from its `email_deliveries` row.
  [QueueName.EMAIL]: {
    attempts: 13,
    backoff: { type: 'exponential', delay: 1_000, jitter: 0.2 },
    removeOnComplete: KEEP_COMPLETED,
    removeOnFail: { count: 10_000 },
  },
  // Logging fails only when the process is in trouble; a few quick retries are plenty.
  [QueueName.TRANSACTION_LOG]: {
    attempts: 5,
    backoff: { type: 'exponential', delay: 1_000 },
    removeOnComplete: KEEP_COMPLETED,
    removeOnFail: { count: 10_000 },
  },
};
