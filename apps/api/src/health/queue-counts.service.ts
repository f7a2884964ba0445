import { Injectable, Logger, OnApplicationShutdown } from '@nestjs/common';
import { AppConfig, InjectConfig } from '@wallet/config';
import { QueueName, queueKeyPrefix } from '@wallet/shared';
import { Queue } from 'bullmq';
import Redis from 'ioredis';

/** Jobs per state in one queue. */
export interface QueueCounts {
  waiting: number;
  active: number;
  delayed: number;
  failed: number;
}

const STATES: (keyof QueueCounts)[] = ['waiting', 'active', 'delayed', 'failed'];

/**
 * Reads the worker's BullMQ queues so that failed jobs are visible from `/health/ready`
 * (docs/design.md §6). BullMQ refuses the shared client's key prefix, hence a connection of its own; like
 * the shared one it fails fast while Redis is unreachable, so readiness answers at once.
 */
@Injectable()
export class QueueCountsService implements OnApplicationShutdown {
  private readonly redis: Redis;
  private readonly queues: [QueueName, Queue][];

  constructor(@InjectConfig() config: AppConfig) {
    const logger = new Logger(QueueCountsService.name);
    // Connects at once, never lazily: BullMQ waits for a connecting client, but gives up for good
    // on a lazy one whose first connect fails.
    this.redis = new Redis(config.redisUrl, {
      enableOfflineQueue: false,
      maxRetriesPerRequest: 0,
      connectTimeout: 1_000,
      commandTimeout: 1_000,
      retryStrategy: (attempt) => Math.min(attempt * 100, 1_000),
      connectionName: 'wallet-api-queue-counts',
    });
    // The readiness check's Redis indicator reports outages; these would only repeat it.
    this.redis.on('error', (error: Error) => logger.debug(`Redis: ${error.message}`));
    const prefix = queueKeyPrefix(config.redisKeyPrefix);
    this.queues = Object.values(QueueName).map((name) => {
      const queue = new Queue(name, { connection: this.redis, prefix });
      queue.on('error', (error: Error) => logger.debug(`queue ${name}: ${error.message}`));
      return [name, queue];
    });
  }

  /** Counts per queue; rejects when Redis does not answer. */
  async counts(): Promise<Record<QueueName, QueueCounts>> {
    if (this.redis.status !== 'ready') throw new Error(`Redis connection is ${this.redis.status}`);
    const result = {} as Record<QueueName, QueueCounts>;
    await Promise.all(
      this.queues.map(async ([name, queue]) => {
        const counts = await queue.getJobCounts(...STATES);
        result[name] = {
          waiting: counts.waiting ?? 0,
          active: counts.active ?? 0,
          delayed: counts.delayed ?? 0,
          failed: counts.failed ?? 0,
        };
      }),
    );
    return result;
  }

  async onApplicationShutdown(): Promise<void> {
    await Promise.all(this.queues.map(([, queue]) => queue.close()));
    this.redis.disconnect();
  }
}
