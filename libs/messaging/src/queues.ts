import { Logger } from '@nestjs/common';
import type { AppConfig } from '@wallet/config';
import { QueueName } from '@wallet/shared';
import { Queue } from 'bullmq';
import Redis from 'ioredis';

/**
 * BullMQ's key prefix, inside the deployment's Redis key prefix (`REDIS_KEY_PREFIX`), so that
 * deployments and test runs sharing one Redis never see each other's queues. BullMQ refuses an
 * ioredis `keyPrefix`, hence its own prefix option; every queue client derives it here so they
 * all agree.
 */
export function queueKeyPrefix(redisKeyPrefix: string): string {
  return `${redisKeyPrefix}bull`;
}

/** How long a fail-fast queue client waits for Redis, and how it reconnects. */
export interface FailFastTimings {
  connectTimeoutMs: number;
  commandTimeoutMs: number;
  /** Tries per command before it fails (0: the first failure is final). */
  maxRetriesPerRequest: number;
  retryDelayMs: (attempt: number) => number;
}

/**
 * Every BullMQ queue of the deployment on one Redis connection of its own that fails fast while
 * Redis is unreachable (no offline queue, commands time out), for the clients that must answer
 * at once rather than wait an outage out: the outbox relay, which adds jobs inside an open
 * database transaction, and the API's readiness check. BullMQ's blocking-worker requirement
 * (`maxRetriesPerRequest: null`) does not apply to these: they produce or read, never consume.
 */
export class QueueClient {
  private readonly redis: Redis;
  private readonly queues: Map<QueueName, Queue>;

  constructor(
    config: Pick<AppConfig, 'redisUrl' | 'redisKeyPrefix'>,
    connectionName: string,
    timings: FailFastTimings,
  ) {
    const logger = new Logger(connectionName);
    // Connects at once, never lazily: BullMQ waits for a connecting client to become ready, but
    // gives up for good on a lazy one whose first connect fails.
    this.redis = new Redis(config.redisUrl, {
      enableOfflineQueue: false,
      maxRetriesPerRequest: timings.maxRetriesPerRequest,
      connectTimeout: timings.connectTimeoutMs,
      commandTimeout: timings.commandTimeoutMs,
      retryStrategy: timings.retryDelayMs,
      connectionName,
    });
    // Outages are reported once each by the client's user (the relay's outage log, the readiness
    // check); every failed reconnect would only repeat it.
    this.redis.on('error', (error: Error) => logger.debug(`Redis: ${error.message}`));
    const prefix = queueKeyPrefix(config.redisKeyPrefix);
    this.queues = new Map(
      Object.values(QueueName).map((name) => {
        const queue = new Queue(name, { connection: this.redis, prefix });
        queue.on('error', (error: Error) => logger.debug(`queue ${name}: ${error.message}`));
        return [name, queue];
      }),
    );
  }

  /** Whether Redis answers now. */
  get ready(): boolean {
    return this.redis.status === 'ready';
  }

  get status(): string {
    return this.redis.status;
  }

  queue(name: QueueName): Queue {
    const queue = this.queues.get(name);
    if (!queue) throw new Error(`no queue ${name}`);
    return queue;
  }

  get all(): [QueueName, Queue][] {
    return [...this.queues];
  }

  async close(): Promise<void> {
    await Promise.all([...this.queues.values()].map((queue) => queue.close()));
    this.redis.disconnect();
  }
}
