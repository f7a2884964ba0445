import { Injectable, OnApplicationShutdown } from '@nestjs/common';
import { AppConfig, InjectConfig } from '@wallet/config';
import { QueueClient } from '@wallet/messaging';
import { QueueName } from '@wallet/shared';

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
 * (docs/design.md §6), on a queue client that fails fast while Redis is unreachable, so readiness
 * answers at once. (The readiness check's Redis indicator reports outages.)
 */
@Injectable()
export class QueueCountsService implements OnApplicationShutdown {
  private readonly client: QueueClient;

  constructor(@InjectConfig() config: AppConfig) {
    this.client = new QueueClient(config, 'wallet-api-queue-counts', {
      maxRetriesPerRequest: 0,
      connectTimeoutMs: 1_000,
      commandTimeoutMs: 1_000,
      retryDelayMs: (attempt) => Math.min(attempt * 100, 1_000),
    });
  }

  /** Counts per queue; rejects when Redis does not answer. */
  async counts(): Promise<Record<QueueName, QueueCounts>> {
    if (!this.client.ready) throw new Error(`Redis connection is ${this.client.status}`);
    const result = {} as Record<QueueName, QueueCounts>;
    await Promise.all(
      this.client.all.map(async ([name, queue]) => {
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

  onApplicationShutdown(): Promise<void> {
    return this.client.close();
  }
}
