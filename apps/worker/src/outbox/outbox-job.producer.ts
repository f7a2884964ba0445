import { Injectable, Logger } from '@nestjs/common';
import { AppConfig, InjectConfig } from '@wallet/config';
import { JOB_QUEUE, QueueName, queueKeyPrefix } from '@wallet/shared';
import { Queue } from 'bullmq';
import Redis from 'ioredis';
import { JOB_OPTIONS, redisRetryDelayMs } from '../queues/queue-options';
import type { OutboxJob } from './outbox.repository';

/**
 * Adds outbox rows to their BullMQ queues. Its Redis connection fails fast while Redis is
 * unreachable (no offline queue, commands time out) so that the relay, which adds jobs inside an
 * open database transaction, rolls back at once and retries on its next pass instead of holding
 * the rows locked until Redis returns. BullMQ's blocking-worker requirement
 * (`maxRetriesPerRequest: null`) does not apply to a producer.
 */
@Injectable()
export class OutboxJobProducer {
  private readonly logger = new Logger(OutboxJobProducer.name);
  private readonly redis: Redis;
  private readonly queues: Map<QueueName, Queue>;

  constructor(@InjectConfig() config: AppConfig) {
    // Connects at once, never lazily: BullMQ waits for a connecting client to become ready, but
    // gives up for good on a lazy one whose first connect fails.
    this.redis = new Redis(config.redisUrl, {
      enableOfflineQueue: false,
      maxRetriesPerRequest: 1,
      connectTimeout: 2_000,
      commandTimeout: 5_000,
      retryStrategy: redisRetryDelayMs,
      connectionName: 'wallet-worker-relay',
    });
    // Connection errors reach the log through the relay's outage report, once per outage.
    this.redis.on('error', (error: Error) => this.logger.debug(`Redis: ${error.message}`));
    const prefix = queueKeyPrefix(config.redisKeyPrefix);
    this.queues = new Map(
      Object.values(QueueName).map((name) => {
        const queue = new Queue(name, { connection: this.redis, prefix });
        queue.on('error', (error: Error) => this.logger.debug(`queue ${name}: ${error.message}`));
        return [name, queue];
      }),
    );
  }

  /** Whether Redis answers now; the relay does not open a transaction when it does not. */
  get ready(): boolean {
    return this.redis.status === 'ready';
  }

  /** Adds the jobs under their ids, derived from their outbox rows', so adding one again is a no-op. */
  async enqueue(jobs: OutboxJob[]): Promise<void> {
    const byQueue = new Map<QueueName, OutboxJob[]>();
    for (const job of jobs) {
      const queueName = JOB_QUEUE[job.name];
      byQueue.set(queueName, [...(byQueue.get(queueName) ?? []), job]);
    }
    await Promise.all(
      [...byQueue].map(([queueName, queueJobs]) =>
        this.queue(queueName).addBulk(
          queueJobs.map((job) => ({
            name: job.name,
            data: job.data,
            opts: { ...JOB_OPTIONS[queueName], jobId: job.id },
          })),
        ),
      ),
    );
  }

  /** Called by the relay once it has stopped, so no pass is still adding jobs. */
  async close(): Promise<void> {
    await Promise.all([...this.queues.values()].map((queue) => queue.close()));
    this.redis.disconnect();
  }

  private queue(name: QueueName): Queue {
    const queue = this.queues.get(name);
    if (!queue) throw new Error(`no queue ${name}`);
    return queue;
  }
}
